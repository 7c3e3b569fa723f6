/**
 * Answers: each member's replies to a drill, stored message by message (so edits and deletes
 * apply to the right part) and frozen into one text at the reveal.
 */
import { and, asc, eq, gte, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { answerMessages, answers, members } from '../schema.ts';

export interface StoredReply {
  drillId: number;
  memberId: string;
  platformMessageId: string;
  text: string;
  sentAt: Date;
  late: boolean;
  source?: 'thread' | 'private';
}

/** Stores one reply (idempotent on the platform message id); true when it was new. */
export async function storeReply(db: DbOrTx, reply: StoredReply): Promise<boolean> {
  const [answer] = await db
    .insert(answers)
    .values({
      drillId: reply.drillId,
      memberId: reply.memberId,
      source: reply.source ?? 'thread',
      // An answer begun by a late reply is not on time (scoring sets it for the others).
      onTime: !reply.late,
    })
    .onConflictDoUpdate({
      target: [answers.drillId, answers.memberId],
      set: { updatedAt: sql`now()` },
    })
    .returning({ id: answers.id });
  if (!answer) throw new Error('answer upsert returned nothing');
  const rows = await db
    .insert(answerMessages)
    .values({
      answerId: answer.id,
      platformMessageId: reply.platformMessageId,
      text: reply.text,
      sentAt: reply.sentAt,
      late: reply.late,
    })
    .onConflictDoNothing()
    .returning({ id: answerMessages.id });
  return rows.length === 1;
}

export async function replyByMessage(db: DbOrTx, platformMessageId: string) {
  const [row] = await db
    .select({
      id: answerMessages.id,
      late: answerMessages.late,
      sentAt: answerMessages.sentAt,
      drillId: answers.drillId,
      memberId: answers.memberId,
    })
    .from(answerMessages)
    .innerJoin(answers, eq(answerMessages.answerId, answers.id))
    .where(eq(answerMessages.platformMessageId, platformMessageId));
  return row;
}

export async function editReply(db: DbOrTx, id: number, text: string, at: Date): Promise<void> {
  await db.update(answerMessages).set({ text, editedAt: at }).where(eq(answerMessages.id, id));
}

export async function deleteReply(db: DbOrTx, id: number, at: Date): Promise<void> {
  await db
    .update(answerMessages)
    .set({ deletedAt: at })
    .where(and(eq(answerMessages.id, id), isNull(answerMessages.deletedAt)));
}

export interface AnswerForReveal {
  answerId: number;
  memberId: string;
  displayName: string | null;
  /** On-time, undeleted replies joined in the order they were sent. */
  text: string;
  /** When the first on-time reply was sent (decides who copied whom); null without one. */
  firstSentAt: Date | null;
  lateReplies: number;
}

/**
 * Every answer of a drill as it stood at `revealAt`: a reply counts when it was sent before
 * the reveal and not deleted before it. Deterministic, so a retried reveal freezes the same.
 */
export async function answersAt(
  db: DbOrTx,
  drillId: number,
  revealAt: Date,
): Promise<AnswerForReveal[]> {
  // A left join keeps members whose every reply was deleted: their answer freezes as empty.
  const counted = and(
    eq(answerMessages.answerId, answers.id),
    or(isNull(answerMessages.deletedAt), gte(answerMessages.deletedAt, revealAt)),
  );
  const rows = await db
    .select({
      answerId: answers.id,
      memberId: answers.memberId,
      displayName: members.displayName,
      text: answerMessages.text,
      sentAt: answerMessages.sentAt,
      late: answerMessages.late,
    })
    .from(answers)
    .innerJoin(members, eq(members.id, answers.memberId))
    .leftJoin(answerMessages, counted)
    .where(eq(answers.drillId, drillId))
    .orderBy(asc(answers.id), asc(answerMessages.sentAt), asc(answerMessages.id));
  const byAnswer = new Map<number, AnswerForReveal>();
  for (const row of rows) {
    const entry = byAnswer.get(row.answerId) ?? {
      answerId: row.answerId,
      memberId: row.memberId,
      displayName: row.displayName,
      text: '',
      firstSentAt: null,
      lateReplies: 0,
    };
    byAnswer.set(row.answerId, entry);
    if (row.text === null || row.sentAt === null) continue;
    if (row.late || row.sentAt >= revealAt) {
      entry.lateReplies += 1;
    } else {
      entry.text = entry.text === '' ? row.text : `${entry.text}\n${row.text}`;
      entry.firstSentAt ??= row.sentAt;
    }
  }
  return [...byAnswer.values()];
}

export async function freezeAnswer(
  db: DbOrTx,
  answerId: number,
  values: {
    frozenText: string;
    onTime: boolean;
    frozenAt: Date;
    score: Record<string, unknown>;
    points?: number;
  },
): Promise<void> {
  await db.update(answers).set(values).where(eq(answers.id, answerId));
}

export async function answersOfDrill(db: DbOrTx, drillId: number) {
  return db.select().from(answers).where(eq(answers.drillId, drillId)).orderBy(asc(answers.id));
}

export async function messagesOfDrill(db: DbOrTx, drillId: number) {
  return db
    .select({ memberId: answers.memberId, message: answerMessages })
    .from(answerMessages)
    .innerJoin(answers, eq(answerMessages.answerId, answers.id))
    .where(eq(answers.drillId, drillId))
    .orderBy(asc(answerMessages.sentAt), asc(answerMessages.id));
}
