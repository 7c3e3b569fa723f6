/**
 * Opens the database: an embedded PGlite in the data folder when no DATABASE_URL is given
 * (a newcomer needs no server), otherwise postgres.js against a real server. Both are
 * returned as the same drizzle `Db`, so queries never know which engine they run on.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { MigrationConfig } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { DatabaseConfig } from '../src/config.ts';
import { DrillError } from '../src/core/errors.ts';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
type Relations = ExtractTablesWithRelations<Schema>;

/** The drizzle handle every query function takes, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, Relations>;
/** A transaction inside `db.transaction(...)`; query functions accept either. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, Relations>;
export type DbOrTx = Db | Tx;

/** A session-level advisory lock held on a pinned connection until `release()`. */
export interface LockLease {
  /**
   * Whether the lock is still held: false once released, or once the pinned connection died
   * (postgres.js would reconnect it as a new backend that holds nothing, so the backend pid
   * is compared with the one that took the lock).
   */
  check(): Promise<boolean>;
  /** Unlocks (if the connection still lives) and returns the connection to the pool. */
  release(): Promise<void>;
}

export interface DatabaseHandle {
  readonly db: Db;
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs `work` while holding a session-level advisory lock, on a connection pinned for the
   * purpose (a pooled connection could release the lock under another query).
   */
  withAdvisoryLock<T>(key: bigint, work: () => Promise<T>): Promise<T>;
  /**
   * Takes a session-level advisory lock without waiting (`pg_try_advisory_lock`) on a
   * connection pinned until the lease is released; undefined when another session holds it.
   * PGlite is one process behind the data-folder lock, so there it is always granted.
   */
  tryHoldAdvisoryLock(key: bigint): Promise<LockLease | undefined>;
  /** Applies drizzle-kit migrations with the engine's own migrator (see db/migrate.ts). */
  applyMigrations(config: MigrationConfig): Promise<void>;
  /** Round-trips a trivial query; used by health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The folder inside DRILLBOT_DATA_DIR that holds PGlite's files (beside the lock file). */
export const PGLITE_SUBDIR = 'pgdata';

export async function openEmbedded(dataDir: string): Promise<DatabaseHandle> {
  mkdirSync(dataDir, { recursive: true });
  const lock: DataDirLock = lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(join(dataDir, PGLITE_SUBDIR));
  } catch (error) {
    lock.release();
    throw new DrillError('DB_UNREACHABLE', `Could not open the embedded database in ${dataDir}`, {
      cause: error,
    });
  }
  return fromPglite(client, () => lock.release());
}

/** Wraps an already open PGlite (tests load a migrated template into memory). */
export function fromPglite(client: PGlite, onClose: () => void = () => {}): DatabaseHandle {
  const db = drizzlePglite({ client, schema });
  return {
    db,
    engine: 'pglite',
    async withAdvisoryLock(key, work) {
      // PGlite is a single connection in one process (the lock file keeps others out), so
      // the lock serialises nothing here; taking it keeps one code path for both engines.
      await client.query('select pg_advisory_lock($1)', [key.toString()]);
      try {
        return await work();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [key.toString()]);
      }
    },
    async tryHoldAdvisoryLock() {
      // One connection in one process: nobody else could hold it, so nothing to take.
      let held = true;
      return {
        check: async () => held && !client.closed,
        release: async () => {
          held = false;
        },
      };
    },
    async applyMigrations(config) {
      await migratePglite(db, config);
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        onClose();
      }
    },
  };
}

export interface PostgresOptions {
  /** Pool size; the bot needs few connections. */
  max?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): DatabaseHandle {
  const sql = postgres(url, {
    max: options.max ?? 5,
    onnotice: () => {},
    connect_timeout: 10,
    connection: { application_name: 'drillbot' },
  });
  const db = drizzlePostgres({ client: sql, schema });
  /** The connection that holds session-level locks for `tryHoldAdvisoryLock`, once used. */
  let lockSql: postgres.Sql | undefined;
  return {
    db,
    engine: 'postgres',
    async withAdvisoryLock(key, work) {
      const pinned = await sql.reserve();
      try {
        await pinned`select pg_advisory_lock(${key.toString()}::bigint)`;
        try {
          return await work();
        } finally {
          await pinned`select pg_advisory_unlock(${key.toString()}::bigint)`;
        }
      } finally {
        pinned.release();
      }
    },
    async tryHoldAdvisoryLock(key) {
      // A client of its own with one connection, not `sql.reserve()`: a reserved connection
      // whose backend was terminated fails postgres.js in ways it cannot recover from, while
      // a pooled one reconnects (as a new backend, which the pid comparison notices).
      lockSql ??= postgres(url, {
        max: 1,
        onnotice: () => {},
        connect_timeout: 10,
        max_lifetime: 0,
        connection: { application_name: 'drillbot-lock' },
      });
      const pinned = lockSql;
      const [row] = await pinned<{ locked: boolean; pid: number }[]>`
        select pg_try_advisory_lock(${key.toString()}::bigint) as locked, pg_backend_pid() as pid`;
      if (!row?.locked) return undefined;
      const { pid } = row;
      let released = false;
      const samePid = async () => {
        const [now] = await pinned<{ pid: number }[]>`select pg_backend_pid() as pid`;
        return now?.pid === pid;
      };
      return {
        async check() {
          if (released) return false;
          try {
            return await samePid();
          } catch {
            return false;
          }
        },
        async release() {
          if (released) return;
          released = true;
          try {
            // Unlock only in the session that holds it; a new backend holds nothing.
            if (await samePid()) await pinned`select pg_advisory_unlock(${key.toString()}::bigint)`;
          } catch {
            // The connection died: its session, and with it the lock, is gone already.
          }
        },
      };
    },
    async applyMigrations(config) {
      await migratePostgres(db, config);
    },
    async ping() {
      await sql`select 1`;
    },
    async close() {
      await lockSql?.end({ timeout: 5 });
      await sql.end({ timeout: 5 });
    },
  };
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.kind === 'postgres' ? openPostgres(config.url) : openEmbedded(config.dataDir);
}
