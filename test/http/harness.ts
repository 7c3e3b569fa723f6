/**
 * Starts real HTTP servers on 127.0.0.1 with an ephemeral port for the tests in this folder,
 * and closes whatever a test left open.
 */
import { pino } from 'pino';
import { afterEach } from 'vitest';
import type { HealthCheck } from '../../src/http/health.ts';
import { type HttpServer, type HttpServerOptions, startHttpServer } from '../../src/http/server.ts';
import { DrillMetrics } from '../../src/metrics.ts';

export const silent = pino({ level: 'silent' });

const healthy: HealthCheck = async () => ({
  status: 'ok',
  database: { ok: true },
  platforms: {},
});

const open = new Set<HttpServer>();

afterEach(async () => {
  await Promise.all([...open].map((server) => server.close()));
  open.clear();
});

export interface TestServer {
  server: HttpServer;
  metrics: DrillMetrics;
  url(path: string): string;
}

export async function serve(overrides: Partial<HttpServerOptions> = {}): Promise<TestServer> {
  const metrics = overrides.metrics ?? new DrillMetrics();
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    health: healthy,
    logger: silent,
    ...overrides,
    metrics,
  });
  open.add(server);
  return { server, metrics, url: (path) => `http://127.0.0.1:${server.port}${path}` };
}
