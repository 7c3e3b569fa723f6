/**
 * The Discord adapter's global pacer: requests evenly spaced, each counting from its release
 * until a second after its answer, in call order; an aborted waiter leaves without a turn. Real timers
 * at a small scale (the pacer's whole job is wall-clock spacing).
 */
import { describe, expect, it } from 'vitest';
import { GlobalPacer } from '../../../adapters/discord/global-pacer.ts';
import { carriesToken } from '../../../adapters/discord/paced-rest.ts';

/** Takes `count` turns at once; each request is answered as soon as it is let go. */
async function turns(pacer: GlobalPacer, count: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: count }, () =>
      pacer.turn().then((done) => {
        times.push(performance.now());
        done();
      }),
    ),
  );
  return times;
}

describe('GlobalPacer', () => {
  it('spaces requests evenly, a tenth under 1000 / perSecond ms apart', async () => {
    const times = await turns(new GlobalPacer({ perSecond: 50 }), 20);
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? at));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(17);
    // And no slower than it must be: 19 gaps of 18 ms, with timer slack.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeLessThan(19 * 18 + 150);
  });

  it('counts a request until a second after its answer', async () => {
    const started = performance.now();
    const times = await turns(new GlobalPacer({ perSecond: 50, perWindow: 5 }), 7);
    const offsets = times.map((at) => at - started);
    // The first five go 18 ms apart; the sixth waits for the first answer to be a second old.
    expect(offsets[4]).toBeLessThan(500);
    expect(offsets[5]).toBeGreaterThanOrEqual(990);
    for (let i = 5; i < times.length; i += 1) {
      expect((times[i] ?? 0) - (times[i - 5] ?? 0)).toBeGreaterThanOrEqual(990);
    }
  });

  it('holds the next request while the window is full of requests in flight', async () => {
    const pacer = new GlobalPacer({ perSecond: 50, perWindow: 2 });
    const first = await pacer.turn();
    const second = await pacer.turn();
    let third = 0;
    const waiting = pacer.turn().then((done) => {
      third = performance.now();
      done();
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(third).toBe(0);
    const answered = performance.now();
    first();
    second();
    await waiting;
    expect(third - answered).toBeGreaterThanOrEqual(990);
  });

  it('defaults to one under the limit, for the rounding of two clocks', async () => {
    const started = performance.now();
    const times = await turns(new GlobalPacer({ perSecond: 20 }), 20);
    // 19 go 45 ms apart; the 20th waits for the first answer to be a second old.
    expect((times[18] ?? 0) - started).toBeLessThan(990);
    expect((times[19] ?? 0) - started).toBeGreaterThanOrEqual(990);
  });

  it('drops a waiter whose signal aborts, without using its turn', async () => {
    const pacer = new GlobalPacer({ perSecond: 10 });
    (await pacer.turn())();
    const controller = new AbortController();
    const aborted = pacer.turn(controller.signal);
    const next = pacer.turn();
    controller.abort(new Error('timed out'));
    await expect(aborted).rejects.toThrow('timed out');
    const before = performance.now();
    (await next)();
    // The aborted one's slot went to the next waiter: one spacing, not two.
    expect(performance.now() - before).toBeLessThan(150);
  });
});

describe('carriesToken', () => {
  it('sees the Authorization header in a plain object or a Headers', () => {
    expect(carriesToken({ Authorization: 'Bot x' })).toBe(true);
    expect(carriesToken(new Headers({ authorization: 'Bot x' }))).toBe(true);
    expect(carriesToken({ 'Content-Type': 'application/json' })).toBe(false);
    expect(carriesToken(undefined)).toBe(false);
  });
});
