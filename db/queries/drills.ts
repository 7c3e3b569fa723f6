/**
 * Drill rows and their claims. Every step that must happen once (post a slot, reveal,
 * remind) is an UPDATE or INSERT whose WHERE clause or unique index lets exactly one process
 * win; the winner holds a lease until it records the outcome.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import {
  type Drill,
  type DrillStatus,
  drills,
  type NewDrill,
  questionSnapshots,
} from '../schema.ts';

/** A lease is free when nobody holds it or its time is up (at `now` exactly, too). */
const leaseFree = (now: Date) => or(isNull(drills.leaseExpiresAt), lte(drills.leaseExpiresAt, now));

export async function getDrill(db: DbOrTx, id: number): Promise<Drill | undefined> {
  const [row] = await db.select().from(drills).where(eq(drills.id, id));
  return row;
}

/** The drill whose question message is `ref`: replies in its thread are answers. */
export async function drillByMessage(db: DbOrTx, ref: string): Promise<Drill | undefined> {
  const [row] = await db.select().from(drills).where(eq(drills.messageRef, ref));
  return row;
}

/** The channel's claimed or open drill, if any (at most one, by `drills_one_live_uq`). */
export async function liveDrill(db: DbOrTx, channelId: string): Promise<Drill | undefined> {
  const [row] = await db
    .select()
    .from(drills)
    .where(and(eq(drills.channelId, channelId), inArray(drills.status, ['claimed', 'open'])));
  return row;
}

/** The most recent drill of a channel that was posted (open or revealed). */
export async function latestPostedDrill(db: DbOrTx, channelId: string): Promise<Drill | undefined> {
  const [row] = await db
    .select()
    .from(drills)
    .where(and(eq(drills.channelId, channelId), inArray(drills.status, ['open', 'revealed'])))
    .orderBy(desc(drills.slotAt))
    .limit(1);
  return row;
}

/**
 * Inserts a claimed drill for a slot. Returns undefined when the slot already has a drill or
 * the channel already has a live one (both unique indexes): someone else has it.
 */
export async function claimSlot(db: DbOrTx, values: NewDrill): Promise<Drill | undefined> {
  const [row] = await db.insert(drills).values(values).onConflictDoNothing().returning();
  return row;
}

/** Records missed slots as skipped (idempotent). */
export async function recordSkipped(
  db: DbOrTx,
  channelId: string,
  slots: readonly Date[],
): Promise<void> {
  if (slots.length === 0) return;
  await db
    .insert(drills)
    .values(
      slots.map((slotAt) => ({
        channelId,
        slotAt,
        trigger: 'schedule' as const,
        status: 'skipped' as const,
      })),
    )
    .onConflictDoNothing();
}

/**
 * Takes the lease on a drill in `status` when nobody holds it (or the holder's lease ran
 * out). Returns the row as it is now, with `attempts` counting this one.
 */
export async function takeLease(
  db: DbOrTx,
  id: number,
  status: DrillStatus,
  owner: string,
  now: Date,
  until: Date,
): Promise<Drill | undefined> {
  const [row] = await db
    .update(drills)
    .set({ leaseOwner: owner, leaseExpiresAt: until, attempts: sql`${drills.attempts} + 1` })
    .where(and(eq(drills.id, id), eq(drills.status, status), leaseFree(now)))
    .returning();
  return row;
}

/** Keeps the lease's owner but lets the step be retried by anyone from `retryAt`. */
export async function deferLease(
  db: DbOrTx,
  id: number,
  owner: string,
  retryAt: Date,
): Promise<void> {
  await db
    .update(drills)
    .set({ leaseExpiresAt: retryAt })
    .where(and(eq(drills.id, id), eq(drills.leaseOwner, owner)));
}

/** Claimed drills whose lease has run out: the poster died or its outcome was unknown. */
export async function staleClaims(db: DbOrTx, now: Date, limit = 100): Promise<Drill[]> {
  return db
    .select()
    .from(drills)
    .where(and(eq(drills.status, 'claimed'), leaseFree(now)))
    .orderBy(asc(drills.slotAt))
    .limit(limit);
}

export async function markOpen(
  db: DbOrTx,
  id: number,
  owner: string,
  values: { messageRef: string; postedAt: Date; revealAt: Date; remindAt: Date | null },
): Promise<boolean> {
  const rows = await db
    .update(drills)
    .set({ ...values, status: 'open', leaseOwner: null, leaseExpiresAt: null })
    .where(and(eq(drills.id, id), eq(drills.status, 'claimed'), eq(drills.leaseOwner, owner)))
    .returning({ id: drills.id });
  return rows.length === 1;
}

/** Ends a drill that was never revealed: withdrawn (skip, stop) or skipped (too late to post). */
export async function closeUnrevealed(
  db: DbOrTx,
  id: number,
  status: 'withdrawn' | 'skipped',
): Promise<boolean> {
  const rows = await db
    .update(drills)
    .set({ status, leaseOwner: null, leaseExpiresAt: null })
    .where(and(eq(drills.id, id), inArray(drills.status, ['claimed', 'open'])))
    .returning({ id: drills.id });
  return rows.length === 1;
}

/** Where a page of due reveals ended: the next page starts after this (reveal time, id). */
export interface RevealCursor {
  revealAt: Date;
  id: number;
}

/**
 * Open drills whose reveal time has come and that nobody is revealing right now, in
 * (reveal time, id) order, a page at a time: pass the last row of a page as `after`.
 */
export async function dueReveals(
  db: DbOrTx,
  now: Date,
  limit = 100,
  after?: RevealCursor,
): Promise<Drill[]> {
  const pastCursor =
    after &&
    or(
      gt(drills.revealAt, after.revealAt),
      and(eq(drills.revealAt, after.revealAt), gt(drills.id, after.id)),
    );
  return db
    .select()
    .from(drills)
    .where(and(eq(drills.status, 'open'), lte(drills.revealAt, now), leaseFree(now), pastCursor))
    .orderBy(asc(drills.revealAt), asc(drills.id))
    .limit(limit);
}

/** Brings an open drill's reveal forward to `at` (`/drill reveal`, or a new drill posting). */
export async function revealEarly(db: DbOrTx, id: number, at: Date): Promise<void> {
  await db
    .update(drills)
    .set({ revealAt: at })
    .where(and(eq(drills.id, id), eq(drills.status, 'open'), gt(drills.revealAt, at)));
}

export async function markRevealed(
  db: DbOrTx,
  id: number,
  owner: string,
  values: { revealedAt: Date; revealMessageRef: string | null },
): Promise<boolean> {
  const rows = await db
    .update(drills)
    .set({ ...values, status: 'revealed', leaseOwner: null, leaseExpiresAt: null })
    .where(and(eq(drills.id, id), eq(drills.status, 'open'), eq(drills.leaseOwner, owner)))
    .returning({ id: drills.id });
  return rows.length === 1;
}

/** Open drills due a reminder that has not been sent. */
export async function dueReminders(db: DbOrTx, now: Date): Promise<Drill[]> {
  return db
    .select()
    .from(drills)
    .where(
      and(
        eq(drills.status, 'open'),
        lte(drills.remindAt, now),
        isNull(drills.remindedAt),
        gt(drills.revealAt, now),
      ),
    );
}

/** Claims a reminder; false when another process sent it. */
export async function claimReminder(db: DbOrTx, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(drills)
    .set({ remindedAt: now })
    .where(and(eq(drills.id, id), isNull(drills.remindedAt)))
    .returning({ id: drills.id });
  return rows.length === 1;
}

/** The questions a channel has been asked, oldest first, for rotation. */
export async function askedQuestions(db: DbOrTx, channelId: string) {
  return db
    .select({ packId: questionSnapshots.packId, questionId: questionSnapshots.questionId })
    .from(drills)
    .innerJoin(questionSnapshots, eq(drills.snapshotId, questionSnapshots.id))
    .where(and(eq(drills.channelId, channelId), ne(drills.status, 'skipped')))
    .orderBy(asc(drills.slotAt));
}

export async function drillsOfChannel(db: DbOrTx, channelId: string): Promise<Drill[]> {
  return db
    .select()
    .from(drills)
    .where(eq(drills.channelId, channelId))
    .orderBy(asc(drills.slotAt));
}
