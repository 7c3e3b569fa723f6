/**
 * Aggregates kept from the points ledger so boards never scan answers: points per member,
 * channel and local day (in the channel's zone when earned), and per member and channel the
 * streak and answer counts. Both are maintained in the same transaction as the ledger rows
 * they summarise, and both go with the member (forget-me) through their foreign keys.
 */
import { date, index, integer, pgTable, primaryKey, real, text } from 'drizzle-orm/pg-core';
import { channels } from './channels.ts';
import { instant } from './columns.ts';
import { members, workspaces } from './workspaces.ts';

export const pointsDaily = pgTable(
  'points_daily',
  {
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The local calendar day, in the channel's zone, the points were earned on. */
    day: date('day', { mode: 'string' }).notNull(),
    points: integer('points').notNull(),
  },
  (t) => [
    primaryKey({ name: 'points_daily_pk', columns: [t.memberId, t.channelId, t.day] }),
    index('points_daily_channel_day_idx').on(t.channelId, t.day, t.memberId, t.points),
    index('points_daily_workspace_day_idx').on(t.workspaceId, t.day, t.memberId, t.points),
  ],
);

export const memberChannelStats = pgTable(
  'member_channel_stats',
  {
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    currentStreak: integer('current_streak').notNull().default(0),
    longestStreak: integer('longest_streak').notNull().default(0),
    /** Drills answered on time, and the sum of their coverage ratios (for the average). */
    answered: integer('answered').notNull().default(0),
    coverageSum: real('coverage_sum').notNull().default(0),
    lastAnsweredAt: instant('last_answered_at'),
  },
  (t) => [primaryKey({ name: 'member_channel_stats_pk', columns: [t.memberId, t.channelId] })],
);

/** The periods a workspace board is kept for: ISO weeks, calendar months, all time. */
export const rollupPeriods = ['week', 'month', 'all'] as const;
export type RollupPeriod = (typeof rollupPeriods)[number];

/**
 * Per workspace and member, the points of each week (Monday), month (the 1st) and of all
 * time ('all', dated 0001-01-01): sums of points_daily over the same local days, kept in
 * step by `award` in the same transaction. A workspace of 1,000 channels has about a
 * million day rows; its weekly, monthly and all-time boards read one row per member here
 * instead of summing them (see db/queries/board-page.ts and `npm run bench -- leaderboards`).
 * Goes with the member through its foreign key, as points_daily does.
 */
export const pointsRollup = pgTable(
  'points_rollup',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    period: text('period', { enum: rollupPeriods }).notNull(),
    /** The first local day of the period (a Monday, the 1st, or 0001-01-01 for all time). */
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    points: integer('points').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'points_rollup_pk',
      columns: [t.workspaceId, t.period, t.periodStart, t.memberId],
    }),
    // A board reads its period's rows highest first, index-only.
    index('points_rollup_board_idx').on(
      t.workspaceId,
      t.period,
      t.periodStart,
      t.points.desc(),
      t.memberId,
    ),
    // Forgetting a member deletes their rows through the foreign key.
    index('points_rollup_member_idx').on(t.memberId),
  ],
);

export type PointsDaily = typeof pointsDaily.$inferSelect;
export type PointsRollup = typeof pointsRollup.$inferSelect;
export type MemberChannelStats = typeof memberChannelStats.$inferSelect;
