import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/http/server.ts';
import { DrillMetrics } from '../../src/metrics.ts';
import { serve, silent } from './harness.ts';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Resolves when nothing listens on `port` any more: binding it again succeeds. */
function bindAndRelease(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

describe('routing', () => {
  it.each(['/', '/nope', '/healthz/extra', '/metricsx', '/slack/events'])(
    'answers 404 for %s',
    async (path) => {
      const { url } = await serve();
      const response = await fetch(url(path));
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('not found\n');
    },
  );

  it.each([
    ['POST', '/healthz'],
    ['PUT', '/metrics'],
    ['DELETE', '/healthz'],
  ])('answers 405 to %s %s and names the allowed methods', async (method, path) => {
    const { url } = await serve();
    const response = await fetch(url(path), { method, body: method === 'DELETE' ? null : '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.text()).toBe('method not allowed\n');
  });
});

describe('mounted routes', () => {
  it('hand the handler the raw, unread body and headers', async () => {
    const received: { body: Buffer; signature: string | undefined; url: string | undefined }[] = [];
    const { server, url } = await serve();
    server.mount({
      path: '/slack/events',
      methods: ['POST'],
      handler: async (req, res) => {
        const signature = req.headers['x-slack-signature'];
        received.push({
          body: await readBody(req),
          signature: typeof signature === 'string' ? signature : undefined,
          url: req.url,
        });
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
      },
    });
    // Whitespace, non-ASCII and a byte that is not UTF-8: any re-encoding would change them.
    const body = Buffer.concat([
      Buffer.from('{ "type" : "event_callback",\n  "text": "café <@U1>" }\r\n'),
      Buffer.from([0xff, 0x00, 0x7f]),
    ]);
    const response = await fetch(url('/slack/events?retry=1'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Slack-Signature': 'v0=abc' },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(received).toHaveLength(1);
    expect(received[0]?.body.equals(body)).toBe(true);
    expect(received[0]?.signature).toBe('v0=abc');
    expect(received[0]?.url).toBe('/slack/events?retry=1');
  });

  it('refuse other methods with 405 when methods are given', async () => {
    let calls = 0;
    const { url } = await serve({
      routes: [
        {
          path: '/slack/events',
          methods: ['POST'],
          handler: (_req, res) => {
            calls += 1;
            res.end();
          },
        },
      ],
    });
    const response = await fetch(url('/slack/events'));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(calls).toBe(0);
  });

  it('see every method when none are given', async () => {
    const seen: (string | undefined)[] = [];
    const { url } = await serve({
      routes: [
        {
          path: '/hook',
          handler: (req, res) => {
            seen.push(req.method);
            res.end();
          },
        },
      ],
    });
    for (const method of ['GET', 'POST', 'PATCH']) {
      expect((await fetch(url('/hook'), { method })).status).toBe(200);
    }
    expect(seen).toStrictEqual(['GET', 'POST', 'PATCH']);
  });

  it('cannot take a path that is already served', async () => {
    const handler = () => {};
    const { server } = await serve({ routes: [{ path: '/slack/events', handler }] });
    expect(() => server.mount({ path: '/healthz', handler })).toThrow(/already served/);
    expect(() => server.mount({ path: '/metrics', handler })).toThrow(/already served/);
    expect(() => server.mount({ path: '/slack/events', handler })).toThrow(/already served/);
  });

  it('turn a failing handler into a logged 500 and keep serving', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'error' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const { url } = await serve({
      logger,
      routes: [
        {
          path: '/throws',
          handler: () => {
            throw new Error('sync boom');
          },
        },
        { path: '/rejects', handler: () => Promise.reject(new Error('async boom')) },
      ],
    });
    for (const path of ['/throws', '/rejects']) {
      const response = await fetch(url(path), { method: 'POST', body: 'x' });
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('internal error\n');
    }
    expect((await fetch(url('/healthz'))).status).toBe(200);
    const logged = lines.map((line) => JSON.parse(line));
    expect(logged.map((entry) => [entry.msg, entry.path, entry.err.message])).toStrictEqual([
      ['http handler failed', '/throws', 'sync boom'],
      ['http handler failed', '/rejects', 'async boom'],
    ]);
  });
});

describe('start and close', () => {
  it('releases the port on close, even with a keep-alive connection open', async () => {
    const { server, url } = await serve();
    // fetch keeps its connection alive; close() must not wait out keepAliveTimeout (5 s).
    expect((await fetch(url('/healthz'))).status).toBe(200);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    await bindAndRelease(server.port);
    await expect(fetch(url('/healthz'))).rejects.toThrow();
    await server.close(); // a second close is harmless
  });

  // A real wait: the request never finishes, so only the close bound can end it.
  it('cuts a request still in flight after closeTimeoutMs', async () => {
    let entered: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const { server, url } = await serve({
      closeTimeoutMs: 100,
      routes: [{ path: '/stuck', handler: () => entered() }],
    });
    const request = fetch(url('/stuck')).then(
      () => 'answered',
      () => 'cut',
    );
    await inHandler;
    const started = performance.now();
    await server.close();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(2_000);
    expect(await request).toBe('cut');
    await bindAndRelease(server.port);
  });

  it.each([
    ['after', false],
    ['before', true],
  ])('lets a request in flight finish (headers sent %s close)', async (_when, early) => {
    let finish: () => void = () => {};
    let entered: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const { server, url } = await serve({
      routes: [
        {
          path: '/slow',
          handler: (_req, res) => {
            if (early) res.writeHead(200).write('do');
            finish = () => res.end(early ? 'ne' : 'done');
            entered();
          },
        },
      ],
    });
    const response = fetch(url('/slow'));
    await inHandler;
    const started = performance.now();
    const closed = server.close();
    finish();
    const answered = await response;
    // Headers not yet sent: the client is told not to reuse the connection.
    expect(answered.headers.get('connection')).toBe(early ? 'keep-alive' : 'close');
    expect(await answered.text()).toBe('done');
    await closed;
    // Either way close() does not wait for the client to drop its keep-alive connection.
    expect(performance.now() - started).toBeLessThan(1_000);
    await bindAndRelease(server.port);
  });

  it('rejects when the port is taken', async () => {
    const { server } = await serve();
    await expect(
      startHttpServer({
        port: server.port,
        host: '127.0.0.1',
        health: async () => ({ status: 'ok', database: { ok: true }, platforms: {} }),
        metrics: new DrillMetrics(),
        logger: silent,
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
