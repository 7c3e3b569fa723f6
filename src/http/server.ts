/**
 * The process's one HTTP server (started only when PORT is set): `/healthz` for probes,
 * `/metrics` for Prometheus, and whatever an adapter mounts, such as Slack's
 * `POST /slack/events` in HTTP mode. Plain node:http, because the router is three exact paths
 * and a mounted handler must get the untouched request stream: Slack signs the raw body
 * (https://api.slack.com/authentication/verifying-requests-from-slack), so nothing here ever
 * reads a body.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';
import type { DrillMetrics } from '../metrics.ts';
import type { HealthCheck } from './health.ts';

/**
 * Handles a request on a mounted path. It owns `req` (the body is unread) and must end `res`.
 * A throw or rejection before a response is sent becomes a 500.
 */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface MountedRoute {
  /** Exact path, query string ignored: `/slack/events`. */
  path: string;
  /** Methods accepted (upper case); others get 405. Omitted: the handler sees every method. */
  methods?: readonly string[];
  handler: RawHandler;
}

export interface HttpServerOptions {
  port: number;
  /** Interface to listen on; tests use `127.0.0.1` with port 0. */
  host?: string;
  health: HealthCheck;
  metrics: DrillMetrics;
  logger: Logger;
  /** Routes mounted from the start; more can be added with {@link HttpServer.mount}. */
  routes?: readonly MountedRoute[];
  /** How long `close()` lets in-flight requests finish before cutting their connections. */
  closeTimeoutMs?: number;
}

export interface HttpServer {
  /** The port actually bound (differs from the option when that was 0). */
  readonly port: number;
  /** Adds a route; throws if the path is taken (including `/healthz` and `/metrics`). */
  mount(route: MountedRoute): void;
  /**
   * Stops accepting, closes idle keep-alive connections at once and waits for in-flight
   * requests up to `closeTimeoutMs`, then cuts what is left. Safe to call twice.
   */
  close(): Promise<void>;
}

export const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;

const READ_METHODS = ['GET', 'HEAD'] as const;

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger } = options;
  const routes = new Map<string, MountedRoute>();
  const builtIn = new Map<string, RawHandler>([
    ['/healthz', (_req, res) => serveHealth(options.health, res, logger)],
    ['/metrics', (_req, res) => serveMetrics(options.metrics, res)],
  ]);

  const mount = (route: MountedRoute): void => {
    if (builtIn.has(route.path) || routes.has(route.path)) {
      throw new Error(`HTTP path ${route.path} is already served`);
    }
    routes.set(route.path, route);
  };
  for (const route of options.routes ?? []) mount(route);

  // Responses in progress, so close() can ask their clients not to reuse the connection.
  const active = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;

  const server = createServer((req, res) => {
    active.add(res);
    if (closing) res.setHeader('Connection', 'close');
    res.on('close', () => {
      active.delete(res);
      // Node 20 does not close a keep-alive connection whose last response ends after
      // server.close(); without this it lingers until the client's idle timeout.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    const path = pathOf(req);
    const method = req.method ?? 'GET';
    const own = builtIn.get(path);
    if (own) {
      if (!allowed(READ_METHODS, method, res)) return;
      void run(own, req, res, logger, path);
      return;
    }
    const route = routes.get(path);
    if (!route) {
      sendText(res, 404, 'not found');
      return;
    }
    if (route.methods && !allowed(route.methods, method, res)) return;
    void run(route.handler, req, res, logger, path);
  });

  await listen(server, options.port, options.host ?? '0.0.0.0');
  const port = boundPort(server.address());
  logger.info({ port }, 'http server listening');

  const closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
      // Cuts connections still busy after the bound, so a slow client cannot hold shutdown.
      const cut = setTimeout(() => server.closeAllConnections(), closeTimeoutMs);
      cut.unref();
      // Since Node 19, close() also drops idle keep-alive connections at once.
      server.close(() => {
        clearTimeout(cut);
        resolve();
      });
    });
    return closing;
  };

  return { port, mount, close };
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function boundPort(address: AddressInfo | string | null): number {
  if (address === null || typeof address === 'string') {
    throw new Error(`HTTP server is not bound to a TCP port (${String(address)})`);
  }
  return address.port;
}

/** The path without query string. Not parsed as a URL: `//x` must not become a host. */
function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function allowed(methods: readonly string[], method: string, res: ServerResponse): boolean {
  if (methods.includes(method)) return true;
  res.setHeader('Allow', methods.join(', '));
  sendText(res, 405, 'method not allowed');
  return false;
}

/** Runs a handler so one failing request is logged and answered, never a crash. */
async function run(
  handler: RawHandler,
  req: IncomingMessage,
  res: ServerResponse,
  logger: Logger,
  path: string,
): Promise<void> {
  try {
    await handler(req, res);
  } catch (error) {
    logger.error({ err: error, path, method: req.method }, 'http handler failed');
    if (!res.headersSent) sendText(res, 500, 'internal error');
    else res.destroy();
  }
}

async function serveHealth(health: HealthCheck, res: ServerResponse, logger: Logger) {
  const report = await health().catch((error: unknown) => {
    logger.error({ err: error }, 'health check failed');
    return undefined;
  });
  // A check that itself fails is still an answer a prober understands: not healthy.
  const body = report ?? { status: 'degraded', error: 'health check failed' };
  sendJson(res, report?.status === 'ok' ? 200 : 503, body);
}

async function serveMetrics(metrics: DrillMetrics, res: ServerResponse) {
  const text = await metrics.text();
  res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}
