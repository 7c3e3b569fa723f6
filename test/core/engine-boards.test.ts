/**
 * Boards through the engine: periods cut at the channel's local midnight, channel and
 * workspace scopes, ties, and the weekly post.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, useDatabase } from '../support/db.ts';
import { Driver } from '../support/drive.ts';
import { buildEngine, type TestEngine } from '../support/engine.ts';
import { FakeClock, MINUTE } from '../support/fake-clock.ts';
import { FakePlatform } from '../support/fake-platform.ts';
import { seedDrill } from '../support/rows.ts';

const SYDNEY = 'slack:T0001:C0001';
const OTHER = 'slack:T0001:C0002';
const ADMIN = 'slack:UADMIN';
/** Earns 2 points: taking part, and one coverage point (2 of 7 key points). */
const GOOD = 'Revoke the key now and check CloudTrail for every call it made.';

describe.each(ENGINES)('leaderboards on %s', (engine) => {
  const database = useDatabase(engine);
  let clock: FakeClock;
  let platform: FakePlatform;
  let drive: Driver;
  let bot: TestEngine;
  let sequence = 0;

  beforeEach(async () => {
    clock = new FakeClock('2026-03-01T00:00:00Z');
    platform = new FakePlatform('slack');
    platform.platformAdmins.add(ADMIN);
    drive = new Driver(platform, clock);
    bot = await buildEngine({ db: database.db, clock, platform });
    await drive.command(SYDNEY, ADMIN, 'schedule daily 09:00 Australia/Sydney');
    await drive.command(OTHER, ADMIN, 'schedule daily 09:00 UTC');
  });

  /** A drill in `channel` answered by `members`, revealed at `revealIso`. */
  async function drillRevealedAt(
    channel: string,
    revealIso: string,
    members: string[],
  ): Promise<void> {
    sequence += 1;
    const reveal = new Date(revealIso);
    clock.set(new Date(reveal.getTime() - 30 * MINUTE));
    const root = `${channel}:q${sequence}`;
    await seedDrill(database.db, {
      channelId: channel,
      snapshotId: bot.context.catalog().snapshotId('cloud-security', 'cloud-leaked-access-key'),
      slotAt: clock.now(),
      messageRef: root,
      revealAt: reveal,
    });
    for (const member of members) await drive.reply(root, member, GOOD);
    clock.set(reveal);
    await bot.service.tick();
  }

  it('cuts weeks at the channel’s local midnight, not UTC', async () => {
    // Sunday 8 March 23:30 in Sydney is 12:30 UTC the same Sunday: last week there.
    await drillRevealedAt(SYDNEY, '2026-03-08T12:30:00Z', ['slack:UANA']);
    // Monday 9 March 00:30 in Sydney is still Sunday 13:30 UTC: this week there.
    await drillRevealedAt(SYDNEY, '2026-03-08T13:30:00Z', ['slack:UBEN']);
    clock.set('2026-03-09T01:00:00Z'); // Monday noon in Sydney
    const week = await drive.command(SYDNEY, 'slack:UBEN', 'leaderboard week');
    expect(week).toContain('9–15 Mar 2026');
    expect(week).toMatch(/1\. @UBEN — 2 pts/);
    expect(week).not.toContain('@UANA');
    const all = await drive.command(SYDNEY, 'slack:UBEN', 'leaderboard all');
    expect(all).toMatch(/1\. @UANA — 2 pts[\s\S]*1\. @UBEN — 2 pts/);
  });

  it('a workspace board sums every channel; a channel board only its own', async () => {
    await drillRevealedAt(SYDNEY, '2026-03-10T01:00:00Z', ['slack:UANA', 'slack:UBEN']);
    await drillRevealedAt(OTHER, '2026-03-10T12:00:00Z', ['slack:UBEN']);
    const channelBoard = await drive.command(SYDNEY, 'slack:UBEN', 'leaderboard month channel');
    expect(channelBoard).toMatch(/1\. @UANA — 2 pts[\s\S]*1\. @UBEN — 2 pts/);
    const workspace = await drive.command(SYDNEY, 'slack:UBEN', 'leaderboard month workspace');
    expect(workspace).toMatch(/1\. @UBEN — 4 pts[\s\S]*2\. @UANA — 2 pts/);
  });

  it('posts last week’s board with the first drill of a week, once, without mentions', async () => {
    await drillRevealedAt(OTHER, '2026-03-04T12:00:00Z', ['slack:UANA']);
    await drive.command(OTHER, ADMIN, 'weekly-board on');
    for (const day of ['2026-03-09T09:00:00Z', '2026-03-10T09:00:00Z']) {
      clock.set(day);
      await bot.service.tick();
    }
    const boards = platform.posts.filter((post) => post.message.kind === 'leaderboard');
    expect(boards).toHaveLength(1);
    expect(boards[0]?.channel).toBe(OTHER);
    expect(boards[0]?.text).toContain('Last week’s leaderboard');
    expect(boards[0]?.text).toContain('2–8 Mar 2026');
    expect(boards[0]?.text).toContain('1. UANA — 2 pts');
    const spans = boards[0]?.message.blocks.flatMap((block) =>
      block.type === 'bullets' ? block.items.flat() : [],
    );
    expect(spans?.some((span) => 'member' in span)).toBe(false);
  });
});
