/**
 * The `/healthz` report: can the database answer, and is every configured chat platform
 * connected. Built from two small probes passed in by main.ts, so this file knows neither
 * the database driver nor the adapters.
 */

/** An adapter's connection as the operator sees it. */
import type { ConnectionState } from '../core/platform.ts';

export type { ConnectionState };

export interface HealthReport {
  /** `ok` only when the database answered and every configured platform is connected. */
  status: 'ok' | 'degraded';
  database: { ok: boolean; error?: string };
  /** One entry per configured platform, keyed by platform name (`slack`, `discord`, ...). */
  platforms: Record<string, ConnectionState>;
}

export type HealthCheck = () => Promise<HealthReport>;

export interface HealthCheckOptions {
  /** Resolves when the database answers a trivial query (`DatabaseHandle.ping`). */
  ping: () => Promise<void>;
  /** Each configured platform's current connection state; read on every check. */
  platforms: () => Record<string, ConnectionState>;
  /**
   * How long the ping may take before the database counts as unreachable. The default stays
   * under Kubernetes' default 1 s probe timeout, so the prober sees our JSON (and its reason)
   * rather than its own timeout.
   */
  timeoutMs?: number;
}

export const DEFAULT_HEALTH_TIMEOUT_MS = 800;

/** Longest database error text put in the report: enough to diagnose, not a stack dump. */
const MAX_ERROR_LENGTH = 200;

export function makeHealthCheck(options: HealthCheckOptions): HealthCheck {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  return async () => {
    const database = await probeDatabase(options.ping, timeoutMs);
    const platforms = { ...options.platforms() };
    const allConnected = Object.values(platforms).every((state) => state === 'connected');
    return {
      status: database.ok && allConnected ? 'ok' : 'degraded',
      database,
      platforms,
    };
  };
}

/**
 * Races the ping against a timer. A hung connection pool must not hang `/healthz` (a prober
 * would then see a timeout with no reason, and requests would pile up). The abandoned ping
 * is left to settle on its own: Promise.race has subscribed to it, so a late rejection is
 * not reported as unhandled.
 */
async function probeDatabase(
  ping: () => Promise<void>,
  timeoutMs: number,
): Promise<HealthReport['database']> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    // Called inside the try so a ping that throws synchronously is a failure, not a crash.
    const outcome = await Promise.race([ping().then(() => 'answered' as const), timedOut]);
    if (outcome === 'timeout') {
      return { ok: false, error: `database did not answer within ${timeoutMs} ms` };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const oneLine = text.replace(/\s+/g, ' ').trim() || 'database ping failed';
  return oneLine.length > MAX_ERROR_LENGTH ? `${oneLine.slice(0, MAX_ERROR_LENGTH - 1)}…` : oneLine;
}
