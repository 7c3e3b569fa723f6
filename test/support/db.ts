/**
 * One migrated database per test file, on each engine under test: PGlite always, real
 * PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). On Postgres each file gets a
 * database of its own, so files running in parallel never wipe each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { type DatabaseHandle, type Db, fromPglite, openPostgres } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { rawRows } from '../../db/raw.ts';

export type Engine = 'pglite' | 'postgres';

/** The admin URL of the test server, read here only: the app reads its env in src/config.ts. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** Engines the database suites run on in this environment. */
export const ENGINES: Engine[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export async function openTemplatePglite(): Promise<DatabaseHandle> {
  const tarball = readFileSync(inject('pgliteTemplate'));
  const client = await PGlite.create({ loadDataDir: new Blob([tarball]) });
  return fromPglite(client);
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty database on the test server and returns its URL and a way to drop it. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `drillbot_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return {
    url: databaseUrl(TEST_DATABASE_URL, name),
    async drop() {
      const again = postgres(TEST_DATABASE_URL as string, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

export interface MigratedDatabase {
  handle: DatabaseHandle;
  /** The connection string, for a second connection pool (Postgres only). */
  url?: string;
  dispose(): Promise<void>;
}

export async function openMigrated(engine: Engine): Promise<MigratedDatabase> {
  if (engine === 'pglite') {
    const handle = await openTemplatePglite();
    return { handle, dispose: () => handle.close() };
  }
  const scratch = await createScratchDatabase();
  const handle = openPostgres(scratch.url, { max: 4 });
  await migrateDatabase(handle);
  return {
    handle,
    url: scratch.url,
    async dispose() {
      await handle.close();
      await scratch.drop();
    },
  };
}

/** Empties every application table (not drizzle's migration journal) and resets identities. */
export async function truncateAll(db: Db): Promise<void> {
  const rows = await rawRows<{ name: string }>(
    db,
    sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`,
  );
  const names = rows.map((row) => row.name);
  if (names.length > 0) {
    await db.execute(sql.raw(`truncate ${names.join(', ')} restart identity cascade`));
  }
}

/**
 * Registers hooks that open a migrated database for the current file (per engine) and empty
 * it before each test. Call inside `describe.each(ENGINES)`.
 */
export function useDatabase(engine: Engine): {
  readonly db: Db;
  readonly handle: DatabaseHandle;
  readonly url: string | undefined;
} {
  let opened: MigratedDatabase | undefined;
  beforeAll(async () => {
    opened = await openMigrated(engine);
  });
  afterAll(async () => {
    await opened?.dispose();
  });
  beforeEach(async () => {
    if (opened) await truncateAll(opened.handle.db);
  });
  return {
    get handle() {
      if (!opened) throw new Error('database not open yet: use it inside a test or hook');
      return opened.handle;
    },
    get db() {
      return this.handle.db;
    },
    get url() {
      return opened?.url;
    },
  };
}
