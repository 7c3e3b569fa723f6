/**
 * The Slack adapter's per-channel pacer: the next post to a channel starts an interval after
 * the previous one's answer came back (Slack counts a post when it arrives), channels never
 * wait for each other, and a failed post still paces the next.
 */
import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../../adapters/slack/pacer.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ChannelPacer', () => {
  it('starts the next post to a channel an interval after the previous one finished', async () => {
    const pacer = new ChannelPacer(100);
    const log: [string, number][] = [];
    const started = performance.now();
    const post = (name: string, ms: number) => async () => {
      log.push([`${name} start`, performance.now() - started]);
      await sleep(ms);
      log.push([`${name} end`, performance.now() - started]);
      return name;
    };
    const results = await Promise.all([
      pacer.run('C1', post('a', 50)),
      pacer.run('C1', post('b', 10)),
      pacer.run('C2', post('c', 10)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    const at = (name: string) => log.find(([event]) => event === name)?.[1] ?? Number.NaN;
    expect(at('b start') - at('a end')).toBeGreaterThanOrEqual(95);
    expect(at('c start')).toBeLessThan(30);
  });

  it('paces after a failed post too, and passes the failure on', async () => {
    const pacer = new ChannelPacer(80);
    const first = pacer.run('C1', async () => {
      throw new Error('refused');
    });
    await expect(first).rejects.toThrow('refused');
    const before = performance.now();
    await pacer.run('C1', async () => 'ok');
    expect(performance.now() - before).toBeGreaterThanOrEqual(70);
  });

  it('does not wait at all with a zero interval', async () => {
    const pacer = new ChannelPacer(0);
    const before = performance.now();
    await Promise.all([pacer.run('C1', async () => 1), pacer.run('C1', async () => 2)]);
    expect(performance.now() - before).toBeLessThan(20);
  });
});
