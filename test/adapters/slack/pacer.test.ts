/**
 * The Slack adapter's per-channel pacer: the next post to a channel starts an interval after
 * the previous one's answer came back (Slack counts a post when it arrives), channels never
 * wait for each other, and a failed post still paces the next. On a fake clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChannelPacer } from '../../../adapters/slack/pacer.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ChannelPacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts the next post to a channel an interval after the previous one finished', async () => {
    const pacer = new ChannelPacer(100);
    const started = Date.now();
    const log = new Map<string, number>();
    const post = (name: string, ms: number) => async () => {
      log.set(`${name} start`, Date.now() - started);
      await sleep(ms);
      log.set(`${name} end`, Date.now() - started);
      return name;
    };
    const all = Promise.all([
      pacer.run('C1', post('a', 50)),
      pacer.run('C1', post('b', 10)),
      pacer.run('C2', post('c', 10)),
    ]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await all).toEqual(['a', 'b', 'c']);
    expect(log.get('a end')).toBe(50);
    expect(log.get('b start')).toBe(150);
    expect(log.get('c start')).toBe(0);
  });

  it('paces after a failed post too, and passes the failure on', async () => {
    const pacer = new ChannelPacer(80);
    const started = Date.now();
    const first = pacer.run('C1', async () => {
      throw new Error('refused');
    });
    await expect(first).rejects.toThrow('refused');
    const second = pacer.run('C1', async () => Date.now() - started);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await second).toBe(80);
  });

  it('does not wait at all with a zero interval', async () => {
    const pacer = new ChannelPacer(0);
    const started = Date.now();
    const times = await Promise.all([
      pacer.run('C1', async () => Date.now() - started),
      pacer.run('C1', async () => Date.now() - started),
    ]);
    expect(times).toEqual([0, 0]);
  });
});
