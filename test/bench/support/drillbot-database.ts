/**
 * A migrated, seeded database for a real `drillbot start` process: an embedded PGlite data
 * folder (closed again before the bot opens it: one process per folder) or a scratch database
 * on the PostgreSQL server of TEST_DATABASE_URL. Hands back the environment that points the
 * bot at it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, type Db, openEmbedded, openPostgres } from '../../../db/client.ts';
import { migrateDatabase } from '../../../db/migrate.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../../support/db.ts';
import type { BenchEngine } from './bench-db.ts';

export type { BenchEngine };

export const ENGINE_LABEL: Readonly<Record<BenchEngine, string>> = {
  pglite: 'PGlite',
  postgres: 'PostgreSQL',
};

/** The engines this environment can run: PGlite always, PostgreSQL with TEST_DATABASE_URL. */
export function availableEngines(): BenchEngine[] {
  return TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface PreparedDatabase {
  engine: BenchEngine;
  /** DATABASE_URL and/or DRILLBOT_DATA_DIR for the bot's environment. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/** Migrates and seeds through `handle`, then closes it: the bot must be its only user. */
async function migrateAndSeed(
  handle: DatabaseHandle,
  seed: (db: Db) => Promise<void>,
): Promise<void> {
  try {
    await migrateDatabase(handle);
    await seed(handle.db);
  } finally {
    await handle.close();
  }
}

/** Creates, migrates and seeds the database; nothing holds it open afterwards. */
export async function prepareDatabase(
  engine: BenchEngine,
  seed: (db: Db) => Promise<void>,
): Promise<PreparedDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drillbot-bench-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'pglite') {
    await migrateAndSeed(await openEmbedded(dataDir), seed);
    return { engine, env: { DRILLBOT_DATA_DIR: dataDir }, dispose: async () => removeDataDir() };
  }
  const scratch = await createScratchDatabase();
  await migrateAndSeed(openPostgres(scratch.url), seed);
  return {
    engine,
    env: { DATABASE_URL: scratch.url, DRILLBOT_DATA_DIR: dataDir },
    async dispose() {
      await scratch.drop();
      removeDataDir();
    },
  };
}
