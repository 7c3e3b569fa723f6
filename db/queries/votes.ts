/**
 * Peer votes: a reaction on another member's answer. Only votes that count are stored: not
 * the author's own, and only from members who answered the same drill themselves.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { answers, drills, members, voteReactions, votes } from '../schema.ts';

/** Stores a vote once per voter and answer; true when it is new. */
export async function addVote(
  db: DbOrTx,
  vote: { answerId: number; voterId: string },
): Promise<boolean> {
  const rows = await db
    .insert(votes)
    .values(vote)
    .onConflictDoNothing()
    .returning({ id: votes.id });
  return rows.length === 1;
}

/** Whether `memberId` has an answer (any reply) in the drill. */
export async function hasAnswered(db: DbOrTx, drillId: number, memberId: string): Promise<boolean> {
  const rows = await db
    .select({ id: answers.id })
    .from(answers)
    .where(and(eq(answers.drillId, drillId), eq(answers.memberId, memberId)));
  return rows.length > 0;
}

/** Votes per answer author in a drill. */
export async function votesByAuthor(db: DbOrTx, drillId: number): Promise<Map<string, number>> {
  const rows = await db
    .select({ memberId: answers.memberId, count: sql<number>`count(${votes.id})::int` })
    .from(votes)
    .innerJoin(answers, eq(answers.id, votes.answerId))
    .where(eq(answers.drillId, drillId))
    .groupBy(answers.memberId);
  return new Map(rows.map((row) => [row.memberId, row.count]));
}

/** Locks the answer row so concurrent vote changes on one answer are applied one at a time. */
export async function lockAnswer(db: DbOrTx, answerId: number) {
  const [row] = await db.select().from(answers).where(eq(answers.id, answerId)).for('update');
  return row;
}

/**
 * One live reaction behind a vote: the answer message it is on and its emoji. A voter may
 * put several emoji on several messages of one answer; the vote lasts while any is left.
 */
export interface VoteReaction {
  message: string;
  emoji: string;
}

/**
 * Records one reaction of `voterId` on the answer; true when it made a new vote (the
 * voter's first live reaction on it). Call with the answer locked ({@link lockAnswer}).
 */
export async function addVoteReaction(
  db: DbOrTx,
  vote: { answerId: number; voterId: string; reaction: VoteReaction },
): Promise<boolean> {
  const created = await addVote(db, { answerId: vote.answerId, voterId: vote.voterId });
  const [row] = await db
    .select({ id: votes.id })
    .from(votes)
    .where(and(eq(votes.answerId, vote.answerId), eq(votes.voterId, vote.voterId)));
  if (!row) throw new Error('vote row missing after insert');
  await db
    .insert(voteReactions)
    .values({
      voteId: row.id,
      platformMessageId: vote.reaction.message,
      emoji: vote.reaction.emoji,
    })
    .onConflictDoNothing();
  return created;
}

/**
 * Forgets one reaction of `voterId` on the answer; true when it was the last one, so the
 * vote is gone. Call with the answer locked ({@link lockAnswer}).
 */
export async function removeVoteReaction(
  db: DbOrTx,
  vote: { answerId: number; voterId: string; reaction: VoteReaction },
): Promise<boolean> {
  const [row] = await db
    .select({ id: votes.id })
    .from(votes)
    .where(and(eq(votes.answerId, vote.answerId), eq(votes.voterId, vote.voterId)));
  if (!row) return false;
  const removed = await db
    .delete(voteReactions)
    .where(
      and(
        eq(voteReactions.voteId, row.id),
        eq(voteReactions.platformMessageId, vote.reaction.message),
        eq(voteReactions.emoji, vote.reaction.emoji),
      ),
    )
    .returning({ voteId: voteReactions.voteId });
  if (removed.length === 0) return false;
  const left = await db
    .select({ voteId: voteReactions.voteId })
    .from(voteReactions)
    .where(eq(voteReactions.voteId, row.id));
  if (left.length > 0) return false;
  await db.delete(votes).where(eq(votes.id, row.id));
  return true;
}

/** Distinct voters on one answer (a row per voter, see {@link addVoteReaction}). */
export async function countVotes(db: DbOrTx, answerId: number): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(votes)
    .where(eq(votes.answerId, answerId));
  return row?.count ?? 0;
}

/** The answer id of a member's answer to a drill, if any. */
export async function answerIdOf(
  db: DbOrTx,
  drillId: number,
  memberId: string,
): Promise<number | undefined> {
  const [row] = await db
    .select({ id: answers.id })
    .from(answers)
    .where(and(eq(answers.drillId, drillId), eq(answers.memberId, memberId)));
  return row?.id;
}

/**
 * Reads the drill a vote is for with a share lock. Scoring claims a drill by updating its
 * row (`scored_at`), which waits for this lock and vice versa: a vote committed first is
 * seen by the scoring's count, and one that waited sees `scored_at` set and settles its
 * points itself. Taken before the answer lock, in the order scoring takes them (drill, then
 * answers), so the two never deadlock.
 */
export async function lockDrillForVote(db: DbOrTx, drillId: number) {
  const [row] = await db
    .select({
      id: drills.id,
      channelId: drills.channelId,
      status: drills.status,
      scoredAt: drills.scoredAt,
    })
    .from(drills)
    .where(eq(drills.id, drillId))
    .for('share');
  return row;
}

/** Whether the member has opted out (their answers earn no points). */
export async function isOptedOut(db: DbOrTx, memberId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.id, memberId), isNotNull(members.optedOutAt)));
  return row !== undefined;
}
