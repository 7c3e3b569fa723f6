import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startTicker, tickExpression } from '../src/ticker.ts';

const silent = pino({ level: 'silent' });

describe('ticker', () => {
  it.each([
    [1, '*/1 * * * * *'],
    [15, '*/15 * * * * *'],
    [60, '0 * * * * *'],
  ])('runs every %i s as %j', (seconds, expression) => {
    expect(tickExpression(seconds)).toBe(expression);
  });

  it.each([0, 61, 1.5])('refuses %j seconds', (seconds) => {
    expect(() => tickExpression(seconds)).toThrow(/1 to 60/);
  });

  // Real node-cron timers at the edge: a short real wait with a lower bound, per the standards.
  it('ticks once at start-up and then on the schedule, and stops cleanly', async () => {
    const calls: number[] = [];
    const started = Date.now();
    const ticker = startTicker({
      seconds: 1,
      logger: silent,
      tick: async () => {
        calls.push(Date.now() - started);
      },
    });
    expect(calls).toHaveLength(1); // start-up tick runs at once
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    await ticker.stop();
    const atStop = calls.length;
    expect(atStop).toBeGreaterThanOrEqual(3);
    expect(calls.at(-1)).toBeGreaterThanOrEqual(900);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(calls).toHaveLength(atStop);
  });

  it('a failing tick is logged and the ticker keeps going', async () => {
    let calls = 0;
    const ticker = startTicker({
      seconds: 1,
      logger: silent,
      tick: async () => {
        calls += 1;
        throw new Error('database down');
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await ticker.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it('never stacks a slow tick, and skips quietly (no console warning per skipped second)', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const warned: unknown[] = [];
    const originalWarn = console.warn;
    const originalError = console.error;
    console.warn = (...args: unknown[]) => warned.push(args);
    console.error = (...args: unknown[]) => warned.push(args);
    try {
      const ticker = startTicker({
        seconds: 1,
        logger: silent,
        tick: async () => {
          calls += 1;
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 2_500));
          running -= 1;
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 3_200));
      await ticker.stop();
    } finally {
      console.warn = originalWarn;
      console.error = originalError;
    }
    expect(most).toBe(1);
    // The start-up tick holds the first 2.5 s; at most one scheduled tick follows it.
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(2);
    expect(warned).toEqual([]);
  });
});
