/**
 * Builds a drill engine for tests: real database (PGlite or Postgres), real packs, a
 * FakePlatform and a fake clock. Several engines can share one database and one platform
 * to play several processes.
 */
import { pino } from 'pino';
import type { Db } from '../../db/client.ts';
import { type Catalog, loadCatalog } from '../../src/content/catalog.ts';
import type { EngineContext, EngineSettings } from '../../src/core/context.ts';
import type { PlatformName } from '../../src/core/ids.ts';
import { type EngineMetrics, noMetrics } from '../../src/core/metrics-port.ts';
import type { Platform } from '../../src/core/platform.ts';
import { DrillService } from '../../src/core/service.ts';
import type { FakeClock } from './fake-clock.ts';
import type { FakePlatform } from './fake-platform.ts';

export interface TestEngine {
  service: DrillService;
  context: EngineContext;
  /** Disconnects this engine from the shared platform (the process stopped). */
  detach(): void;
}

export async function buildEngine(options: {
  db: Db;
  clock: FakeClock;
  platform: FakePlatform;
  /** What the engine calls out to, when not the FakePlatform itself (e.g. a HangingPlatform). */
  outbound?: Platform;
  instanceId?: string;
  settings?: Partial<EngineSettings>;
  catalog?: Catalog;
  metrics?: EngineMetrics;
  extraContentDirs?: string[];
}): Promise<TestEngine> {
  let catalog = options.catalog ?? (await loadCatalog(options.db, options.extraContentDirs ?? []));
  const platforms = new Map<PlatformName, Platform>([
    [options.platform.name, options.outbound ?? options.platform],
  ]);
  const context: EngineContext = {
    db: options.db,
    clock: options.clock,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    metrics: options.metrics ?? noMetrics,
    platforms,
    instanceId: options.instanceId ?? 'test-engine',
    settings: {
      bootstrapAdmins: [],
      defaultWindowMs: () => 8 * 3_600_000,
      leaseMs: 60_000,
      ...options.settings,
    },
    catalog: () => catalog,
    async reloadCatalog() {
      catalog = await loadCatalog(options.db, options.extraContentDirs ?? []);
      return catalog;
    },
  };
  const service = new DrillService(context);
  const sink = (event: Parameters<DrillService['handle']>[0]) => service.handle(event);
  await options.platform.start(sink);
  return { service, context, detach: () => options.platform.detach(sink) };
}
