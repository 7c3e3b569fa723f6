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

export type PointsDaily = typeof pointsDaily.$inferSelect;
export type MemberChannelStats = typeof memberChannelStats.$inferSelect;
