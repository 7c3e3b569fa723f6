/**
 * Drills and what members send to them. Each once-only step is a database claim:
 * `drills_slot_uq` makes a slot post once, `drills_one_live_uq` keeps one live drill per
 * channel, `answer_messages_platform_uq` stores a platform message once.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { channels } from './channels.ts';
import { instant, timestamps } from './columns.ts';
import { questionSnapshots } from './content.ts';
import { members } from './workspaces.ts';

/**
 * claimed: a process holds the lease and is posting; open: posted, taking answers;
 * revealed: closed and scored; skipped: a missed slot past the catch-up rule;
 * withdrawn: `/drill skip` or `/drill stop` removed it before the reveal.
 */
export const drillStatuses = ['claimed', 'open', 'revealed', 'skipped', 'withdrawn'] as const;
export type DrillStatus = (typeof drillStatuses)[number];

export const drills = pgTable(
  'drills',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** Null only for a skipped slot, where no question was chosen. */
    snapshotId: bigint('snapshot_id', { mode: 'number' }).references(() => questionSnapshots.id),
    /** The scheduled slot; for `/drill now` the moment it was asked for. */
    slotAt: instant('slot_at').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    status: text('status', { enum: drillStatuses }).notNull(),
    mode: text('mode', { enum: ['thread', 'blind'] })
      .notNull()
      .default('thread'),
    /** Who holds the claim on the next step (posting, revealing) and until when. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: instant('lease_expires_at'),
    /** How many times a process has taken the lease; above 1 the last attempt's outcome is unknown. */
    attempts: integer('attempts').notNull().default(0),
    /** Platform id of the question message; replies in its thread are answers. */
    messageRef: text('message_ref'),
    postedAt: instant('posted_at'),
    revealAt: instant('reveal_at'),
    remindAt: instant('remind_at'),
    remindedAt: instant('reminded_at'),
    revealedAt: instant('revealed_at'),
    revealMessageRef: text('reveal_message_ref'),
    /** Set in the transaction that froze and scored the answers: scoring happens once. */
    scoredAt: instant('scored_at'),
    ...timestamps,
  },
  (t) => [
    // Manual drills (`/drill now`) have no slot to protect; two may share a timestamp.
    uniqueIndex('drills_slot_uq').on(t.channelId, t.slotAt).where(sql`${t.trigger} = 'schedule'`),
    uniqueIndex('drills_one_live_uq')
      .on(t.channelId)
      .where(sql`${t.status} in ('claimed', 'open')`),
    index('drills_reveal_due_idx').on(t.status, t.revealAt),
    index('drills_remind_due_idx').on(t.status, t.remindAt),
    uniqueIndex('drills_message_uq').on(t.messageRef),
  ],
);

/** One per member and drill: the joined text of their replies, frozen and scored at the reveal. */
export const answers = pgTable(
  'answers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    drillId: bigint('drill_id', { mode: 'number' })
      .notNull()
      .references(() => drills.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** thread: replies in the drill's thread; private: `/drill answer` or the answer form. */
    source: text('source', { enum: ['thread', 'private'] })
      .notNull()
      .default('thread'),
    /** False when everything the member sent arrived after the reveal. */
    onTime: boolean('on_time').notNull().default(true),
    /** The text that was scored, fixed at the reveal; later edits do not change it. */
    frozenText: text('frozen_text'),
    frozenAt: instant('frozen_at'),
    /** Coverage and point details from scoring (key points covered, markers hit, ...). */
    score: jsonb('score').$type<Record<string, unknown>>(),
    points: integer('points'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('answers_drill_member_uq').on(t.drillId, t.memberId),
    index('answers_member_idx').on(t.memberId),
  ],
);

/** Each platform message that makes up an answer; edits and deletes update it in place. */
export const answerMessages = pgTable(
  'answer_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    answerId: bigint('answer_id', { mode: 'number' })
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    platformMessageId: text('platform_message_id').notNull(),
    text: text('text').notNull(),
    /** Sent after the reveal: kept, shown as late, scores nothing. */
    late: boolean('late').notNull().default(false),
    sentAt: instant('sent_at').notNull(),
    editedAt: instant('edited_at'),
    deletedAt: instant('deleted_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('answer_messages_platform_uq').on(t.platformMessageId),
    index('answer_messages_answer_idx').on(t.answerId, t.sentAt),
  ],
);

/** A reaction from one member on another's answer counts as one vote for that answer. */
export const votes = pgTable(
  'votes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    answerId: bigint('answer_id', { mode: 'number' })
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    voterId: text('voter_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('votes_answer_voter_uq').on(t.answerId, t.voterId),
    index('votes_voter_idx').on(t.voterId),
  ],
);

/**
 * The reactions behind a vote: a voter may put several emoji on several messages of one
 * answer; the vote lasts while any of them is left.
 */
export const voteReactions = pgTable(
  'vote_reactions',
  {
    voteId: bigint('vote_id', { mode: 'number' })
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    platformMessageId: text('platform_message_id').notNull(),
    emoji: text('emoji').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'vote_reactions_pk', columns: [t.voteId, t.platformMessageId, t.emoji] }),
  ],
);

export type Drill = typeof drills.$inferSelect;
export type NewDrill = typeof drills.$inferInsert;
export type Answer = typeof answers.$inferSelect;
export type NewAnswer = typeof answers.$inferInsert;
export type AnswerMessage = typeof answerMessages.$inferSelect;
export type NewAnswerMessage = typeof answerMessages.$inferInsert;
export type Vote = typeof votes.$inferSelect;
