import { describe, expect, it } from 'vitest';
import { type ConnectionState, makeHealthCheck } from '../../src/http/health.ts';
import { serve } from './harness.ts';

type Platforms = Record<string, ConnectionState>;

async function healthz(ping: () => Promise<void>, platforms: Platforms, timeoutMs?: number) {
  const { url } = await serve({
    health: makeHealthCheck({ ping, platforms: () => platforms, timeoutMs }),
  });
  const response = await fetch(url('/healthz'));
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const answers = async () => {};

describe('GET /healthz', () => {
  it('is 200 ok when the database answers and every platform is connected', async () => {
    const result = await healthz(answers, { slack: 'connected', discord: 'connected' });
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(result.headers.get('cache-control')).toBe('no-store');
    expect(result.body).toStrictEqual({
      status: 'ok',
      database: { ok: true },
      platforms: { slack: 'connected', discord: 'connected' },
    });
  });

  it('is 503 with the reason when the database ping fails', async () => {
    const failing = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    };
    const result = await healthz(failing, { slack: 'connected' });
    expect(result.status).toBe(503);
    expect(result.body).toStrictEqual({
      status: 'degraded',
      database: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' },
      platforms: { slack: 'connected' },
    });
  });

  // The one real wait in this file: the ping never settles, so only the timer can answer.
  it('is 503 after the timeout when the database ping hangs', async () => {
    const hanging = () => new Promise<void>(() => {});
    const started = performance.now();
    const result = await healthz(hanging, { discord: 'connected' }, 100);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(2_000);
    expect(result.status).toBe(503);
    expect(result.body).toStrictEqual({
      status: 'degraded',
      database: { ok: false, error: 'database did not answer within 100 ms' },
      platforms: { discord: 'connected' },
    });
  });

  it.each<[string, Platforms]>([
    ['disconnected', { slack: 'connected', discord: 'disconnected' }],
    ['still connecting', { slack: 'connecting' }],
  ])('is 503 when a platform is %s', async (_name, platforms) => {
    const result = await healthz(answers, platforms);
    expect(result.status).toBe(503);
    expect(result.body).toStrictEqual({ status: 'degraded', database: { ok: true }, platforms });
  });

  it('reads platform state on every request', async () => {
    let slack: ConnectionState = 'connecting';
    const { url } = await serve({
      health: makeHealthCheck({ ping: answers, platforms: () => ({ slack }) }),
    });
    expect((await fetch(url('/healthz'))).status).toBe(503);
    slack = 'connected';
    const response = await fetch(url('/healthz?probe=1'));
    expect(response.status).toBe(200);
    expect(await response.json()).toStrictEqual({
      status: 'ok',
      database: { ok: true },
      platforms: { slack: 'connected' },
    });
  });

  it('is 503 when the health check itself fails', async () => {
    const { url } = await serve({
      health: () => Promise.reject(new Error('adapter registry broke')),
    });
    const response = await fetch(url('/healthz'));
    expect(response.status).toBe(503);
    expect(await response.json()).toStrictEqual({
      status: 'degraded',
      error: 'health check failed',
    });
  });

  it('answers HEAD with the status and no body', async () => {
    const { url } = await serve({
      health: makeHealthCheck({ ping: answers, platforms: () => ({ slack: 'disconnected' }) }),
    });
    const response = await fetch(url('/healthz'), { method: 'HEAD' });
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('');
  });
});

describe('makeHealthCheck', () => {
  it('counts a ping that throws synchronously as a database failure', async () => {
    const check = makeHealthCheck({
      ping: () => {
        throw new Error('pool closed');
      },
      platforms: () => ({}),
    });
    expect(await check()).toStrictEqual({
      status: 'degraded',
      database: { ok: false, error: 'pool closed' },
      platforms: {},
    });
  });

  it('keeps the database error to one short line', async () => {
    const check = makeHealthCheck({
      ping: () => Promise.reject(new Error(`first line\n  ${'x'.repeat(500)}`)),
      platforms: () => ({}),
    });
    const { database } = await check();
    expect(database.error).toMatch(/^first line x+…$/);
    expect(database.error).toHaveLength(200);
  });

  it('is ok with no platforms configured when the database answers', async () => {
    const check = makeHealthCheck({ ping: answers, platforms: () => ({}) });
    expect(await check()).toStrictEqual({ status: 'ok', database: { ok: true }, platforms: {} });
  });
});
