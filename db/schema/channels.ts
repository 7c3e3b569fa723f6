/**
 * Channel enrolments: one row per channel that has drills, with its drill settings and the
 * scheduler's state. `next_run_at` lives here (not in memory) so a restarted or second
 * process picks up exactly where things stand.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { instant, timestamps } from './columns.ts';
import { workspaces } from './workspaces.ts';

export const channelStatuses = ['active', 'paused', 'stopped'] as const;
export const drillModes = ['thread', 'blind'] as const;

export const channels = pgTable(
  'channels',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name'),
    /** The schedule as the admin typed it (`weekdays 09:00`), shown back by `status`. */
    scheduleText: text('schedule_text').notNull().default('weekdays 09:00'),
    /** The same schedule as a 5- or 6-field cron expression, evaluated in `zone`. */
    cron: text('cron').notNull().default('0 9 * * 1-5'),
    zone: text('zone').notNull().default('UTC'),
    windowSeconds: integer('window_seconds')
      .notNull()
      .default(8 * 3600),
    /** Pack ids drawn from; ignored while `all_packs` is true (which follows packs added later). */
    packs: text('packs').array().notNull().default(sql`'{}'::text[]`),
    allPacks: boolean('all_packs').notNull().default(true),
    mode: text('mode', { enum: drillModes }).notNull().default('thread'),
    /** Seconds before the close to post a reminder in the thread; null for none. */
    remindBeforeSeconds: integer('remind_before_seconds'),
    /** The one role or group the bot may mention when a drill posts (platform id). */
    pingTarget: text('ping_target'),
    weeklyBoard: boolean('weekly_board').notNull().default(false),
    status: text('status', { enum: channelStatuses }).notNull().default('active'),
    /** Why the channel is paused when the bot paused it itself (removed, no permission). */
    pausedReason: text('paused_reason'),
    /** Who enrolled the channel (hinted when the bot loses it); null once they were forgotten. */
    enrolledBy: text('enrolled_by'),
    /** The next scheduled slot; null while paused or stopped. */
    nextRunAt: instant('next_run_at'),
    /** Seed of the channel's shuffled question order (rotation is stable per channel). */
    rotationSeed: integer('rotation_seed').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('channels_due_idx').on(t.status, t.nextRunAt),
    index('channels_workspace_idx').on(t.workspaceId),
    check('channels_window_range', sql`${t.windowSeconds} between 10 and 604800`),
    check(
      'channels_remind_positive',
      sql`${t.remindBeforeSeconds} is null or ${t.remindBeforeSeconds} > 0`,
    ),
  ],
);

export type Channel = typeof channels.$inferSelect;
export type NewChannel = typeof channels.$inferInsert;
