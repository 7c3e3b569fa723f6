/**
 * Private practice: per member and question, spaced-repetition state (when it is due again,
 * how well the last attempt went), so `/drill practice` picks what the member needs most.
 */
import { index, integer, pgTable, primaryKey, real, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';
import { members } from './workspaces.ts';

export const practiceState = pgTable(
  'practice_state',
  {
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    packId: text('pack_id').notNull(),
    questionId: text('question_id').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Days until the question is due again (grows with good answers). */
    intervalDays: real('interval_days').notNull().default(0),
    /** SM-2 style ease factor. */
    ease: real('ease').notNull().default(2.5),
    /** Share of key points the last attempt covered, 0..1. */
    lastCoverage: real('last_coverage'),
    lastPracticedAt: instant('last_practiced_at'),
    dueAt: instant('due_at'),
  },
  (t) => [
    primaryKey({ name: 'practice_state_pk', columns: [t.memberId, t.packId, t.questionId] }),
    index('practice_state_due_idx').on(t.memberId, t.dueAt),
  ],
);

export type PracticeState = typeof practiceState.$inferSelect;
export type NewPracticeState = typeof practiceState.$inferInsert;
