/**
 * Private practice: members' FSRS cards (scheduled by src/core/practice.ts) and the one
 * question each member has been asked and not yet answered.
 */
import { eq } from 'drizzle-orm';
import type { PracticeCard } from '../../src/core/practice.ts';
import { questionKey } from '../../src/core/rotation.ts';
import type { DbOrTx } from '../client.ts';
import { type PracticeState, practicePending, practiceState } from '../schema.ts';

/** The practice question a member is expected to answer next. */
export interface PendingPractice {
  packId: string;
  questionId: string;
  /** The question version that was shown; null if unknown or since deleted. */
  snapshotId: number | null;
  askedAt: Date;
}

/** The columns a {@link PendingPractice} is read from. */
const pendingColumns = {
  packId: practicePending.packId,
  questionId: practicePending.questionId,
  snapshotId: practicePending.snapshotId,
  askedAt: practicePending.askedAt,
};

/** Every card of the member, keyed by `questionKey` as `choosePracticeQuestion` expects. */
export async function practiceCards(
  db: DbOrTx,
  memberId: string,
): Promise<Map<string, PracticeCard>> {
  const rows = await db.select().from(practiceState).where(eq(practiceState.memberId, memberId));
  return new Map(rows.map((row) => [questionKey(row), cardOf(row)]));
}

/** Stores the card a review produced, replacing the question's previous card. */
export async function saveReview(
  db: DbOrTx,
  memberId: string,
  packId: string,
  questionId: string,
  card: PracticeCard,
): Promise<void> {
  const columns = columnsOf(card);
  await db
    .insert(practiceState)
    .values({ memberId, packId, questionId, ...columns })
    .onConflictDoUpdate({
      target: [practiceState.memberId, practiceState.packId, practiceState.questionId],
      set: columns,
    });
}

/**
 * Deletes the member's cards and pending question (for `forget-me`; pass the transaction so
 * it is all or nothing with the rest). Returns how many rows of each went.
 */
export async function deletePracticeHistory(
  db: DbOrTx,
  memberId: string,
): Promise<{ cards: number; pending: number }> {
  const cards = await db
    .delete(practiceState)
    .where(eq(practiceState.memberId, memberId))
    .returning({ questionId: practiceState.questionId });
  const pending = await db
    .delete(practicePending)
    .where(eq(practicePending.memberId, memberId))
    .returning({ questionId: practicePending.questionId });
  return { cards: cards.length, pending: pending.length };
}

/** Records the question just asked; a member has one pending question, so it replaces any. */
export async function setPending(
  db: DbOrTx,
  memberId: string,
  pending: PendingPractice,
): Promise<void> {
  const { packId, questionId, snapshotId, askedAt } = pending;
  await db
    .insert(practicePending)
    .values({ memberId, packId, questionId, snapshotId, askedAt })
    .onConflictDoUpdate({
      target: practicePending.memberId,
      set: { packId, questionId, snapshotId, askedAt },
    });
}

/**
 * Removes and returns the member's pending question. One delete, so of two answers arriving
 * together only one gets the question: an answer is scored once.
 */
export async function takePending(
  db: DbOrTx,
  memberId: string,
): Promise<PendingPractice | undefined> {
  const [row] = await db
    .delete(practicePending)
    .where(eq(practicePending.memberId, memberId))
    .returning(pendingColumns);
  return row;
}

/** The member's pending question, left in place (e.g. to show it again). */
export async function getPending(
  db: DbOrTx,
  memberId: string,
): Promise<PendingPractice | undefined> {
  const [row] = await db
    .select(pendingColumns)
    .from(practicePending)
    .where(eq(practicePending.memberId, memberId));
  return row;
}

function cardOf(row: PracticeState): PracticeCard {
  return {
    due: row.dueAt,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.lastPracticedAt,
    lastCoverage: row.lastCoverage,
  };
}

function columnsOf(card: PracticeCard) {
  return {
    dueAt: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsedDays,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastPracticedAt: card.lastReview,
    lastCoverage: card.lastCoverage,
  } satisfies Omit<PracticeState, 'memberId' | 'packId' | 'questionId'>;
}
