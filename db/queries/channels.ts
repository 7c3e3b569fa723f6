/** Channel enrolments and the scheduler's per-channel state. */
import { and, eq, gt, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { type Channel, channels, type NewChannel } from '../schema.ts';

export async function getChannel(db: DbOrTx, id: string): Promise<Channel | undefined> {
  const [row] = await db.select().from(channels).where(eq(channels.id, id));
  return row;
}

/** Enrols a channel with the defaults unless it is enrolled already; returns the row. */
export async function enrolChannel(db: DbOrTx, values: NewChannel): Promise<Channel> {
  await db.insert(channels).values(values).onConflictDoNothing();
  const row = await getChannel(db, values.id);
  if (!row) throw new Error(`channel ${values.id} vanished while enrolling`);
  return row;
}

export async function updateChannel(
  db: DbOrTx,
  id: string,
  changes: Partial<NewChannel>,
): Promise<Channel | undefined> {
  const [row] = await db.update(channels).set(changes).where(eq(channels.id, id)).returning();
  return row;
}

/** Where a page of due channels ended: the next page starts after this (slot, id). */
export interface DueCursor {
  nextRunAt: Date;
  id: string;
}

/**
 * Active channels whose next slot has come, in (slot, id) order, a page at a time: pass the
 * last row of a page as `after` for the next one. Channels a tick has handled move on to a
 * later slot and drop out; the cursor steps past those it could not handle (left for the
 * next tick), so paging always ends.
 */
export async function dueChannels(
  db: DbOrTx,
  now: Date,
  limit = 100,
  after?: DueCursor,
): Promise<Channel[]> {
  const pastCursor =
    after &&
    or(
      gt(channels.nextRunAt, after.nextRunAt),
      and(eq(channels.nextRunAt, after.nextRunAt), gt(channels.id, after.id)),
    );
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.status, 'active'), lte(channels.nextRunAt, now), pastCursor))
    .orderBy(channels.nextRunAt, channels.id)
    .limit(limit);
}

/**
 * Moves a channel's next slot from `from` to `to`, only if no other process moved it first:
 * the compare-and-set that makes one instance, and only one, handle a due slot.
 */
export async function advanceNextRun(
  db: DbOrTx,
  id: string,
  from: Date,
  to: Date,
): Promise<boolean> {
  const rows = await db
    .update(channels)
    .set({ nextRunAt: to })
    .where(and(eq(channels.id, id), eq(channels.nextRunAt, from), eq(channels.status, 'active')))
    .returning({ id: channels.id });
  return rows.length === 1;
}

export async function channelsOfWorkspace(db: DbOrTx, workspaceId: string): Promise<Channel[]> {
  return db.select().from(channels).where(eq(channels.workspaceId, workspaceId));
}

/** Pauses a channel the bot can no longer post in, keeping who enrolled it for the hint. */
export async function pauseChannel(db: DbOrTx, id: string, reason: string | null): Promise<void> {
  await db
    .update(channels)
    .set({ status: 'paused', pausedReason: reason, nextRunAt: null, updatedAt: sql`now()` })
    .where(and(eq(channels.id, id), eq(channels.status, 'active')));
}
