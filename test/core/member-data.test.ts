/**
 * A member's own data: opting out of boards and scoring, exporting everything stored, and
 * forget-me with its confirmation, the vote points it takes back, and a scan of every text
 * column afterwards. Drills run through the engine (post, thread replies, reveal); the
 * member-data commands go straight to `runMemberDataCommand` with the engine's context.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getChannel } from '../../db/queries/channels.ts';
import { liveDrill } from '../../db/queries/drills.ts';
import { upsertMember } from '../../db/queries/members.ts';
import { boardRows, ledgerTotals, votePointsHeld } from '../../db/queries/points.ts';
import { saveReview, setPending } from '../../db/queries/practice.ts';
import { addVoteReaction } from '../../db/queries/votes.ts';
import { rawRows } from '../../db/raw.ts';
import {
  answerMessages,
  answers,
  channels,
  members,
  pointsLedger,
  questionFlags,
  workspaceAdmins,
} from '../../db/schema.ts';
import { parseCommand } from '../../src/core/commands/parse.ts';
import { chunkText, EXPORT_CHUNK_CHARS, runMemberDataCommand } from '../../src/core/member-data.ts';
import { type Message, plainText } from '../../src/core/messages.ts';
import { reviewCard } from '../../src/core/practice.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import { Driver } from '../support/drive.ts';
import { buildEngine, type TestEngine } from '../support/engine.ts';
import { DAY, FakeClock, MINUTE, SECOND } from '../support/fake-clock.ts';
import { FakePlatform } from '../support/fake-platform.ts';

const CHANNEL = 'slack:T1:C1';
const ADMIN = 'slack:UADMIN';
const ALICE = 'slack:UALICE';
const BOB = 'slack:UBOB';
const CAROL = 'slack:UCAROL';
const DAVE = 'slack:UDAVE';

/** Distinct prose answers: none is a term list, a repeat of the question or a copy. */
const PROSE: Record<string, string> = {
  [ALICE]:
    'Honestly I would talk to the engineers who run it day to day, understand how an attacker ' +
    'could abuse it, then fix the highest impact weakness first and document the residual risk.',
  [BOB]:
    'I would first map which systems hold the sensitive data, then limit who and what can reach ' +
    'them, log every access so we can investigate later, and rehearse the response with the team.',
  [CAROL]:
    'My approach starts with asking what the business actually needs, because controls that block ' +
    'people get bypassed. Then I would add monitoring on the risky paths and review it quarterly.',
  [DAVE]:
    'Before touching anything I want an inventory and an owner for each component, a written ' +
    'threat model we revisit after incidents, and alerts that reach a human who can act on them.',
};

it('chunks cut after line breaks, or between non-spaces, and join back exactly', () => {
  const lines = Array.from({ length: 400 }, (_, i) => `  "line ${i}": "${'a b '.repeat(i % 30)}"`);
  const long = `${lines.join('\n')}\n"${'word '.repeat(2000)}"\n}`;
  const chunks = chunkText(long, 500);
  expect(chunks.join('')).toBe(long);
  for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(500);
  // A cut inside a line happens only when the chunk has no line break at all, and never
  // next to a space (a renderer trimming a code span would eat it).
  const cuts = chunks.slice(0, -1).map((chunk, i) => [chunk, chunks[i + 1] ?? ''] as const);
  const inLine = cuts.filter(([chunk]) => !chunk.endsWith('\n'));
  expect(inLine.length).toBeGreaterThan(1);
  for (const [chunk, next] of inLine) {
    expect(chunk).not.toContain('\n');
    expect(`${chunk.at(-1)}${next[0]}`).toMatch(/^\S\S$/);
  }
  expect(chunkText('{}')).toEqual(['{}']);
});

describe.each(ENGINES)('member data on %s', (engine) => {
  const database = useDatabase(engine);
  let clock: FakeClock;
  let platform: FakePlatform;
  let drive: Driver;
  let bot: TestEngine;
  let events = 0;

  beforeEach(async () => {
    clock = new FakeClock('2026-03-02T08:00:00Z'); // a Monday
    platform = new FakePlatform('slack');
    platform.platformAdmins.add(ADMIN);
    drive = new Driver(platform, clock);
    bot = await buildEngine({ db: database.db, clock, platform });
  });

  /** Runs a member-data command as the runner would (the caller is stored first). */
  async function run(member: string, line: string): Promise<{ message: Message; text: string }> {
    const parsed = parseCommand(line);
    if (!parsed.ok) throw new Error(parsed.error.message);
    await upsertMember(database.db, { id: member, platform: 'slack' });
    events += 1;
    const message = await runMemberDataCommand(bot.context, parsed.command, {
      event: {
        type: 'command',
        eventId: `slack:md${events}`,
        channel: CHANNEL,
        at: clock.now(),
        member,
        text: line,
      },
      channel: await getChannel(database.db, CHANNEL),
      isAdmin: false,
    });
    if (!message) throw new Error(`${line} was not handled`);
    return { message, text: plainText(message) };
  }

  /**
   * One drill through the engine: posted by `poster`, answered in the thread, voted on
   * (`[voter, author]`, stored as the vote handler stores them), revealed. Returns its id.
   */
  async function drill(
    replies: ReadonlyArray<readonly [string, string]>,
    votes: ReadonlyArray<readonly [string, string]> = [],
    poster = ADMIN,
  ): Promise<number> {
    expect(await drive.command(CHANNEL, poster, 'now')).toContain('Drill posted');
    const open = await liveDrill(database.db, CHANNEL);
    if (!open?.messageRef) throw new Error('no open drill');
    for (const [member, reply] of replies) {
      clock.advance(MINUTE);
      await drive.reply(open.messageRef, member, reply);
    }
    for (const [voter, author] of votes) {
      const [answer] = await database.db
        .select({ id: answers.id, message: answerMessages.platformMessageId })
        .from(answers)
        .innerJoin(answerMessages, eq(answerMessages.answerId, answers.id))
        .where(and(eq(answers.drillId, open.id), eq(answers.memberId, author)));
      if (!answer) throw new Error(`no answer by ${author}`);
      await addVoteReaction(database.db, {
        answerId: answer.id,
        voterId: voter,
        reaction: { message: answer.message, emoji: '+1' },
      });
    }
    clock.advance(MINUTE);
    expect(await drive.command(CHANNEL, ADMIN, 'reveal')).toContain('Revealed');
    return open.id;
  }

  const board = () =>
    boardRows(database.db, { scope: { channelId: CHANNEL }, from: null, to: null });
  const ledgerOf = (member: string) =>
    database.db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.memberId, member))
      .orderBy(pointsLedger.id);
  const memberRow = async (member: string) =>
    (await database.db.select().from(members).where(eq(members.id, member)))[0];

  it('optout on leaves the member off boards and unscored; optout off brings them back', async () => {
    await drill([
      [BOB, PROSE[BOB] ?? ''],
      [CAROL, PROSE[CAROL] ?? ''],
    ]);
    const bobPoints = (await board()).find((row) => row.memberId === BOB)?.points ?? 0;
    expect(bobPoints).toBeGreaterThan(0);

    const on = await run(BOB, 'optout on');
    expect(on.message.kind).toBe('notice');
    expect(on.text).toContain('You are opted out');
    expect(on.text).toContain('left out of every leaderboard');
    expect((await memberRow(BOB))?.optedOutAt).toEqual(clock.now());
    expect((await board()).map((row) => row.memberId)).toEqual([CAROL]);
    const since = clock.now();
    clock.advance(MINUTE);
    await run(BOB, 'optout on');
    expect((await memberRow(BOB))?.optedOutAt).toEqual(since);

    const before = (await ledgerOf(BOB)).length;
    const second = await drill([
      [BOB, PROSE[BOB] ?? ''],
      [CAROL, PROSE[CAROL] ?? ''],
    ]);
    expect(await ledgerOf(BOB)).toHaveLength(before);
    expect((await ledgerOf(CAROL)).some((row) => row.drillId === second)).toBe(true);

    const off = await run(BOB, 'optout off');
    expect(off.text).toContain('You are opted in');
    expect((await memberRow(BOB))?.optedOutAt).toBeNull();
    expect((await board()).find((row) => row.memberId === BOB)?.points).toBe(bobPoints);
  });

  it('export-me holds the answers with their messages, the ledger and the votes, in chunks', async () => {
    const ids: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      ids.push(
        await drill(
          [
            [ALICE, `${PROSE[ALICE]} Round ${round}, first thought.`],
            [
              ALICE,
              `And a second reply in round ${round}: ${'least privilege everywhere. '.repeat(12)}`,
            ],
            [BOB, PROSE[BOB] ?? ''],
            [CAROL, PROSE[CAROL] ?? ''],
          ],
          [
            [ALICE, BOB],
            [BOB, ALICE],
          ],
        ),
      );
    }
    // One answer far longer than a chunk, on a single JSON line: it must be cut mid-string.
    await drill([[ALICE, 'x'.repeat(3 * EXPORT_CHUNK_CHARS)]]);

    const { message, text } = await run(ALICE, 'export-me');
    expect(message.kind).toBe('notice');
    const [summary, ...parts] = message.blocks;
    expect(summary?.type === 'paragraph' && summary.spans.every((span) => !('style' in span))).toBe(
      true,
    );
    expect(text).toContain('9 answers, 8 votes cast, 8 votes received');
    const chunks = parts.map((block) => {
      const span =
        block.type === 'paragraph' && block.spans.length === 1 ? block.spans[0] : undefined;
      if (!span || !('text' in span) || span.style !== 'code') throw new Error('not a code span');
      return span.text;
    });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(EXPORT_CHUNK_CHARS);

    const exported = JSON.parse(chunks.join(''));
    expect(exported.member.id).toBe(ALICE);
    expect(exported.answers).toHaveLength(9);
    expect(exported.answers[0].frozenText).toContain('Round 0, first thought.');
    expect(exported.answers[0].messages.map((m: { text: string }) => m.text)).toEqual([
      `${PROSE[ALICE]} Round 0, first thought.`,
      `And a second reply in round 0: ${'least privilege everywhere. '.repeat(12)}`,
    ]);
    expect(exported.answers[8].frozenText).toBe('x'.repeat(3 * EXPORT_CHUNK_CHARS));
    const ledger = await ledgerOf(ALICE);
    expect(ledger.length).toBeGreaterThan(8);
    expect(exported.points.ledger).toEqual(
      ledger.map(({ memberId: _member, earnedAt, ...row }) => ({
        ...row,
        earnedAt: earnedAt.toISOString(),
      })),
    );
    expect(exported.points.total).toBe(ledger.reduce((sum, row) => sum + row.points, 0));
    expect(exported.votesCast.map((vote: { drillId: number }) => vote.drillId)).toEqual(ids);
    expect(exported.votesReceived).toBe(8);
  });

  it('forget-me asks for confirmation, which expires after 5 minutes', async () => {
    await drill([[ALICE, PROSE[ALICE] ?? '']]);
    const first = await run(ALICE, 'forget-me');
    expect(first.text).toContain('Run /drill forget-me again within 5 minutes to confirm');
    expect(first.text).toContain('1 answers');
    expect((await memberRow(ALICE))?.forgetRequestedAt).toEqual(clock.now());

    clock.advance(5 * MINUTE + SECOND);
    const late = await run(ALICE, 'forget-me');
    expect(late.text).toContain('again within 5 minutes to confirm');
    expect((await memberRow(ALICE))?.forgetRequestedAt).toEqual(clock.now());
    expect(await ledgerOf(ALICE)).not.toHaveLength(0);

    clock.advance(5 * MINUTE);
    const done = await run(ALICE, 'forget-me');
    expect(done.text).toContain('Deleted everything drillbot stored about you');
    expect(await memberRow(ALICE)).toBeUndefined();
    expect(await ledgerOf(ALICE)).toEqual([]);
  });

  /** Per table, the rows with a text, array or json column containing `needle`. */
  async function rowsMentioning(needle: string): Promise<Record<string, number>> {
    const columns = await rawRows<{ table: string; column: string }>(
      database.db,
      sql`select c.table_name as "table", c.column_name as "column"
          from information_schema.columns c
          join information_schema.tables t
            on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
    );
    expect(columns.length).toBeGreaterThan(20);
    const found: Record<string, number> = {};
    for (const { table, column } of columns) {
      const [row] = await rawRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from ${sql.identifier(table)}
            where strpos(${sql.identifier(column)}::text, ${needle}) > 0`,
      );
      if (row && row.n > 0) found[`${table}.${column}`] = row.n;
    }
    return found;
  }

  it('after forget-me no row references the member, and the other totals are exact', async () => {
    await drive.command(CHANNEL, ADMIN, `admins add <@UALICE>`);
    // Alice's first admin command enrols the channel. Her vote is one of Bob's two (his
    // vote point depends on it) and one of Carol's three (hers does not).
    const voted = await drill(
      [
        [ALICE, PROSE[ALICE] ?? ''],
        [BOB, PROSE[BOB] ?? ''],
        [CAROL, PROSE[CAROL] ?? ''],
        [DAVE, PROSE[DAVE] ?? ''],
      ],
      [
        [ALICE, BOB],
        [CAROL, BOB],
        [BOB, ALICE],
        [CAROL, ALICE],
        [ALICE, CAROL],
        [BOB, CAROL],
        [DAVE, CAROL],
      ],
      ALICE,
    );
    expect(await drive.command(CHANNEL, ALICE, 'admins add <@UDAVE>')).not.toContain('Only');
    expect(await drive.command(CHANNEL, ALICE, 'flag the wording is unclear')).toContain('flagged');
    // Bob copies Alice's answer in the next drill: his score names whom he copied.
    await drill([
      [ALICE, PROSE[ALICE] ?? ''],
      [BOB, PROSE[ALICE] ?? ''],
    ]);
    await saveReview(
      database.db,
      ALICE,
      'cloud-security',
      'q1',
      reviewCard(undefined, 0.5, clock.now()),
    );
    await setPending(database.db, ALICE, {
      packId: 'cloud-security',
      questionId: 'q2',
      snapshotId: null,
      askedAt: clock.now(),
    });

    expect(await votePointsHeld(database.db, voted, BOB)).toBe(1);
    expect(await votePointsHeld(database.db, voted, CAROL)).toBe(1);
    const before = await rowsMentioning(ALICE);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        'members.id',
        'answers.member_id',
        'answers.score',
        'votes.voter_id',
        'points_ledger.member_id',
        'points_ledger.award_key',
        'points_daily.member_id',
        'member_channel_stats.member_id',
        'practice_state.member_id',
        'practice_pending.member_id',
        'workspace_admins.member_id',
        'workspace_admins.added_by',
        'channels.enrolled_by',
        'question_flags.member_id',
      ]),
    );
    const othersBefore = new Map(
      await Promise.all([BOB, CAROL, DAVE].map(async (m) => [m, await ledgerOf(m)] as const)),
    );

    // A day later: the take-back lands on a day of its own, which the per-day check sees.
    clock.advance(DAY);
    await run(ALICE, 'forget-me');
    clock.advance(2 * MINUTE);
    const done = await run(ALICE, 'forget-me');
    expect(done.text).toContain('taken back: 1');
    expect(done.text).toContain(
      'Kept without your name: 1 flags you raised, 1 channels you enrolled, 1 admins you added',
    );

    expect(await rowsMentioning(ALICE)).toEqual({});

    // Bob's two counted votes drop to one: exactly one 'votes' row of -1 for that drill,
    // dated when it was written (like any vote change after a reveal). Carol keeps two votes and her point; Dave is untouched.
    const bobNew = (await ledgerOf(BOB)).slice(othersBefore.get(BOB)?.length ?? 0);
    expect(bobNew.map(({ id: _id, ...row }) => row)).toEqual([
      {
        memberId: BOB,
        workspaceId: 'slack:T1',
        channelId: CHANNEL,
        drillId: voted,
        reason: 'votes',
        points: -1,
        awardKey: null,
        earnedAt: clock.now(),
      },
    ]);
    expect(await votePointsHeld(database.db, voted, BOB)).toBe(0);
    expect(await votePointsHeld(database.db, voted, CAROL)).toBe(1);
    expect(await ledgerOf(CAROL)).toEqual(othersBefore.get(CAROL));
    expect(await ledgerOf(DAVE)).toEqual(othersBefore.get(DAVE));

    // Every remaining member's aggregates equal a recomputation from the ledger.
    const daily = await rawRows<{ member: string; total: number }>(
      database.db,
      sql`select member_id as member, sum(points)::int as total from points_daily group by member_id`,
    );
    const recomputed = await ledgerTotals(database.db);
    expect(new Map(daily.map((row) => [row.member, row.total]))).toEqual(recomputed);
    expect([...recomputed.keys()].sort()).toEqual([BOB, CAROL, DAVE]);
    const byDay = await rawRows<{ key: string; total: number }>(
      database.db,
      sql`select member_id || ' ' || (earned_at at time zone 'UTC')::date::text as key,
            sum(points)::int as total from points_ledger group by 1
          except select member_id || ' ' || day::text, points from points_daily`,
    );
    expect(byDay).toEqual([]);

    expect(await database.db.select().from(questionFlags)).toMatchObject([{ memberId: null }]);
    expect(await database.db.select().from(channels)).toMatchObject([{ enrolledBy: null }]);
    expect(await database.db.select().from(workspaceAdmins)).toMatchObject([
      { memberId: DAVE, addedBy: null },
    ]);
    expect((await board()).map((row) => row.memberId).sort()).toEqual([BOB, CAROL, DAVE]);
  });
});
