import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  answerMessages,
  answers,
  channels,
  drills,
  members,
  pointsLedger,
  processedEvents,
  questionSnapshots,
  votes,
} from '../../db/schema.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import {
  ALICE,
  BOB,
  CHANNEL,
  seedChannel,
  seedDrill,
  seedMembers,
  seedSnapshot,
  WORKSPACE,
} from '../support/rows.ts';

/** drizzle wraps driver errors; the Postgres error (with its constraint name) is the cause. */
function constraintOf(error: unknown): string | undefined {
  let current: unknown = error;
  while (current instanceof Error) {
    const named = current as { constraint?: unknown; constraint_name?: unknown };
    const name = named.constraint ?? named.constraint_name;
    if (typeof name === 'string') return name;
    current = current.cause;
  }
  return undefined;
}

async function violation(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    return constraintOf(error);
  }
  throw new Error('expected a constraint violation, but the statement succeeded');
}

describe.each(ENGINES)('constraints on %s', (engine) => {
  const database = useDatabase(engine);

  async function seedAnswer(): Promise<{ drillId: number; answerId: number }> {
    const { db } = database;
    await seedChannel(db);
    await seedMembers(db);
    const drillId = await seedDrill(db, { snapshotId: await seedSnapshot(db) });
    const [answer] = await db.insert(answers).values({ drillId, memberId: ALICE }).returning();
    if (!answer) throw new Error('answer not inserted');
    return { drillId, answerId: answer.id };
  }

  it('stores a platform message id only once', async () => {
    const { answerId } = await seedAnswer();
    const message = {
      answerId,
      platformMessageId: 'slack:C0001:1700000000.000100',
      text: 'first',
      sentAt: new Date(),
    };
    await database.db.insert(answerMessages).values(message);
    expect(
      await violation(database.db.insert(answerMessages).values({ ...message, text: 'again' })),
    ).toBe('answer_messages_platform_uq');
    const stored = await database.db.select().from(answerMessages);
    expect(stored.map((row) => row.text)).toEqual(['first']);
  });

  it('keeps one answer per member and drill', async () => {
    const { drillId } = await seedAnswer();
    expect(await violation(database.db.insert(answers).values({ drillId, memberId: ALICE }))).toBe(
      'answers_drill_member_uq',
    );
  });

  it('posts a slot once and allows one live drill per channel', async () => {
    const { db } = database;
    await seedChannel(db);
    const slotAt = new Date('2026-03-03T09:00:00Z');
    await seedDrill(db, { slotAt, status: 'claimed' });
    expect(await violation(seedDrill(db, { slotAt, status: 'skipped' }))).toBe('drills_slot_uq');
    expect(await violation(seedDrill(db, { slotAt: new Date('2026-03-04T09:00:00Z') }))).toBe(
      'drills_one_live_uq',
    );
    // Closed drills do not count as live: history can hold many.
    await seedDrill(db, { slotAt: new Date('2026-03-05T09:00:00Z'), status: 'revealed' });
    await seedDrill(db, { slotAt: new Date('2026-03-06T09:00:00Z'), status: 'skipped' });
    expect(await db.select().from(drills).where(eq(drills.channelId, CHANNEL))).toHaveLength(3);
  });

  it('takes one vote per voter and answer', async () => {
    const { answerId } = await seedAnswer();
    const vote = { answerId, voterId: BOB };
    await database.db.insert(votes).values(vote);
    expect(await violation(database.db.insert(votes).values(vote))).toBe('votes_answer_voter_uq');
  });

  it('awards a keyed ledger entry once', async () => {
    const { drillId } = await seedAnswer();
    const entry = {
      memberId: ALICE,
      workspaceId: WORKSPACE,
      channelId: CHANNEL,
      drillId,
      reason: 'participation' as const,
      points: 1,
      awardKey: `drill:${drillId}:${ALICE}:participation`,
    };
    await database.db.insert(pointsLedger).values(entry);
    expect(await violation(database.db.insert(pointsLedger).values(entry))).toBe(
      'points_ledger_award_uq',
    );
  });

  it('records an inbound event id once', async () => {
    await database.db.insert(processedEvents).values({ eventId: 'slack:Ev01' });
    const again = await database.db
      .insert(processedEvents)
      .values({ eventId: 'slack:Ev01' })
      .onConflictDoNothing()
      .returning();
    expect(again).toEqual([]);
  });

  it('stores one snapshot per question version', async () => {
    await seedSnapshot(database.db, 'same');
    expect(await violation(seedSnapshot(database.db, 'same'))).toBe(
      'question_snapshots_version_uq',
    );
    await seedSnapshot(database.db, 'edited');
    expect(await database.db.select().from(questionSnapshots)).toHaveLength(2);
  });

  it('rejects an answer window outside 10 seconds to 7 days', async () => {
    await seedChannel(database.db);
    const tooShort = database.db
      .update(channels)
      .set({ windowSeconds: 5 })
      .where(eq(channels.id, CHANNEL));
    expect(await violation(tooShort)).toBe('channels_window_range');
  });

  it('forgetting a member removes their answers, votes and points', async () => {
    const { answerId, drillId } = await seedAnswer();
    const { db } = database;
    await db.insert(votes).values({ answerId, voterId: BOB });
    await db.insert(pointsLedger).values({
      memberId: ALICE,
      workspaceId: WORKSPACE,
      channelId: CHANNEL,
      drillId,
      reason: 'participation',
      points: 1,
    });
    await db.delete(members).where(eq(members.id, ALICE));
    expect(await db.select().from(answers)).toEqual([]);
    expect(await db.select().from(votes)).toEqual([]);
    expect(await db.select().from(pointsLedger)).toEqual([]);
    expect(await db.select().from(drills)).toHaveLength(1);
  });
});
