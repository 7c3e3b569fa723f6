import { PGlite } from '@electric-sql/pglite';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { type DatabaseHandle, fromPglite, openPostgres } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { rawRows } from '../../db/raw.ts';
import * as schema from '../../db/schema.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../support/db.ts';

const schemaExports: unknown[] = Object.values(schema);
const expectedTables = schemaExports
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table).name)
  .sort();

async function publicTables(handle: DatabaseHandle): Promise<string[]> {
  const rows = await rawRows<{ tablename: string }>(
    handle.db,
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  return rows.map((row) => row.tablename);
}

async function appliedMigrations(handle: DatabaseHandle): Promise<number> {
  const rows = await rawRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return rows[0]?.n ?? 0;
}

describe('migrations', () => {
  it('the schema declares the tables the mission needs', () => {
    expect(expectedTables).toEqual([
      'answer_messages',
      'answers',
      'channels',
      'drills',
      'member_channel_stats',
      'members',
      'points_daily',
      'points_ledger',
      'points_rollup',
      'practice_pending',
      'practice_state',
      'processed_events',
      'question_flags',
      'question_snapshots',
      'vote_reactions',
      'votes',
      'workspace_admins',
      'workspaces',
    ]);
  });

  it('apply to an empty PGlite database, and a second run changes nothing', async () => {
    const handle = fromPglite(await PGlite.create());
    try {
      expect(await publicTables(handle)).toEqual([]);
      await migrateDatabase(handle);
      expect(await publicTables(handle)).toEqual(expectedTables);
      const applied = await appliedMigrations(handle);
      expect(applied).toBeGreaterThan(0);
      await migrateDatabase(handle);
      expect(await appliedMigrations(handle)).toBe(applied);
    } finally {
      await handle.close();
    }
  });

  it.skipIf(!TEST_DATABASE_URL)(
    'apply to an empty PostgreSQL database once, even when three instances start together',
    async () => {
      const scratch = await createScratchDatabase();
      const handles = [0, 1, 2].map(() => openPostgres(scratch.url, { max: 2 }));
      try {
        const [first] = handles as [DatabaseHandle];
        expect(await publicTables(first)).toEqual([]);
        await Promise.all(handles.map((handle) => migrateDatabase(handle)));
        expect(await publicTables(first)).toEqual(expectedTables);
        const journal = await rawRows<{ hash: string }>(
          first.db,
          sql`select hash from drizzle.__drizzle_migrations`,
        );
        const hashes = journal.map((row) => row.hash);
        expect(new Set(hashes).size).toBe(hashes.length);
      } finally {
        await Promise.all(handles.map((handle) => handle.close()));
        await scratch.drop();
      }
    },
  );
});
