/**
 * The real drill engine on a real adapter (Slack on Bolt, Discord on discord.js), for the
 * hostile-input suite. One engine and one fake platform serve a whole test file; `useDatabase`
 * empties the tables before each test, so `reset()` puts back what must outlive that:
 * - the question snapshots (a drill refers to its snapshot by id): stored again from the
 *   catalog loaded once (parsing every pack for each test would cost more than the test);
 * - fresh drill ids: truncation restarts them at 1, but the fake platform still holds the
 *   earlier tests' posts, whose markers (`drill:1`, `reveal:1`, a Discord nonce) would then be
 *   taken for this test's posts. In production a drill id is never reused.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { snapshotKey, syncSnapshots } from '../../db/queries/snapshots.ts';
import { type Catalog, loadCatalog } from '../../src/content/catalog.ts';
import { questionContentHash } from '../../src/content/content-hash.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { EngineContext } from '../../src/core/context.ts';
import { noMetrics } from '../../src/core/metrics-port.ts';
import type { Platform } from '../../src/core/platform.ts';
import { DrillService } from '../../src/core/service.ts';
import type { useDatabase } from '../support/db.ts';
import { type ErrorLog, errorLog } from './error-log.ts';

/** The database handle `useDatabase` gives a test file. */
export type TestDatabase = ReturnType<typeof useDatabase>;

export interface HostileEngine {
  service: DrillService;
  context: EngineContext;
  /** Errors the engine (and the adapter, given the same logger) logged. */
  errors: ErrorLog;
  /** Call after the tables were emptied: stores the packs' snapshots again. */
  reset(): Promise<void>;
}

export async function startEngine(
  db: Db,
  platform: Platform,
  extraContentDirs: readonly string[] = [],
  errors: ErrorLog = errorLog(),
): Promise<HostileEngine> {
  let catalog: Catalog = await loadCatalog(db, extraContentDirs);
  const context: EngineContext = {
    db,
    clock: systemClock,
    logger: errors.logger,
    metrics: noMetrics,
    platforms: new Map([[platform.name, platform]]),
    instanceId: `hostile-${platform.name}`,
    settings: { bootstrapAdmins: [], defaultWindowMs: () => 8 * 3_600_000, leaseMs: 60_000 },
    catalog: () => catalog,
    async reloadCatalog() {
      catalog = await loadCatalog(db, extraContentDirs);
      return catalog;
    },
  };
  const service = new DrillService(context);
  await platform.start((event) => service.handle(event));
  let drillIdsFrom = 0;
  return {
    service,
    context,
    errors,
    async reset() {
      await restoreSnapshots(db, catalog);
      drillIdsFrom += 1_000;
      await db.execute(sql`select setval(pg_get_serial_sequence('drills', 'id'), ${drillIdsFrom})`);
    },
  };
}

/**
 * Stores the catalog's question snapshots again after a wipe. Identities restart with the
 * truncation and the rows go in in the catalog's order, so they get the ids the catalog holds;
 * checked, since a drill posted with a wrong id would fail far from the cause.
 */
async function restoreSnapshots(db: Db, catalog: Catalog): Promise<void> {
  const versions = catalog.packs.flatMap((pack) =>
    pack.questions.map((question) => ({
      packId: pack.id,
      questionId: question.id,
      contentHash: questionContentHash(question),
      body: { ...question },
    })),
  );
  const ids = await syncSnapshots(db, versions);
  for (const { packId, questionId } of versions) {
    const key = snapshotKey(packId, questionId);
    if (ids.get(key) !== catalog.snapshotId(packId, questionId)) {
      throw new Error(`snapshot of ${key} came back as ${ids.get(key)}, not the catalog's id`);
    }
  }
}
