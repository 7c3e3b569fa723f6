/**
 * The Discord adapter's global pacer: requests evenly spaced, never more than its quota in
 * any one second, in call order; an aborted waiter leaves without using a turn. Real timers
 * at a small scale (the pacer's whole job is wall-clock spacing).
 */
import { describe, expect, it } from 'vitest';
import { GlobalPacer } from '../../../adapters/discord/global-pacer.ts';
import { carriesToken } from '../../../adapters/discord/paced-rest.ts';

async function turns(pacer: GlobalPacer, count: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: count }, () => pacer.turn().then(() => times.push(performance.now()))),
  );
  return times;
}

describe('GlobalPacer', () => {
  it('spaces requests at least 1000 / perSecond ms apart', async () => {
    const times = await turns(new GlobalPacer({ perSecond: 100 }), 20);
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? at));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(9);
    // And no slower than it must be: 19 gaps of 10 ms, with timer slack.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeLessThan(19 * 10 + 150);
  });

  it('lets at most perWindow requests go in any one second', async () => {
    const started = performance.now();
    const times = await turns(new GlobalPacer({ perSecond: 50, perWindow: 5 }), 7);
    const offsets = times.map((at) => at - started);
    // The first five go 20 ms apart; the sixth waits for the first to be a second old.
    expect(offsets[4]).toBeLessThan(500);
    expect(offsets[5]).toBeGreaterThanOrEqual(990);
    for (let i = 5; i < times.length; i += 1) {
      expect((times[i] ?? 0) - (times[i - 5] ?? 0)).toBeGreaterThanOrEqual(990);
    }
  });

  it('defaults to a quota a little under the limit, for network jitter', async () => {
    const started = performance.now();
    const times = await turns(new GlobalPacer({ perSecond: 50 }), 48);
    // 94 % of 50 is 47: the 48th request waits for the first to leave the window.
    expect((times[47] ?? 0) - started).toBeGreaterThanOrEqual(990);
    expect((times[46] ?? 0) - started).toBeLessThan(990);
  });

  it('drops a waiter whose signal aborts, without using its turn', async () => {
    const pacer = new GlobalPacer({ perSecond: 10 });
    await pacer.turn();
    const controller = new AbortController();
    const aborted = pacer.turn(controller.signal);
    const next = pacer.turn();
    controller.abort(new Error('timed out'));
    await expect(aborted).rejects.toThrow('timed out');
    const before = performance.now();
    await next;
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
