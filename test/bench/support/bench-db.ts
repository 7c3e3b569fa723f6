/**
 * A fresh, migrated database for a benchmark, on PGlite (a data folder on disk, as `npm
 * start` uses) or on PostgreSQL (a scratch database on TEST_DATABASE_URL).
 *
 * Besides the production handle (db/client.ts, used to migrate and set up), it gives:
 * - `db`: a drizzle instance over the SAME driver client, built as db/client.ts builds it but
 *   with a statement logger, so a benchmark can see exactly what the engine sends;
 * - `driver`: that same client used directly, with no drizzle and no engine, to run a
 *   statement list in one transaction the way drizzle calls the driver. This is the
 *   reference the engine is measured against.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import {
  type DatabaseHandle,
  type Db,
  fromPglite,
  openPostgres,
  PGLITE_SUBDIR,
} from '../../../db/client.ts';
import { migrateDatabase } from '../../../db/migrate.ts';
import * as schema from '../../../db/schema.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../../support/db.ts';

export type BenchEngine = 'pglite' | 'postgres';

/** Runs one statement inside a driver transaction; resolves to its rows as arrays. */
export type RunStatement = (text: string, params: readonly unknown[]) => Promise<unknown[][]>;

export interface DriverSession {
  /** One statement on its own (autocommit: its own transaction). */
  run: RunStatement;
  /** One transaction on the driver itself (BEGIN ... COMMIT as drizzle issues them). */
  transaction<T>(work: (run: RunStatement) => Promise<T>): Promise<T>;
}

/** Sees what the measured drizzle instance sends: its statements and its transactions. */
export interface BenchLogger extends Logger {
  transactionOpened(): void;
}

export interface BenchDatabase {
  engine: BenchEngine;
  /** The production handle: migrated; use it for set-up, not for what is measured. */
  handle: DatabaseHandle;
  /** drizzle over the measured client, reporting each statement to the logger given. */
  db: Db;
  driver: DriverSession;
  dispose(): Promise<void>;
}

/** Whether PostgreSQL figures can be measured here; why not, when they cannot. */
export function postgresUnavailable(): string | undefined {
  return TEST_DATABASE_URL ? undefined : 'TEST_DATABASE_URL is not set (run via npm run bench)';
}

// drizzle's pglite session reads timestamps and dates as text and, for selects and
// RETURNING, rows as arrays; the reference asks the driver for the same.
const PGLITE_ARRAY_ROWS = {
  rowMode: 'array' as const,
  parsers: {
    [types.TIMESTAMP]: (value: string) => value,
    [types.TIMESTAMPTZ]: (value: string) => value,
    [types.INTERVAL]: (value: string) => value,
    [types.DATE]: (value: string) => value,
  },
};

async function openPgliteBench(logger: BenchLogger): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'drillbot-bench-'));
  // As openEmbedded does, minus its data-folder lock (the folder is private to this run).
  const client = await PGlite.create(join(dir, PGLITE_SUBDIR));
  const handle = fromPglite(client, () => rmSync(dir, { recursive: true, force: true }));
  await migrateDatabase(handle);
  const query = (on: Pick<PGlite, 'query'>): RunStatement => {
    return async (text, params) =>
      (await on.query<unknown[]>(text, [...params], PGLITE_ARRAY_ROWS)).rows;
  };
  // drizzle opens transactions with client.transaction: count them for the logger.
  const transaction = client.transaction.bind(client);
  client.transaction = (callback) => {
    logger.transactionOpened();
    return transaction(callback);
  };
  return {
    engine: 'pglite',
    handle,
    db: drizzlePglite({ client, schema, logger }),
    driver: {
      run: query(client),
      transaction: (work) => transaction((tx) => work(query(tx))),
    },
    dispose: () => handle.close(),
  };
}

async function openPostgresBench(logger: BenchLogger, poolSize: number): Promise<BenchDatabase> {
  const scratch = await createScratchDatabase();
  const handle = openPostgres(scratch.url, { max: 2 });
  await migrateDatabase(handle);
  // The options openPostgres uses; a client of our own only so drizzle can take a logger.
  const client = postgres(scratch.url, {
    max: poolSize,
    onnotice: () => {},
    connect_timeout: 10,
    connection: { application_name: 'drillbot' },
  });
  // drizzle sends its unnamed queries with `prepare: false`; so does the reference.
  const query = (on: Pick<postgres.TransactionSql, 'unsafe'>): RunStatement => {
    return async (text, params) => {
      const pending = on.unsafe(text, [...params] as postgres.ParameterOrJSON<never>[], {
        prepare: false,
      });
      return (await pending.values()) as unknown[][];
    };
  };
  // drizzle opens transactions with client.begin: count them for the logger.
  const begin = client.begin.bind(client);
  const counted = (...args: Parameters<typeof begin>) => {
    logger.transactionOpened();
    return begin(...args);
  };
  client.begin = counted as typeof client.begin;
  const db = drizzlePostgres({ client, schema, logger });
  return {
    engine: 'postgres',
    handle,
    db,
    driver: {
      run: query(client),
      async transaction(work) {
        const result = await begin((tx) => work(query(tx)));
        return result as Awaited<ReturnType<typeof work>>;
      },
    },
    async dispose() {
      await client.end({ timeout: 5 });
      await handle.close();
      await scratch.drop();
    },
  };
}

export function openBenchDatabase(
  engine: BenchEngine,
  logger: BenchLogger,
  options: { poolSize?: number } = {},
): Promise<BenchDatabase> {
  return engine === 'pglite'
    ? openPgliteBench(logger)
    : openPostgresBench(logger, options.poolSize ?? 5);
}
