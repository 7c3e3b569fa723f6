/**
 * Applies the drizzle-kit migrations in db/migrations/. Several instances may start at once
 * against one Postgres, so migration runs under an advisory lock: the first applies, the rest
 * wait and then find nothing left to do.
 */
import { fileURLToPath } from 'node:url';
import type { MigrationConfig } from 'drizzle-orm/migrator';
import { DrillError } from '../src/core/errors.ts';
import type { DatabaseHandle } from './client.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** An arbitrary fixed key ("drillbot" in ASCII) shared by every instance. */
export const MIGRATION_LOCK_KEY = 0x6472696c6c626f74n;

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config: MigrationConfig = { migrationsFolder: MIGRATIONS_FOLDER };
  try {
    await handle.withAdvisoryLock(MIGRATION_LOCK_KEY, () => handle.applyMigrations(config));
  } catch (error) {
    throw new DrillError(
      'MIGRATION_FAILED',
      `Applying database migrations failed: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
}
