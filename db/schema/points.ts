/**
 * The points ledger: every point a member holds traces to one row with its reason. Boards are
 * sums over it by period, so rows carry the channel and workspace they were earned in.
 */
import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels.ts';
import { instant } from './columns.ts';
import { drills } from './drills.ts';
import { members, workspaces } from './workspaces.ts';

export const pointReasons = [
  'participation',
  'coverage',
  'votes',
  'streak_bonus',
  'adjustment',
] as const;
export type PointReason = (typeof pointReasons)[number];

export const pointsLedger = pgTable(
  'points_ledger',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    drillId: bigint('drill_id', { mode: 'number' }).references(() => drills.id, {
      onDelete: 'cascade',
    }),
    reason: text('reason', { enum: pointReasons }).notNull(),
    points: integer('points').notNull(),
    /** Makes an award idempotent, e.g. `drill:12:slack:U1:coverage`; null for free-form rows. */
    awardKey: text('award_key'),
    earnedAt: instant('earned_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('points_ledger_award_uq').on(t.awardKey),
    index('points_ledger_channel_time_idx').on(t.channelId, t.earnedAt),
    index('points_ledger_workspace_time_idx').on(t.workspaceId, t.earnedAt),
    index('points_ledger_member_idx').on(t.memberId, t.earnedAt),
    // Vote re-evaluation reads a drill's rows per member; deleting a drill cascades through it.
    index('points_ledger_drill_idx').on(t.drillId, t.memberId, t.reason),
  ],
);

export type PointsEntry = typeof pointsLedger.$inferSelect;
export type NewPointsEntry = typeof pointsLedger.$inferInsert;
