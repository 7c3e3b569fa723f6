/**
 * Many channels due in the same minute: one tick posts every one of them (not one page of
 * a hundred per tick), several at once, and a channel it cannot post in does not make the
 * tick read the same rows forever. The reveals due together are all made in one tick too.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { channels, drills, workspaces } from '../../db/schema.ts';
import { seedFromText } from '../../src/core/seeded.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import { buildEngine, type TestEngine } from '../support/engine.ts';
import { FakeClock, HOUR } from '../support/fake-clock.ts';
import { FakePlatform } from '../support/fake-platform.ts';

/** More than two pages of due rows (100 each). */
const COUNT = 230;
const SLOT = '2026-03-02T09:00:00Z';

describe.each(ENGINES)('fan-out of due channels on %s', (engine) => {
  const database = useDatabase(engine);
  let clock: FakeClock;
  let platform: FakePlatform;
  let bot: TestEngine;

  beforeEach(async () => {
    clock = new FakeClock(SLOT);
    platform = new FakePlatform('slack');
    bot = await buildEngine({ db: database.db, clock, platform });
    await database.db.insert(workspaces).values({ id: 'slack:T1', platform: 'slack' });
    await database.db.insert(channels).values(
      Array.from({ length: COUNT }, (_, i) => {
        const id = `slack:T1:C${String(i).padStart(4, '0')}`;
        return {
          id,
          workspaceId: 'slack:T1',
          scheduleText: 'weekdays 09:00',
          cron: '0 9 * * 1-5',
          zone: 'UTC',
          nextRunAt: new Date(SLOT),
          rotationSeed: seedFromText(id),
        };
      }),
    );
  });

  it('posts every due channel in one tick, several at a time', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const post = platform.postMessage.bind(platform);
    platform.postMessage = async (...args) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      try {
        return await post(...args);
      } finally {
        inFlight -= 1;
      }
    };
    const report = await bot.service.tick();
    expect(report.posted).toBe(COUNT);
    expect(report.errors).toBe(0);
    expect(new Set(platform.posts.map((p) => p.channel)).size).toBe(COUNT);
    expect(mostInFlight).toBeGreaterThan(1);
    // Each channel once: a second tick in the same minute finds nothing due.
    expect((await bot.service.tick()).posted).toBe(0);
  });

  it('ends the tick when a channel stays due, and leaves it for a later tick', async () => {
    // Another process is still posting an earlier drill in the first channel: its slot
    // stays due, and paging must step past it rather than read it again and again.
    await database.db.insert(drills).values({
      channelId: 'slack:T1:C0000',
      slotAt: new Date(new Date(SLOT).getTime() - 24 * HOUR),
      trigger: 'schedule',
      status: 'claimed',
      leaseOwner: 'another-process',
      leaseExpiresAt: new Date(new Date(SLOT).getTime() + HOUR),
    });
    const report = await bot.service.tick();
    expect(report.posted).toBe(COUNT - 1);
    expect(platform.posts.some((p) => p.channel === 'slack:T1:C0000')).toBe(false);
  });

  it('a failed post is retried after its back-off, not read again as due', async () => {
    platform.failNext('postMessage', 'unavailable');
    await bot.service.tick();
    expect(platform.posts).toHaveLength(COUNT - 1);
    clock.advance(HOUR);
    await bot.service.tick();
    expect(platform.posts).toHaveLength(COUNT);
  });

  it('reveals every drill due in the same minute in one tick', async () => {
    await bot.service.tick();
    clock.advance(8 * HOUR);
    const report = await bot.service.tick();
    expect(report.revealed).toBe(COUNT);
    const rows = await database.db.select({ status: drills.status }).from(drills);
    expect(rows.filter((row) => row.status === 'revealed')).toHaveLength(COUNT);
  });
});
