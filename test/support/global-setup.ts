/**
 * Runs once before all test files: builds one migrated PGlite database and dumps its data
 * folder to a tarball. Creating a PGlite from scratch costs 4-5 s here; loading the dump costs
 * about 1 s, so every test file starts from this template instead.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { fromPglite } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'drillbot-template-'));
  const client = await PGlite.create();
  const handle = fromPglite(client);
  await migrateDatabase(handle);
  const dump = await client.dumpDataDir('none');
  const file = join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
