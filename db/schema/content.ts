/**
 * Question snapshots: the exact text of a question as it was when a drill asked it, keyed by
 * (pack, question, content hash), so a reveal shows the version that was asked even after the
 * pack file is edited. Flags are members' reports of problems with a question.
 */
import { bigint, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';

export const questionSnapshots = pgTable(
  'question_snapshots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    packId: text('pack_id').notNull(),
    questionId: text('question_id').notNull(),
    contentHash: text('content_hash').notNull(),
    /** The validated question object from the pack, as JSON. */
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('question_snapshots_version_uq').on(t.packId, t.questionId, t.contentHash),
    index('question_snapshots_question_idx').on(t.packId, t.questionId),
  ],
);

export const questionFlags = pgTable(
  'question_flags',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    snapshotId: bigint('snapshot_id', { mode: 'number' })
      .notNull()
      .references(() => questionSnapshots.id),
    /** The drill the flag was raised on, when there was one. */
    drillId: bigint('drill_id', { mode: 'number' }),
    /** Kept when the member is forgotten: the report stays useful to pack maintainers. */
    memberId: text('member_id'),
    reason: text('reason').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('question_flags_snapshot_idx').on(t.snapshotId)],
);

export type QuestionSnapshot = typeof questionSnapshots.$inferSelect;
export type NewQuestionSnapshot = typeof questionSnapshots.$inferInsert;
export type QuestionFlag = typeof questionFlags.$inferSelect;
