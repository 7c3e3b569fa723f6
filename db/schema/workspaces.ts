/**
 * Workspaces (a Slack team or a Discord guild), the people in them, and who may run admin
 * commands there. Ids are the opaque prefixed strings of the Platform port:
 * `slack:T123` / `discord:G1` for workspaces, `slack:U123` / `discord:42` for members.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant, timestamps } from './columns.ts';

export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  platform: text('platform', { enum: ['slack', 'discord', 'console'] }).notNull(),
  name: text('name'),
  ...timestamps,
});

/** Admins added with `/drill admins add`; platform admins and DRILLBOT_ADMINS are not stored. */
export const workspaceAdmins = pgTable(
  'workspace_admins',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    /** Null once the admin who added them was forgotten. */
    addedBy: text('added_by'),
    addedAt: instant('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'workspace_admins_pk', columns: [t.workspaceId, t.memberId] })],
);

export const members = pgTable(
  'members',
  {
    id: text('id').primaryKey(),
    platform: text('platform', { enum: ['slack', 'discord', 'console'] }).notNull(),
    displayName: text('display_name'),
    isBot: boolean('is_bot').notNull().default(false),
    /** Set by `/drill optout on`: left out of boards, nothing new is scored. */
    optedOutAt: instant('opted_out_at'),
    /** `/drill forget-me` asks twice: the first call sets this, a second soon after deletes. */
    forgetRequestedAt: instant('forget_requested_at'),
    ...timestamps,
  },
  (t) => [
    index('members_platform_idx').on(t.platform),
    // The few opted-out members, which every workspace board leaves out (db/queries/board-page.ts).
    index('members_opted_out_idx').on(t.id).where(sql`${t.optedOutAt} is not null`),
  ],
);

export type Workspace = typeof workspaces.$inferSelect;
export type NewWorkspace = typeof workspaces.$inferInsert;
export type WorkspaceAdmin = typeof workspaceAdmins.$inferSelect;
export type Member = typeof members.$inferSelect;
export type NewMember = typeof members.$inferInsert;
