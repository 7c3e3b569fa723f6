import { describe, expect, it } from 'vitest';
import { InFlight } from '../src/inflight.ts';

describe('InFlight', () => {
  it('drains work that is still running, including work added while draining', async () => {
    const inflight = new InFlight();
    const done: string[] = [];
    let release: () => void = () => {};
    inflight.track(
      new Promise<void>((resolve) => {
        release = resolve;
      }).then(() => {
        done.push('first');
        inflight.track(Promise.resolve().then(() => done.push('second')));
      }),
    );
    expect(inflight.size).toBe(1);
    const draining = inflight.drain(1_000);
    release();
    expect(await draining).toBe(true);
    expect(done).toEqual(['first', 'second']);
    expect(inflight.size).toBe(0);
  });

  it('gives up after the bound and says so', async () => {
    const inflight = new InFlight();
    inflight.track(new Promise(() => {}));
    const started = Date.now();
    expect(await inflight.drain(50)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('forgets failed work too', async () => {
    const inflight = new InFlight();
    await inflight.track(Promise.reject(new Error('x'))).catch(() => {});
    expect(inflight.size).toBe(0);
  });
});
