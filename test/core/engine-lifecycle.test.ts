import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerMessages, answers, channels, drills, questionFlags } from '../../db/schema.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import { Driver } from '../support/drive.ts';
import { buildEngine, type TestEngine } from '../support/engine.ts';
import { FakeClock, HOUR, MINUTE } from '../support/fake-clock.ts';
import { FakePlatform } from '../support/fake-platform.ts';

const CHANNEL = 'slack:T1:C1';
const ADMIN = 'slack:UADMIN';
const ALICE = 'slack:UALICE';
const BOB = 'slack:UBOB';

describe.each(ENGINES)('drill lifecycle on %s', (engine) => {
  const database = useDatabase(engine);
  let clock: FakeClock;
  let platform: FakePlatform;
  let drive: Driver;
  let bot: TestEngine;

  beforeEach(async () => {
    // Monday 2 March 2026, 08:00 UTC.
    clock = new FakeClock('2026-03-02T08:00:00Z');
    platform = new FakePlatform('slack');
    platform.platformAdmins.add(ADMIN);
    drive = new Driver(platform, clock);
    bot = await buildEngine({ db: database.db, clock, platform });
  });

  async function drillRows() {
    return database.db
      .select()
      .from(drills)
      .where(eq(drills.channelId, CHANNEL))
      .orderBy(drills.id);
  }

  it('refuses admin commands to members and changes nothing', async () => {
    const answer = await drive.command(CHANNEL, ALICE, 'now');
    expect(answer).toContain('Only drill admins can run /drill now; nothing was changed');
    expect(platform.posts).toEqual([]);
    expect(await database.db.select().from(channels)).toEqual([]);
  });

  it('status, help and leaderboard never enrol a channel', async () => {
    expect(await drive.command(CHANNEL, ADMIN, 'status')).toContain('This channel has no drills');
    expect(await drive.command(CHANNEL, ALICE, 'help')).toContain('/drill practice');
    expect(await drive.command(CHANNEL, ALICE, 'leaderboard')).toContain('no drills yet');
    expect(await drive.command(CHANNEL, ALICE, 'stats')).toContain('no drills yet');
    expect(await database.db.select().from(channels)).toEqual([]);
  });

  it('answers a usage error with the bad value and the form', async () => {
    const answer = await drive.command(CHANNEL, ADMIN, 'window 5s');
    expect(answer).toMatch(/5s/);
    expect(answer).toContain('Usage: /drill window <duration>');
    expect(await database.db.select().from(channels)).toEqual([]);
  });

  it('runs a drill: post, multi-reply answers, edit, delete, bot and late replies, reveal', async () => {
    expect(await drive.command(CHANNEL, ADMIN, 'now')).toContain('Drill posted');
    const [question] = platform.questions(CHANNEL);
    if (!question) throw new Error('no question posted');
    expect(question.marker).toMatch(/^drill:\d+$/);
    expect(question.text).toContain('Daily drill');

    clock.advance(10 * MINUTE);
    await drive.reply(question.ref, ALICE, 'First thought: least privilege for every tool.');
    clock.advance(MINUTE);
    const second = await drive.reply(question.ref, ALICE, 'Second part, to be edited.');
    const bobs = await drive.reply(question.ref, BOB, 'I would just write a better prompt.');
    await drive.reply(question.ref, 'slack:UBOTX', 'I am a bot answering', { fromBot: true });
    clock.advance(MINUTE);
    await drive.edit(
      question.ref,
      second,
      ALICE,
      'Second part, edited: human approval for deletes.',
    );
    await drive.delete(question.ref, bobs);
    await drive.reply(question.ref, BOB, 'Bob tries again.');
    clock.advance(MINUTE);

    expect(await drive.command(CHANNEL, ADMIN, 'reveal')).toContain('Revealed');
    clock.advance(MINUTE);
    await drive.reply(question.ref, ALICE, 'A late thought.');

    const reveals = platform.reveals(CHANNEL);
    expect(reveals).toHaveLength(1);
    expect(reveals[0]?.root).toBe(question.ref);
    expect(reveals[0]?.text).toContain('Answered (2)');
    expect(reveals[0]?.text).toContain('Common mistake');

    const stored = await database.db.select().from(answers).orderBy(answers.memberId);
    expect(stored.map((row) => [row.memberId, row.frozenText])).toEqual([
      [
        ALICE,
        'First thought: least privilege for every tool.\nSecond part, edited: human approval for deletes.',
      ],
      [BOB, 'Bob tries again.'],
    ]);
    const late = await database.db
      .select()
      .from(answerMessages)
      .where(eq(answerMessages.late, true));
    expect(late.map((row) => row.text)).toEqual(['A late thought.']);
    const [drill] = await drillRows();
    expect(drill?.status).toBe('revealed');
  });

  it('stores a redelivered reply once', async () => {
    await drive.command(CHANNEL, ADMIN, 'now');
    const root = platform.questions(CHANNEL)[0]?.ref ?? '';
    await drive.reply(root, ALICE, 'once', { eventId: 'slack:EvSame', message: `${CHANNEL}:same` });
    await drive.reply(root, ALICE, 'once', { eventId: 'slack:EvSame', message: `${CHANNEL}:same` });
    await drive.reply(root, ALICE, 'once', {
      eventId: 'slack:EvOther',
      message: `${CHANNEL}:same`,
    });
    expect(await database.db.select().from(answerMessages)).toHaveLength(1);
  });

  it('follows the schedule: posts at the slot, reminds, reveals at slot + window', async () => {
    await drive.command(CHANNEL, ADMIN, 'schedule daily 09:00 Europe/London');
    await drive.command(CHANNEL, ADMIN, 'window 2h');
    await drive.command(CHANNEL, ADMIN, 'remind 30m');
    clock.set('2026-03-02T08:59:00Z');
    await bot.service.tick();
    expect(platform.questions()).toHaveLength(0);
    clock.set('2026-03-02T09:00:00Z');
    await bot.service.tick();
    await bot.service.tick();
    expect(platform.questions()).toHaveLength(1);
    clock.set('2026-03-02T10:30:00Z');
    await bot.service.tick();
    expect(platform.posts.filter((post) => post.message.kind === 'reminder')).toHaveLength(1);
    await bot.service.tick();
    expect(platform.posts.filter((post) => post.message.kind === 'reminder')).toHaveLength(1);
    clock.set('2026-03-02T10:59:59Z');
    await bot.service.tick();
    expect(platform.reveals()).toHaveLength(0);
    clock.set('2026-03-02T11:00:00Z');
    await bot.service.tick();
    expect(platform.reveals()).toHaveLength(1);
    const [drill] = await drillRows();
    expect(drill?.revealAt?.toISOString()).toBe('2026-03-02T11:00:00.000Z');
  });

  it('after a post whose outcome is unknown, finds the message instead of posting twice', async () => {
    platform.failNext('postMessage', 'timeout_after_accept');
    const answer = await drive.command(CHANNEL, ADMIN, 'now');
    expect(answer).toContain('will be retried');
    expect((await drillRows())[0]?.status).toBe('claimed');
    await bot.service.tick();
    expect(platform.questions()).toHaveLength(1);
    const [drill] = await drillRows();
    expect(drill?.status).toBe('open');
    expect(drill?.messageRef).toBe(platform.questions()[0]?.ref);
  });

  it('retries a rate-limited post after the back-off, once', async () => {
    platform.failNext('postMessage', 'rate_limited', 30_000);
    await drive.command(CHANNEL, ADMIN, 'now');
    await bot.service.tick();
    expect(platform.questions()).toHaveLength(0);
    clock.advance(31_000);
    await bot.service.tick();
    await bot.service.tick();
    expect(platform.questions()).toHaveLength(1);
  });

  it('pauses the channel and tells the admin when the bot is not in the channel', async () => {
    platform.failNext('postMessage', 'not_in_channel');
    expect(await drive.command(CHANNEL, ADMIN, 'now')).toContain(
      'Invite the bot, then run /drill resume',
    );
    const [channel] = await database.db.select().from(channels);
    expect(channel?.status).toBe('paused');
    expect(channel?.nextRunAt).toBeNull();
    expect(
      platform
        .privateTo(ADMIN)
        .map((entry) => entry.text)
        .join('\n'),
    ).toContain('Invite the bot back');
    expect((await drillRows())[0]?.status).toBe('withdrawn');
  });

  it('pauses a channel when the bot is removed from it', async () => {
    await drive.command(CHANNEL, ADMIN, 'schedule weekdays 09:00');
    await platform.emit({
      type: 'bot_removed',
      eventId: platform.nextEventId(),
      channel: CHANNEL,
      at: clock.now(),
    });
    const [channel] = await database.db.select().from(channels);
    expect(channel?.status).toBe('paused');
    expect(channel?.pausedReason).toContain('removed');
    expect(
      platform
        .privateTo(ADMIN)
        .map((entry) => entry.text)
        .join(),
    ).toContain('Invite the bot back');
  });

  it('blind mode takes private answers and shows them together at the reveal', async () => {
    await drive.command(CHANNEL, ADMIN, 'mode blind');
    await drive.command(CHANNEL, ADMIN, 'now');
    clock.advance(MINUTE);
    expect(
      await drive.command(CHANNEL, ALICE, 'answer Rate limits and <!channel> top-k outputs'),
    ).toContain('Answer stored');
    clock.advance(MINUTE);
    await drive.command(CHANNEL, ADMIN, 'reveal');
    const reveal = platform.reveals()[0];
    const quotes = reveal?.message.blocks.filter((block) => block.type === 'quote') ?? [];
    expect(quotes).toEqual([
      { type: 'quote', spans: [{ text: 'Rate limits and <!channel> top-k outputs' }] },
    ]);
  });

  it('skip withdraws the open drill and posts another question', async () => {
    await drive.command(CHANNEL, ADMIN, 'now');
    await drive.command(CHANNEL, ADMIN, 'skip');
    const rows = await drillRows();
    expect(rows.map((row) => row.status)).toEqual(['withdrawn', 'open']);
    expect(platform.questions()).toHaveLength(2);
    expect(rows[0]?.snapshotId).not.toBe(rows[1]?.snapshotId);
  });

  it('a new drill first reveals the open one', async () => {
    await drive.command(CHANNEL, ADMIN, 'now');
    clock.advance(HOUR);
    await drive.command(CHANNEL, ADMIN, 'now');
    expect((await drillRows()).map((row) => row.status)).toEqual(['revealed', 'open']);
    expect(platform.reveals()).toHaveLength(1);
  });

  it('stop ends drills in the channel and keeps history', async () => {
    await drive.command(CHANNEL, ADMIN, 'now');
    await drive.command(CHANNEL, ADMIN, 'stop');
    clock.advance(3 * 24 * HOUR);
    await bot.service.tick();
    expect(platform.questions()).toHaveLength(1);
    expect((await drillRows()).map((row) => row.status)).toEqual(['withdrawn']);
  });

  it('flag stores the report for pack maintainers', async () => {
    await drive.command(CHANNEL, ADMIN, 'now');
    expect(await drive.command(CHANNEL, ALICE, 'flag The second key point is outdated')).toContain(
      'flagged',
    );
    const flags = await database.db.select().from(questionFlags);
    expect(flags.map((flag) => [flag.memberId, flag.reason])).toEqual([
      [ALICE, 'The second key point is outdated'],
    ]);
  });

  it('packs refuses an unknown pack by name', async () => {
    const answer = await drive.command(CHANNEL, ADMIN, 'packs ai-security-engineer,nope');
    expect(answer).toContain('Unknown pack "nope"');
    const [channel] = await database.db.select().from(channels);
    expect(channel?.allPacks).toBe(true);
  });

  it('admins add makes a member an admin of the workspace', async () => {
    expect(await drive.command(CHANNEL, ALICE, 'now')).toContain('Only drill admins');
    expect(await drive.command(CHANNEL, ADMIN, 'admins add <@UALICE>')).toContain('Added');
    expect(await drive.command(CHANNEL, ALICE, 'now')).toContain('Drill posted');
  });
});
