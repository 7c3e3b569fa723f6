/**
 * What every part of the drill engine is handed: storage, time, logging, the connected
 * platforms and the question catalog. Built once in src/main.ts (or a test).
 */
import type { Db } from '../../db/client.ts';
import type { Catalog } from '../content/catalog.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from './clock.ts';
import { DrillError } from './errors.ts';
import { type PlatformName, platformOf } from './ids.ts';
import type { EngineMetrics } from './metrics-port.ts';
import type { Platform } from './platform.ts';

export interface EngineSettings {
  /** `slack:U0123`-style ids from DRILLBOT_ADMINS. */
  bootstrapAdmins: readonly string[];
  /** Answer window given to channels when they enrol, per platform (the terminal's is shorter). */
  defaultWindowMs(platform: PlatformName): number;
  /** How long a claim on a post or a reveal holds before another process may take over. */
  leaseMs: number;
}

export interface EngineContext {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Counters for /metrics; `noMetrics` where nobody scrapes them. */
  metrics: EngineMetrics;
  platforms: ReadonlyMap<PlatformName, Platform>;
  /** Distinguishes this process in leases (host:pid:random). */
  instanceId: string;
  settings: EngineSettings;
  catalog(): Catalog;
  /** Re-reads the packs (`/drill reload`) and returns the new catalog. */
  reloadCatalog(): Promise<Catalog>;
}

export function platformFor(context: EngineContext, id: string): Platform {
  const name = platformOf(id);
  const platform = context.platforms.get(name);
  if (!platform) throw new DrillError('PLATFORM_UNAVAILABLE', `No ${name} connection for ${id}`);
  return platform;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  bootstrapAdmins: [],
  defaultWindowMs: () => 8 * 3_600_000,
  leaseMs: 60_000,
};
