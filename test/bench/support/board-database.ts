/**
 * The leaderboard benchmark's database: a scratch database on TEST_DATABASE_URL, migrated,
 * with the bundled question packs' snapshots (drills ask real questions) and the seeded
 * volume (./board-seed.ts), vacuumed and analysed as autovacuum keeps a live database.
 * Boards are then read through the production handle (db/client.ts), as the bot reads them.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { type DatabaseHandle, openPostgres } from '../../../db/client.ts';
import { migrateDatabase } from '../../../db/migrate.ts';
import { rawRows } from '../../../db/raw.ts';
import { loadCatalog } from '../../../src/content/catalog.ts';
import { createScratchDatabase } from '../../support/db.ts';
import { SEEDED_TABLES, seedBoards } from './board-seed.ts';

export interface SeededBoards {
  handle: DatabaseHandle;
  /** Row counts of the seeded tables. */
  counts: Record<string, number>;
  dispose(): Promise<void>;
}

export async function openSeededBoards(log: (line: string) => void): Promise<SeededBoards> {
  const scratch = await createScratchDatabase();
  const handle = openPostgres(scratch.url, { max: 4 });
  const seeder = postgres(scratch.url, { max: 1, onnotice: () => {} });
  const dispose = async () => {
    await seeder.end({ timeout: 5 });
    await handle.close();
    await scratch.drop();
  };
  try {
    await migrateDatabase(handle);
    await loadCatalog(handle.db, []);
    const snapshots = await rawRows<{ id: string }>(
      handle.db,
      sql`select id::text from question_snapshots order by id`,
    );
    const started = performance.now();
    await seedBoards(
      seeder,
      snapshots.map((row) => Number(row.id)),
      log,
    );
    // VACUUM as well as ANALYZE: autovacuum keeps the visibility map of these insert-mostly
    // tables set in a live database, which index-only scans rely on; a bulk load leaves none.
    await seeder.unsafe(`vacuum (analyze) ${SEEDED_TABLES.join(', ')}`);
    log(`seeding with vacuum: ${Math.round((performance.now() - started) / 1000)} s`);
    const counts: Record<string, number> = {};
    for (const table of SEEDED_TABLES) {
      const [row] = await rawRows<{ n: string }>(
        handle.db,
        sql`select count(*)::text as n from ${sql.identifier(table)}`,
      );
      counts[table] = Number(row?.n ?? 0);
    }
    return { handle, counts, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
