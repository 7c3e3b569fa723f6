/**
 * Private practice: per member and question, the FSRS memory state ts-fsrs needs to schedule
 * the next review (see src/core/practice.ts), and the one practice question a member has been
 * asked and not yet answered.
 *
 * A practice_state row exists only once a question has been answered: a question without a
 * row is one the member has never practised, which is how the chooser tells "new" from "due".
 */
import {
  bigint,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';
import { questionSnapshots } from './content.ts';
import { members } from './workspaces.ts';

/** ts-fsrs `State`, stored by name so rows and `export-me` read without the enum at hand. */
export const practiceCardStates = ['new', 'learning', 'review', 'relearning'] as const;
export type PracticeCardStateName = (typeof practiceCardStates)[number];

export const practiceState = pgTable(
  'practice_state',
  {
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    packId: text('pack_id').notNull(),
    questionId: text('question_id').notNull(),
    /** When FSRS wants the question asked again. */
    dueAt: instant('due_at').notNull(),
    /**
     * FSRS stability and difficulty. Double precision, not real: a card read back must
     * schedule exactly as the one that was saved.
     */
    stability: doublePrecision('stability').notNull(),
    difficulty: doublePrecision('difficulty').notNull(),
    /** Whole days between the last two reviews (ts-fsrs `elapsed_days`). */
    elapsedDays: integer('elapsed_days').notNull(),
    /** Whole days from the last review to `due_at` (ts-fsrs `scheduled_days`). */
    scheduledDays: integer('scheduled_days').notNull(),
    /** Position in the (re)learning steps (ts-fsrs `learning_steps`). */
    learningSteps: integer('learning_steps').notNull(),
    /** Reviews so far: the member's practice attempts at this question. */
    reps: integer('reps').notNull(),
    /** Reviews rated Again after the question had been learnt. */
    lapses: integer('lapses').notNull(),
    state: text('state', { enum: practiceCardStates }).notNull(),
    /** The last review (ts-fsrs `last_review`). */
    lastPracticedAt: instant('last_practiced_at').notNull(),
    /** Share of key points the last attempt covered, 0..1 (what its rating came from). */
    lastCoverage: doublePrecision('last_coverage').notNull(),
  },
  (t) => [
    primaryKey({ name: 'practice_state_pk', columns: [t.memberId, t.packId, t.questionId] }),
    index('practice_state_due_idx').on(t.memberId, t.dueAt),
  ],
);

/**
 * The practice question a member was asked and has not answered yet: at most one per member
 * (a new `practice` replaces it), so `practice answer <text>`, a form or the terminal's next
 * line can find the question the answer belongs to.
 */
export const practicePending = pgTable('practice_pending', {
  memberId: text('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  packId: text('pack_id').notNull(),
  questionId: text('question_id').notNull(),
  /** The version of the question that was shown, so the answer is scored against it. */
  snapshotId: bigint('snapshot_id', { mode: 'number' }).references(() => questionSnapshots.id, {
    onDelete: 'set null',
  }),
  askedAt: instant('asked_at').notNull().defaultNow(),
});

export type PracticeState = typeof practiceState.$inferSelect;
export type NewPracticeState = typeof practiceState.$inferInsert;
export type PracticePending = typeof practicePending.$inferSelect;
