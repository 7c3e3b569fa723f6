/**
 * The Discord adapter's global pacer: requests evenly spaced, each counting from its release
 * until a second after its answer, in call order; an aborted waiter leaves without a turn. Real timers
 * at a small scale (the pacer's whole job is wall-clock spacing).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GlobalPacer } from '../../../adapters/discord/global-pacer.ts';
import { carriesToken } from '../../../adapters/discord/paced-rest.ts';

/**
 * Takes `count` turns at once, each request answered `answerMs` after it is let go, and
 * runs the fake clock until all are done; returns when each was let go (ms from the start).
 */
async function turns(pacer: GlobalPacer, count: number, answerMs = 0): Promise<number[]> {
  const started = Date.now();
  const times: number[] = [];
  const all = Promise.all(
    Array.from({ length: count }, () =>
      pacer.turn().then((done) => {
        times.push(Date.now() - started);
        setTimeout(done, answerMs);
      }),
    ),
  );
  await vi.advanceTimersByTimeAsync(60_000);
  await all;
  return times;
}

describe('GlobalPacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces requests evenly, a tenth under 1000 / perSecond ms apart', async () => {
    const times = await turns(new GlobalPacer({ perSecond: 50 }), 20);
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? at));
    expect(new Set(gaps)).toEqual(new Set([18]));
  });

  it('counts a request until a second after its answer', async () => {
    const times = await turns(new GlobalPacer({ perSecond: 50, perWindow: 5 }), 7, 30);
    // Five go 18 ms apart; the sixth waits until the first answer (at 30 ms) is a second old.
    expect(times).toEqual([0, 18, 36, 54, 72, 1030, 1048]);
  });

  it('holds the next request while the window is full of requests in flight', async () => {
    const pacer = new GlobalPacer({ perSecond: 50, perWindow: 2 });
    const both = Promise.all([pacer.turn(), pacer.turn()]);
    await vi.advanceTimersByTimeAsync(100);
    const [first, second] = await both;
    let third: number | undefined;
    const waiting = pacer.turn().then((done) => {
      third = Date.now();
      done();
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(third).toBeUndefined();
    const answered = Date.now();
    first();
    second();
    await vi.advanceTimersByTimeAsync(1_000);
    await waiting;
    expect(third).toBe(answered + 1_000);
  });

  it('defaults to one under the limit, for the rounding of two clocks', async () => {
    const times = await turns(new GlobalPacer({ perSecond: 50 }), 50);
    // 49 go 18 ms apart; the 50th waits for the first answer to be a second old.
    expect(times[48]).toBe(48 * 18);
    expect(times[49]).toBe(1_000);
  });

  it('drops a waiter whose signal aborts, without using its turn', async () => {
    const pacer = new GlobalPacer({ perSecond: 10 });
    const started = Date.now();
    (await pacer.turn())();
    const controller = new AbortController();
    const aborted = pacer.turn(controller.signal);
    let nextAt: number | undefined;
    const next = pacer.turn().then((done) => {
      nextAt = Date.now() - started;
      done();
    });
    controller.abort(new Error('timed out'));
    await expect(aborted).rejects.toThrow('timed out');
    await vi.advanceTimersByTimeAsync(1_000);
    await next;
    // The aborted one's turn went to the next waiter: one spacing (90 ms), not two.
    expect(nextAt).toBe(90);
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
