/**
 * The 30-day simulation shared by the one-engine and the two-engine tests: five channels in
 * four zones across their 2026 daylight-saving changes, members answering every drill with
 * several replies, edits, deletes, a bot reply and a late reply, an admin skip, two periods
 * of downtime and a post that times out after the platform accepted it. Expected slots come
 * from an independent oracle (./../support/slot-oracle.ts), not from the code under test.
 */
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../db/client.ts';
import { answerMessages, answers, drills } from '../../db/schema.ts';
import { Driver } from '../support/drive.ts';
import type { TestEngine } from '../support/engine.ts';
import { type FakeClock, HOUR, MINUTE } from '../support/fake-clock.ts';
import type { FakePlatform } from '../support/fake-platform.ts';
import { EVERY_DAY, expectedSlots, WEEKDAYS } from '../support/slot-oracle.ts';

export const START = new Date('2026-03-07T00:00:00Z');
export const END = new Date('2026-04-06T00:00:00Z');
const TICK = 5 * MINUTE;
const ADMIN = 'slack:UADMIN';

interface SimChannel {
  id: string;
  commands: string[];
  zone: string;
  hh: number;
  mm: number;
  weekdays: readonly string[];
  windowMs: number;
  remind: boolean;
}

export const SIM_CHANNELS: SimChannel[] = [
  {
    id: 'slack:T1:CNEWYORK',
    commands: ['schedule daily 09:00 America/New_York', 'window 8h', 'remind 1h'],
    zone: 'America/New_York',
    hh: 9,
    mm: 0,
    weekdays: EVERY_DAY,
    windowMs: 8 * HOUR,
    remind: true,
  },
  {
    // 02:30 does not exist in New York on 8 March 2026 (spring forward): it runs at 03:00.
    id: 'slack:T1:CNYNIGHT',
    commands: ['schedule daily 02:30 America/New_York', 'window 1h'],
    zone: 'America/New_York',
    hh: 2,
    mm: 30,
    weekdays: EVERY_DAY,
    windowMs: HOUR,
    remind: false,
  },
  {
    id: 'slack:T1:CLONDON',
    commands: ['schedule weekdays 09:00 Europe/London', 'window 8h'],
    zone: 'Europe/London',
    hh: 9,
    mm: 0,
    weekdays: WEEKDAYS,
    windowMs: 8 * HOUR,
    remind: false,
  },
  {
    // 02:30 happens twice in Sydney on 5 April 2026 (fall back): it runs once, the first time.
    id: 'slack:T1:CSYDNEY',
    commands: ['schedule daily 02:30 Australia/Sydney', 'window 4h'],
    zone: 'Australia/Sydney',
    hh: 2,
    mm: 30,
    weekdays: EVERY_DAY,
    windowMs: 4 * HOUR,
    remind: false,
  },
  {
    id: 'slack:T1:CKOLKATA',
    commands: ['schedule mon,wed,fri 18:30 Asia/Kolkata', 'window 2h'],
    zone: 'Asia/Kolkata',
    hh: 18,
    mm: 30,
    weekdays: ['Mon', 'Wed', 'Fri'],
    windowMs: 2 * HOUR,
    remind: false,
  },
];

export const DOWNTIMES = [
  { from: new Date('2026-03-20T08:00:00Z'), to: new Date('2026-03-20T16:00:00Z') },
  { from: new Date('2026-03-25T00:00:00Z'), to: new Date('2026-03-27T12:00:00Z') },
];

/** When the London admin skips the open drill (an hour after Thursday's slot). */
const SKIP_AT = new Date('2026-03-12T10:00:00Z');
/** From here the next question post times out after the platform accepted it. */
const TIMEOUT_FROM = new Date('2026-03-15T00:00:00Z');

const isDown = (t: Date) => DOWNTIMES.some((down) => t >= down.from && t < down.to);

/** The oracle's verdict per slot: posted (on time or late) or skipped by the catch-up rule. */
export function expectedOutcome(channel: SimChannel): { posted: Date[]; skipped: Date[] } {
  const slots = expectedSlots({ ...channel, from: START, to: END });
  const posted: Date[] = [];
  const skipped: Date[] = [];
  for (const down of DOWNTIMES) {
    const missed = slots.filter((slot) => slot >= down.from && slot < down.to);
    const latest = missed.at(-1);
    for (const slot of missed) {
      const late = slot === latest && down.to.getTime() <= slot.getTime() + channel.windowMs / 2;
      (late ? posted : skipped).push(slot);
    }
  }
  posted.push(...slots.filter((slot) => !isDown(slot)));
  return { posted: posted.sort((a, b) => a.getTime() - b.getTime()), skipped };
}

export interface SimulationOptions {
  db: Db;
  clock: FakeClock;
  platform: FakePlatform;
  engines: TestEngine[];
  /**
   * Called once the clock passes the midpoint; returns the engines still answering. The
   * others keep being ticked without waiting, as a frozen process would hold what it took.
   */
  atMidpoint?: () => TestEngine[];
}

/** Runs the 30 days, ticking every 5 minutes outside the downtimes. */
export async function runSimulation(options: SimulationOptions): Promise<void> {
  const { clock, platform } = options;
  const drive = new Driver(platform, clock);
  let engines = options.engines;
  clock.set(START);
  platform.platformAdmins.add(ADMIN);
  for (const channel of SIM_CHANNELS) {
    for (const command of channel.commands) {
      const answer = await drive.command(channel.id, ADMIN, command);
      expect(answer, `${channel.id}: ${command}`).not.toMatch(
        /invalid|not a|unknown|Only drill admins/i,
      );
    }
  }
  const answered = new Set<string>();
  const lateSent = new Set<string>();
  let skipped = false;
  let timeoutArmed = false;
  const midpoint = new Date((START.getTime() + END.getTime()) / 2);
  let halfway = false;
  let frozen: TestEngine[] = [];
  for (let t = START.getTime(); t < END.getTime(); t += TICK) {
    clock.set(new Date(t));
    if (isDown(clock.now())) continue;
    if (!halfway && clock.now() >= midpoint) {
      halfway = true;
      const alive = options.atMidpoint?.() ?? engines;
      frozen = engines.filter((engine) => !alive.includes(engine));
      engines = alive;
    }
    for (const engine of frozen) void engine.service.tick();
    if (!timeoutArmed && clock.now() >= TIMEOUT_FROM) {
      timeoutArmed = true;
      platform.failNext('postMessage', 'timeout_after_accept');
    }
    await Promise.all(engines.map((engine) => engine.service.tick()));
    if (!skipped && clock.now() >= SKIP_AT) {
      skipped = true;
      expect(await drive.command('slack:T1:CLONDON', ADMIN, 'skip')).toContain('Drill posted');
    }
    for (const question of platform.questions()) {
      if (answered.has(question.ref)) continue;
      answered.add(question.ref);
      await answerDrill(drive, question.ref);
    }
    for (const reveal of platform.reveals()) {
      const root = reveal.root ?? '';
      if (lateSent.has(root)) continue;
      lateSent.add(root);
      clock.advance(1_000);
      await drive.reply(root, 'slack:UDAVE', 'Late, but here is my answer.');
    }
  }
}

/** Every drill gets the same pattern of replies, so expectations are exact. */
async function answerDrill(drive: Driver, root: string): Promise<void> {
  await drive.reply(root, 'slack:UALICE', 'Alice part one.');
  await drive.reply(root, 'slack:UALICE', 'Alice part two.');
  const bob = await drive.reply(root, 'slack:UBOB', 'Bob draft.');
  await drive.edit(root, bob, 'slack:UBOB', 'Bob final.');
  const carol = await drive.reply(root, 'slack:UCAROL', 'Carol changes her mind.');
  await drive.delete(root, carol);
  await drive.reply(root, 'slack:UBOTX', 'Automated reply.', { fromBot: true });
}

/** Every assertion of the simulation, exact counts throughout. */
/**
 * `remindersNeverSent`: reminders an engine claimed and then froze in the middle of posting.
 * A reminder is a nudge, claimed once and never retried (src/core/drill-reveal.ts), so those
 * stay claimed and unposted by design.
 */
export async function checkSimulation(
  db: Db,
  platform: FakePlatform,
  remindersNeverSent = 0,
): Promise<void> {
  const all = await db.select().from(drills).orderBy(asc(drills.id));
  for (const channel of SIM_CHANNELS) {
    const expected = expectedOutcome(channel);
    const rows = all.filter((row) => row.channelId === channel.id && row.trigger === 'schedule');
    const postedSlots = rows
      .filter((row) => row.status !== 'skipped')
      .map((row) => row.slotAt.toISOString());
    const skippedSlots = rows
      .filter((row) => row.status === 'skipped')
      .map((row) => row.slotAt.toISOString());
    expect(postedSlots, `${channel.id} posted slots`).toEqual(
      expected.posted.map((slot) => slot.toISOString()),
    );
    expect(skippedSlots.sort(), `${channel.id} skipped slots`).toEqual(
      expected.skipped.map((slot) => slot.toISOString()).sort(),
    );
  }
  // Spot checks with literal instants, independent of both the oracle and the code.
  const slot = (channel: string, iso: string) =>
    all.find(
      (row) =>
        row.channelId === channel && row.trigger === 'schedule' && row.slotAt.toISOString() === iso,
    );
  // 02:30 does not exist in New York on 8 March: the drill ran at 03:00 EDT.
  expect(slot('slack:T1:CNYNIGHT', '2026-03-08T07:00:00.000Z')?.status).toBe('revealed');
  // 02:30 happened twice in Sydney on 5 April: one drill, at the first (AEDT) occurrence.
  const sydneyApril5 = all.filter(
    (row) =>
      row.channelId === 'slack:T1:CSYDNEY' &&
      row.slotAt >= new Date('2026-04-04T13:00:00Z') &&
      row.slotAt < new Date('2026-04-05T13:00:00Z'),
  );
  expect(sydneyApril5.map((row) => row.slotAt.toISOString())).toEqual(['2026-04-04T15:30:00.000Z']);
  // London moves from GMT to BST on 29 March: 09:00 local is 09:00Z, then 08:00Z.
  expect(slot('slack:T1:CLONDON', '2026-03-27T09:00:00.000Z')?.postedAt?.toISOString()).toBe(
    '2026-03-27T12:00:00.000Z',
  );
  expect(slot('slack:T1:CLONDON', '2026-03-30T08:00:00.000Z')?.status).toBe('revealed');
  // Downtime: New York's slot 3 h into an 8 h window posts late and still closes on time;
  // London's, 7 h in, and Kolkata's, past its 2 h window, are skipped.
  const lateNy = slot('slack:T1:CNEWYORK', '2026-03-20T13:00:00.000Z');
  expect([lateNy?.postedAt?.toISOString(), lateNy?.revealAt?.toISOString()]).toEqual([
    '2026-03-20T16:00:00.000Z',
    '2026-03-20T21:00:00.000Z',
  ]);
  expect(slot('slack:T1:CLONDON', '2026-03-20T09:00:00.000Z')?.status).toBe('skipped');
  expect(slot('slack:T1:CKOLKATA', '2026-03-20T13:00:00.000Z')?.status).toBe('skipped');
  // The 2.5-day outage: no burst afterwards, each channel posts at most one late drill.
  const afterOutage = all.filter(
    (row) =>
      row.postedAt?.toISOString() === '2026-03-27T12:00:00.000Z' && row.trigger === 'schedule',
  );
  expect(afterOutage.map((row) => row.channelId)).toEqual(['slack:T1:CLONDON']);
  expect(all.filter((row) => row.status === 'skipped')).toHaveLength(12);

  // The skip withdrew one London drill and posted one manual drill.
  expect(all.filter((row) => row.status === 'withdrawn')).toHaveLength(1);
  expect(all.filter((row) => row.trigger === 'manual')).toHaveLength(1);

  // One question message per posted drill, one reveal per revealed drill, nothing doubled.
  const posted = all.filter((row) => row.messageRef !== null);
  const questionPosts = platform.questions();
  expect(questionPosts).toHaveLength(posted.length);
  expect(new Set(questionPosts.map((post) => post.marker)).size).toBe(questionPosts.length);
  const revealed = all.filter((row) => row.status === 'revealed');
  const revealPosts = platform.reveals();
  expect(revealPosts).toHaveLength(revealed.length);
  expect(new Set(revealPosts.map((post) => post.root)).size).toBe(revealPosts.length);
  // Everything whose time came was revealed; only drills closing after the end are open.
  for (const row of all.filter((candidate) => candidate.status === 'open')) {
    expect(row.revealAt?.getTime()).toBeGreaterThan(END.getTime() - TICK);
  }

  // Reminders: at most one per drill, only in the channel that asked for them.
  const reminders = platform.posts.filter((post) => post.message.kind === 'reminder');
  expect(new Set(reminders.map((post) => post.root)).size).toBe(reminders.length);
  const remindingRoots = new Set(
    all.filter((row) => row.channelId === 'slack:T1:CNEWYORK').map((row) => row.messageRef),
  );
  expect(reminders.every((post) => remindingRoots.has(post.root ?? ''))).toBe(true);
  expect(reminders.length).toBe(
    all.filter((row) => row.remindedAt !== null).length - remindersNeverSent,
  );
  expect(reminders.length).toBeGreaterThan(20);

  // Answers: Alice's two replies joined, Bob's edit applied, Carol's deleted reply gone,
  // the bot ignored, Dave's late reply kept but not scored.
  for (const row of revealed) {
    const frozen = await db
      .select()
      .from(answers)
      .where(eq(answers.drillId, row.id))
      .orderBy(asc(answers.memberId));
    const byMember = Object.fromEntries(frozen.map((answer) => [answer.memberId, answer]));
    expect(byMember['slack:UALICE']?.frozenText, `drill ${row.id}`).toBe(
      'Alice part one.\nAlice part two.',
    );
    expect(byMember['slack:UBOB']?.frozenText).toBe('Bob final.');
    expect(byMember['slack:UCAROL']?.frozenText).toBe('');
    expect(byMember['slack:UCAROL']?.onTime).toBe(false);
    expect(byMember['slack:UBOTX']).toBeUndefined();
    expect(byMember['slack:UDAVE']?.frozenText ?? null).toBeNull();
  }
  const lateMessages = await db.select().from(answerMessages).where(eq(answerMessages.late, true));
  expect(lateMessages).toHaveLength(revealed.length);
}
