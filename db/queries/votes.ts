/**
 * Peer votes: a reaction on another member's answer. Only votes that count are stored: not
 * the author's own, and only from members who answered the same drill themselves.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { answers, votes } from '../schema.ts';

/** Stores a vote once per voter and answer; true when it is new. */
export async function addVote(
  db: DbOrTx,
  vote: { answerId: number; voterId: string; platformMessageId: string },
): Promise<boolean> {
  const rows = await db
    .insert(votes)
    .values(vote)
    .onConflictDoNothing()
    .returning({ id: votes.id });
  return rows.length === 1;
}

/** Removes the vote a reaction on `platformMessageId` gave; true when there was one. */
export async function removeVote(
  db: DbOrTx,
  vote: { answerId: number; voterId: string; platformMessageId: string },
): Promise<boolean> {
  const rows = await db
    .delete(votes)
    .where(
      and(
        eq(votes.answerId, vote.answerId),
        eq(votes.voterId, vote.voterId),
        eq(votes.platformMessageId, vote.platformMessageId),
      ),
    )
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
