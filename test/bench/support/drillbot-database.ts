/**
 * A migrated, seeded database for a real `drillbot start` process: an embedded PGlite data
 * folder (closed again before the bot opens it: one process per folder) or a scratch database
 * on the PostgreSQL server of TEST_DATABASE_URL. Hands back the environment that points the
 * bot at it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { type Db, openEmbedded, openPostgres } from '../../../db/client.ts';
import { migrateDatabase } from '../../../db/migrate.ts';

export type BenchEngine = 'pglite' | 'postgres';

export const ENGINE_LABEL: Readonly<Record<BenchEngine, string>> = {
  pglite: 'PGlite',
  postgres: 'PostgreSQL',
};

/** The test server's admin URL (the npm script starts a throwaway one). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

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

function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates, migrates and seeds the database; nothing holds it open afterwards. */
export async function prepareDatabase(
  engine: BenchEngine,
  seed: (db: Db) => Promise<void>,
): Promise<PreparedDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drillbot-bench-'));
  if (engine === 'pglite') {
    const handle = await openEmbedded(dataDir);
    try {
      await migrateDatabase(handle);
      await seed(handle.db);
    } finally {
      await handle.close();
    }
    return {
      engine,
      env: { DRILLBOT_DATA_DIR: dataDir },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const admin = TEST_DATABASE_URL;
  const name = `drillbot_bench_${randomBytes(6).toString('hex')}`;
  const server = postgres(admin, { max: 1, onnotice: () => {} });
  await server.unsafe(`create database ${name}`);
  await server.end();
  const url = withDatabase(admin, name);
  const handle = openPostgres(url);
  try {
    await migrateDatabase(handle);
    await seed(handle.db);
  } finally {
    await handle.close();
  }
  return {
    engine,
    env: { DATABASE_URL: url, DRILLBOT_DATA_DIR: dataDir },
    async dispose() {
      const again = postgres(admin, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
