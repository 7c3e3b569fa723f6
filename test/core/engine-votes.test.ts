/**
 * Peer votes through the engine, as an adapter delivers them: reactions on answers become
 * votes for the reveal to count, and after the reveal each change writes a ledger delta that
 * keeps the day aggregates equal to the ledger. The channel's drill is
 * appsec-secrets-in-code-ci (the rotation is seeded by the channel id); its framework has six
 * key points, so three covered earn 2 coverage points and two earn 1.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ledgerOfDrill, ledgerTotals } from '../../db/queries/points.ts';
import { rawRows } from '../../db/raw.ts';
import { answers, drills, members, pointsDaily, votes } from '../../db/schema.ts';
import { shownVotes, VOTE_CAP } from '../../src/core/votes.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import { Driver } from '../support/drive.ts';
import { buildEngine } from '../support/engine.ts';
import { FakeClock, MINUTE } from '../support/fake-clock.ts';
import { FakePlatform } from '../support/fake-platform.ts';

const CHANNEL = 'slack:T1:C1';
const ADMIN = 'slack:UADMIN';
const ALICE = 'slack:UALICE';
const BOB = 'slack:UBOB';
const CAROL = 'slack:UCAROL';
const DAVE = 'slack:UDAVE';
const ERIN = 'slack:UERIN';

/** Covers revoke-first, investigate-use, scan-and-block, in two replies. */
const ALICE_REPLIES = [
  'First I would revoke the key right away and assume compromise: public repos get scraped ' +
    'within minutes, and forks and clones keep the commit whatever the force push did.',
  'Then I would read CloudTrail for what the key did since it leaked, and add gitleaks as a ' +
    'pre-commit hook so the next one never lands.',
];
/** Covers revoke-first, secrets-manager, short-lived-ci. */
const BOB_REPLY =
  'Rotate the key at once. After that, move our secrets into Vault and give the pipeline ' +
  'short-lived credentials through OIDC federation instead of long-lived keys.';
/** Covers investigate-use, pipeline-exposure. */
const CAROL_REPLY =
  'I would look through the audit logs to see what that key touched, and pin third-party ' +
  'actions to a commit SHA so a hijacked action cannot walk off with pipeline secrets.';

describe.each(ENGINES)('peer votes on %s', (engine) => {
  const database = useDatabase(engine);
  let clock: FakeClock;
  let platform: FakePlatform;
  let drive: Driver;

  beforeEach(async () => {
    // Monday 2 March 2026, 08:00 UTC: 21:00 the same day in Auckland.
    clock = new FakeClock('2026-03-02T08:00:00Z');
    platform = new FakePlatform('slack');
    platform.platformAdmins.add(ADMIN);
    drive = new Driver(platform, clock);
    await buildEngine({ db: database.db, clock, platform });
  });

  interface Thread {
    drillId: number;
    root: string;
    alice: string[];
    bob: string;
    carol: string;
  }

  /** Posts the drill; Alice (two replies), Bob and Carol answer on time. Dave does not. */
  async function openDrill(): Promise<Thread> {
    await drive.command(CHANNEL, ADMIN, 'zone Pacific/Auckland');
    await drive.command(CHANNEL, ADMIN, 'now');
    const root = platform.questions(CHANNEL)[0]?.ref;
    const [drill] = await database.db.select().from(drills).where(eq(drills.channelId, CHANNEL));
    if (!root || !drill) throw new Error('no drill posted');
    clock.advance(10 * MINUTE);
    const alice = [];
    for (const text of ALICE_REPLIES) alice.push(await drive.reply(root, ALICE, text));
    const bob = await drive.reply(root, BOB, BOB_REPLY);
    const carol = await drive.reply(root, CAROL, CAROL_REPLY);
    clock.advance(MINUTE);
    return { drillId: drill.id, root, alice, bob, carol };
  }

  async function reveal(): Promise<void> {
    expect(await drive.command(CHANNEL, ADMIN, 'reveal')).toContain('Revealed');
    clock.advance(MINUTE);
  }

  function reaction(
    member: string,
    message: string,
    options: { removed?: boolean; emoji?: string; eventId?: string; fromBot?: boolean } = {},
  ) {
    return {
      type: options.removed ? ('reaction_removed' as const) : ('reaction_added' as const),
      eventId: options.eventId ?? platform.nextEventId(),
      channel: CHANNEL,
      at: clock.now(),
      message,
      member,
      emoji: options.emoji ?? '+1',
      ...(options.fromBot ? { fromBot: true } : {}),
    };
  }

  const react = (...args: Parameters<typeof reaction>) => platform.emit(reaction(...args));
  const unreact = (member: string, message: string, emoji = '+1') =>
    react(member, message, { removed: true, emoji });

  /** Votes as `author <- voter` pairs, sorted. */
  async function voteList(): Promise<string[]> {
    const rows = await database.db
      .select({ author: answers.memberId, voter: votes.voterId })
      .from(votes)
      .innerJoin(answers, eq(answers.id, votes.answerId));
    return rows.map((row) => `${row.author} <- ${row.voter}`).sort();
  }

  async function ledger(drillId: number) {
    return (await ledgerOfDrill(database.db, drillId)).map((row) => ({
      member: row.memberId,
      reason: row.reason,
      points: row.points,
      key: row.awardKey,
      at: row.earnedAt.toISOString(),
    }));
  }

  async function voteDeltas(drillId: number) {
    return (await ledger(drillId)).filter((row) => row.reason === 'votes' && row.key === null);
  }

  /** The board aggregates hold exactly what the ledger holds, member by member. */
  async function expectAggregatesExact(): Promise<void> {
    const rows = await database.db
      .select({
        member: pointsDaily.memberId,
        total: sql<number>`sum(${pointsDaily.points})::int`,
      })
      .from(pointsDaily)
      .groupBy(pointsDaily.memberId);
    const aggregates = new Map(rows.map((row) => [row.member, row.total]));
    expect(aggregates).toEqual(await ledgerTotals(database.db));
  }

  async function dailyOf(member: string) {
    return database.db
      .select({ day: pointsDaily.day, points: pointsDaily.points })
      .from(pointsDaily)
      .where(eq(pointsDaily.memberId, member))
      .orderBy(asc(pointsDaily.day));
  }

  it('exports a cap of 5 for display and ranking', () => {
    expect(VOTE_CAP).toBe(5);
    expect([0, 2, 5, 6, 40].map(shownVotes)).toEqual([0, 2, 5, 5, 5]);
  });

  it('ignores a vote on your own answer', async () => {
    const thread = await openDrill();
    await react(ALICE, thread.alice[0] ?? '');
    await reveal();
    await react(ALICE, thread.alice[1] ?? '');
    expect(await voteList()).toEqual([]);
  });

  it('ignores reactions from bots', async () => {
    const thread = await openDrill();
    // Carol qualifies in every other way: only the flag keeps the first reaction out.
    await react(CAROL, thread.bob, { fromBot: true });
    expect(await voteList()).toEqual([]);
    await react(CAROL, thread.bob);
    expect(await voteList()).toEqual([`${BOB} <- ${CAROL}`]);
  });

  it('ignores voters who have not answered the drill, until they do', async () => {
    const thread = await openDrill();
    await react(DAVE, thread.bob);
    expect(await voteList()).toEqual([]);
    await drive.reply(thread.root, DAVE, 'Revoke it first, then look at CloudTrail.');
    await react(DAVE, thread.bob);
    expect(await voteList()).toEqual([`${BOB} <- ${DAVE}`]);
  });

  it('ignores reactions on the question, the reveal and other messages', async () => {
    const thread = await openDrill();
    await react(BOB, thread.root);
    await react(BOB, `${CHANNEL}:unknown`);
    await reveal();
    const revealRef = platform.reveals(CHANNEL)[0]?.ref;
    expect(revealRef).toBeDefined();
    await react(BOB, revealRef ?? '');
    await react(CAROL, revealRef ?? '', { emoji: 'tada' });
    expect(await voteList()).toEqual([]);
    expect(await voteDeltas(thread.drillId)).toEqual([]);
  });

  it('counts two votes before the reveal: the reveal awards the vote point', async () => {
    const thread = await openDrill();
    await react(BOB, thread.alice[0] ?? '');
    await react(CAROL, thread.alice[1] ?? '', { emoji: 'fire' });
    await react(ALICE, thread.bob);
    await reveal();
    const at = '2026-03-02T08:11:00.000Z';
    const key = (member: string, reason: string) => `drill:${thread.drillId}:${member}:${reason}`;
    expect(await ledger(thread.drillId)).toEqual([
      { member: ALICE, reason: 'participation', points: 1, key: key(ALICE, 'participation'), at },
      { member: ALICE, reason: 'coverage', points: 2, key: key(ALICE, 'coverage'), at },
      { member: ALICE, reason: 'votes', points: 1, key: key(ALICE, 'votes'), at },
      { member: BOB, reason: 'participation', points: 1, key: key(BOB, 'participation'), at },
      { member: BOB, reason: 'coverage', points: 2, key: key(BOB, 'coverage'), at },
      { member: CAROL, reason: 'participation', points: 1, key: key(CAROL, 'participation'), at },
      { member: CAROL, reason: 'coverage', points: 1, key: key(CAROL, 'coverage'), at },
    ]);
    expect(platform.reveals(CHANNEL)[0]?.text).toContain('2 votes');
    await expectAggregatesExact();
  });

  it('after the reveal, writes +1 when a vote crosses the threshold and -1 when it is removed', async () => {
    const thread = await openDrill();
    await react(BOB, thread.alice[0] ?? '');
    await reveal();
    expect(await voteDeltas(thread.drillId)).toEqual([]);
    // 00:30 on 3 March in Auckland, still 2 March in UTC: the delta lands on the local day.
    clock.set('2026-03-02T11:30:00Z');
    await react(CAROL, thread.alice[1] ?? '');
    await expectAggregatesExact();
    clock.set('2026-03-02T11:45:00Z');
    await unreact(CAROL, thread.alice[1] ?? '');
    await expectAggregatesExact();
    expect(await voteDeltas(thread.drillId)).toEqual([
      { member: ALICE, reason: 'votes', points: 1, key: null, at: '2026-03-02T11:30:00.000Z' },
      { member: ALICE, reason: 'votes', points: -1, key: null, at: '2026-03-02T11:45:00.000Z' },
    ]);
    expect(await dailyOf(ALICE)).toEqual([
      { day: '2026-03-02', points: 3 },
      { day: '2026-03-03', points: 0 },
    ]);
    // Below the threshold already: Bob's removal changes no points.
    await unreact(BOB, thread.alice[0] ?? '');
    expect(await voteDeltas(thread.drillId)).toHaveLength(2);
    expect(await voteList()).toEqual([]);
    await expectAggregatesExact();
  });

  it('counts a voter once over several reactions and messages, until the last is removed', async () => {
    const thread = await openDrill();
    await react(BOB, thread.alice[0] ?? '');
    await reveal();
    const [first, second] = [thread.alice[0] ?? '', thread.alice[1] ?? ''];
    await react(CAROL, first);
    await react(CAROL, first, { emoji: 'tada' });
    await react(CAROL, second);
    expect(await voteList()).toEqual([`${ALICE} <- ${BOB}`, `${ALICE} <- ${CAROL}`]);
    expect((await voteDeltas(thread.drillId)).map((row) => row.points)).toEqual([1]);
    await unreact(CAROL, first);
    await unreact(CAROL, second);
    expect(await voteList()).toEqual([`${ALICE} <- ${BOB}`, `${ALICE} <- ${CAROL}`]);
    expect((await voteDeltas(thread.drillId)).map((row) => row.points)).toEqual([1]);
    await unreact(CAROL, first, 'tada');
    expect(await voteList()).toEqual([`${ALICE} <- ${BOB}`]);
    expect((await voteDeltas(thread.drillId)).map((row) => row.points)).toEqual([1, -1]);
    // A removal that matches no live reaction changes nothing.
    await unreact(CAROL, first, 'tada');
    expect((await voteDeltas(thread.drillId)).map((row) => row.points)).toEqual([1, -1]);
    await expectAggregatesExact();
  });

  it('counts a redelivered event once', async () => {
    const thread = await openDrill();
    await react(BOB, thread.carol, { eventId: 'slack:EvBob' });
    await react(BOB, thread.carol, { eventId: 'slack:EvBob' });
    await unreact(BOB, thread.carol);
    // A replay of the old add after the removal is a duplicate, not a new vote.
    await react(BOB, thread.carol, { eventId: 'slack:EvBob' });
    expect(await voteList()).toEqual([]);
    await react(BOB, thread.alice[0] ?? '');
    await reveal();
    await react(CAROL, thread.alice[0] ?? '', { eventId: 'slack:EvCarol' });
    await react(CAROL, thread.alice[0] ?? '', { eventId: 'slack:EvCarol' });
    await react(CAROL, thread.alice[0] ?? '', { removed: true, eventId: 'slack:EvCarolOff' });
    await react(CAROL, thread.alice[0] ?? '', { removed: true, eventId: 'slack:EvCarolOff' });
    await react(CAROL, thread.alice[0] ?? '', { eventId: 'slack:EvCarol' });
    expect((await voteDeltas(thread.drillId)).map((row) => row.points)).toEqual([1, -1]);
    expect(await voteList()).toEqual([`${ALICE} <- ${BOB}`]);
    await expectAggregatesExact();
  });

  it('counts votes on late replies for the answer; unscored answers earn no vote points', async () => {
    const thread = await openDrill();
    // Dave's bare list of terms is on time but gamed: participation only.
    const dave = await drive.reply(
      thread.root,
      DAVE,
      'revoke, CloudTrail, gitleaks, TruffleHog, push protection, Vault, OIDC',
    );
    clock.advance(MINUTE);
    await reveal();
    const [daveAnswer] = await database.db.select().from(answers).where(eq(answers.memberId, DAVE));
    expect(daveAnswer?.score?.flags).toEqual(['bare-term-list']);
    const late = await drive.reply(thread.root, ALICE, 'One more thing: enable push protection.');
    await react(BOB, late);
    await react(CAROL, late);
    await react(ALICE, dave);
    await react(BOB, dave);
    // Erin answers only after the reveal: her answer collects votes but was never scored.
    const erin = await drive.reply(thread.root, ERIN, 'Revoke and rotate the key.');
    await react(BOB, erin);
    await react(CAROL, erin);
    expect(await voteList()).toEqual([
      `${ALICE} <- ${BOB}`,
      `${ALICE} <- ${CAROL}`,
      `${DAVE} <- ${ALICE}`,
      `${DAVE} <- ${BOB}`,
      `${ERIN} <- ${BOB}`,
      `${ERIN} <- ${CAROL}`,
    ]);
    expect(await voteDeltas(thread.drillId)).toEqual([
      { member: ALICE, reason: 'votes', points: 1, key: null, at: clock.now().toISOString() },
    ]);
    await expectAggregatesExact();
  });

  it('leaves the vote points of an opted-out author as they were', async () => {
    const thread = await openDrill();
    await react(BOB, thread.alice[0] ?? '');
    await react(CAROL, thread.alice[0] ?? '');
    await reveal();
    // Set directly: this is about the votes, not the optout command.
    await database.db.update(members).set({ optedOutAt: clock.now() }).where(eq(members.id, ALICE));
    await unreact(CAROL, thread.alice[0] ?? '');
    expect(await voteDeltas(thread.drillId)).toEqual([]);
    expect((await ledger(thread.drillId)).filter((row) => row.reason === 'votes')).toHaveLength(1);
    await expectAggregatesExact();
  });

  it('gives no vote points for a drill revealed while the author was opted out', async () => {
    const thread = await openDrill();
    const optOut = (at: Date | null) =>
      database.db.update(members).set({ optedOutAt: at }).where(eq(members.id, ALICE));
    await optOut(clock.now());
    await reveal();
    await optOut(null);
    await react(BOB, thread.alice[0] ?? '');
    await react(CAROL, thread.alice[0] ?? '');
    expect(await voteList()).toEqual([`${ALICE} <- ${BOB}`, `${ALICE} <- ${CAROL}`]);
    expect((await ledger(thread.drillId)).filter((row) => row.member === ALICE)).toEqual([]);
    await expectAggregatesExact();
  });

  /** Waits until `count` sessions of this database wait for a lock (Postgres only). */
  async function lockWaiters(count: number): Promise<void> {
    for (let tries = 0; tries < 500; tries += 1) {
      const [row] = await rawRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if ((row?.n ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`fewer than ${count} sessions waiting for a lock`);
  }

  it.skipIf(engine === 'pglite')(
    "counts a vote that races the reveal's scoring exactly once",
    async () => {
      const thread = await openDrill();
      await react(BOB, thread.alice[0] ?? '');
      const [alice] = await database.db.select().from(answers).where(eq(answers.memberId, ALICE));
      // Holding Alice's answer stalls both sides mid-way: the vote after it has read the
      // drill, the reveal once it has got as far as it can. Then both go on at once.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let taken = () => {};
      const lockTaken = new Promise<void>((resolve) => {
        taken = resolve;
      });
      const blocker = database.db.transaction(async (tx) => {
        await tx
          .select()
          .from(answers)
          .where(eq(answers.id, alice?.id ?? 0))
          .for('update');
        taken();
        await held;
      });
      let vote: Promise<void> | undefined;
      let revealing: Promise<string> | undefined;
      try {
        await lockTaken;
        vote = platform.emit(reaction(CAROL, thread.alice[0] ?? ''));
        await lockWaiters(1);
        revealing = drive.command(CHANNEL, ADMIN, 'reveal');
        await lockWaiters(2);
      } finally {
        release();
        await Promise.all([blocker, vote, revealing]);
      }
      const rows = await ledger(thread.drillId);
      expect(rows.filter((row) => row.member === ALICE && row.reason === 'votes')).toEqual([
        expect.objectContaining({ points: 1 }),
      ]);
      await expectAggregatesExact();
    },
  );

  it.skipIf(engine === 'pglite')(
    'applies concurrent vote changes one at a time (two engines, one database)',
    async () => {
      const second = await buildEngine({ db: database.db, clock, platform, instanceId: 'two' });
      const thread = await openDrill();
      await drive.reply(thread.root, DAVE, 'Revoke it, then read CloudTrail for its activity.');
      await react(BOB, thread.alice[0] ?? '');
      // The reveal and a vote race: whichever commits first, the point is counted once.
      await Promise.all([
        drive.command(CHANNEL, ADMIN, 'reveal'),
        platform.emit(reaction(CAROL, thread.alice[0] ?? '')),
      ]);
      const votePoints = async () =>
        (await ledger(thread.drillId))
          .filter((row) => row.member === ALICE && row.reason === 'votes')
          .reduce((total, row) => total + row.points, 0);
      expect(await votePoints()).toBe(1);
      await unreact(CAROL, thread.alice[0] ?? '');
      expect(await votePoints()).toBe(0);
      // Two new voters at once: each alone would cross the threshold.
      await Promise.all([
        platform.emit(reaction(CAROL, thread.alice[0] ?? '')),
        platform.emit(reaction(DAVE, thread.alice[1] ?? '')),
      ]);
      expect(await votePoints()).toBe(1);
      await Promise.all([
        platform.emit(reaction(CAROL, thread.alice[0] ?? '', { removed: true })),
        platform.emit(reaction(DAVE, thread.alice[1] ?? '', { removed: true })),
      ]);
      expect(await votePoints()).toBe(0);
      // One voter on two messages at once: both reactions are kept behind the one vote.
      await Promise.all([
        platform.emit(reaction(CAROL, thread.alice[0] ?? '')),
        platform.emit(reaction(CAROL, thread.alice[1] ?? '')),
      ]);
      await unreact(CAROL, thread.alice[0] ?? '');
      expect(await voteList()).toEqual([`${ALICE} <- ${BOB}`, `${ALICE} <- ${CAROL}`]);
      // One delivery handed to both engines: stored once.
      const twice = reaction(DAVE, thread.bob, { eventId: 'slack:EvTwice' });
      await Promise.all([platform.emit(twice), platform.emit(twice)]);
      expect(await voteList()).toContain(`${BOB} <- ${DAVE}`);
      expect(await votePoints()).toBe(1);
      await expectAggregatesExact();
      second.detach();
    },
  );
});
