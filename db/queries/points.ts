/**
 * The points ledger and the aggregates it feeds. Every point is a ledger row; the aggregate
 * row for that member, channel and local day, and the workspace's week, month and all-time
 * rows for that member, change in the same statement batch, so boards stay exact.
 */
import { and, eq, gte, inArray, isNull, lt, type SQL, sql, sum } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import {
  members,
  type NewPointsEntry,
  pointsDaily,
  pointsLedger,
  pointsRollup,
  type RollupPeriod,
} from '../schema.ts';

/** The `period_start` of the all-time rollup rows. */
export const ALL_TIME_START = '0001-01-01';

export interface Award extends NewPointsEntry {
  /** Local day (YYYY-MM-DD) in the channel's zone of `earnedAt`. */
  day: string;
}

/** Writes one ledger row (once per award key) and adds it to the day's aggregate. */
export async function award(db: DbOrTx, entry: Award): Promise<boolean> {
  const { day, ...row } = entry;
  const inserted = await db
    .insert(pointsLedger)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: pointsLedger.id });
  if (inserted.length === 0 || entry.points === 0) return inserted.length > 0;
  await db
    .insert(pointsDaily)
    .values({
      memberId: entry.memberId,
      channelId: entry.channelId,
      workspaceId: entry.workspaceId,
      day,
      points: entry.points,
    })
    .onConflictDoUpdate({
      target: [pointsDaily.memberId, pointsDaily.channelId, pointsDaily.day],
      set: { points: sql`${pointsDaily.points} + excluded.points` },
    });
  // The workspace's week, month and all-time rows for the same local day (Monday and the 1st
  // by date arithmetic, as the migration that created the rollup backfilled them).
  const rollup = (period: RollupPeriod, periodStart: SQL) => ({
    workspaceId: entry.workspaceId,
    period,
    periodStart,
    memberId: entry.memberId,
    points: entry.points,
  });
  await db
    .insert(pointsRollup)
    .values([
      rollup('week', sql`${day}::date - (extract(isodow from ${day}::date)::int - 1)`),
      rollup('month', sql`${day}::date - (extract(day from ${day}::date)::int - 1)`),
      rollup('all', sql`date '${sql.raw(ALL_TIME_START)}'`),
    ])
    .onConflictDoUpdate({
      target: [
        pointsRollup.workspaceId,
        pointsRollup.period,
        pointsRollup.periodStart,
        pointsRollup.memberId,
      ],
      set: { points: sql`${pointsRollup.points} + excluded.points` },
    });
  return true;
}

/**
 * `award` for each entry, in one order of members. Concurrent reveals in one workspace add
 * to the same members' week, month and all-time rows; were each to take those rows in its
 * answers' order, two reveals could each hold a row the other waits for (PostgreSQL then
 * aborts one: "deadlock detected"). Taken in member order everywhere, they wait in turn.
 */
export async function awardAll(db: DbOrTx, entries: readonly Award[]): Promise<number> {
  const ordered = [...entries].sort((a, b) =>
    a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0,
  );
  let written = 0;
  for (const entry of ordered) if (await award(db, entry)) written += 1;
  return written;
}

/** Vote points a member already holds for their answer to a drill. */
export async function votePointsHeld(
  db: DbOrTx,
  drillId: number,
  memberId: string,
): Promise<number> {
  const [row] = await db
    .select({ total: sum(pointsLedger.points).mapWith(Number) })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.drillId, drillId),
        eq(pointsLedger.memberId, memberId),
        eq(pointsLedger.reason, 'votes'),
      ),
    );
  return row?.total ?? 0;
}

export interface BoardQuery {
  scope: { channelId: string } | { workspaceId: string };
  /** Half-open local-day range; nulls for all time. */
  from: string | null;
  to: string | null;
}

export interface BoardRow {
  memberId: string;
  name: string;
  points: number;
}

/**
 * The board query itself, not yet run: sums of the day aggregates per member, opted-out
 * members left out, highest first. `boardRows` runs it; tests EXPLAIN its exact SQL.
 */
export function boardQuery(db: DbOrTx, query: BoardQuery) {
  const conditions = [
    'channelId' in query.scope
      ? eq(pointsDaily.channelId, query.scope.channelId)
      : eq(pointsDaily.workspaceId, query.scope.workspaceId),
    isNull(members.optedOutAt),
  ];
  if (query.from) conditions.push(gte(pointsDaily.day, query.from));
  if (query.to) conditions.push(lt(pointsDaily.day, query.to));
  const total = sum(pointsDaily.points).mapWith(Number);
  return db
    .select({ memberId: pointsDaily.memberId, name: members.displayName, points: total })
    .from(pointsDaily)
    .innerJoin(members, eq(members.id, pointsDaily.memberId))
    .where(and(...conditions))
    .groupBy(pointsDaily.memberId, members.displayName)
    .orderBy(sql`3 desc`);
}

/** Sums of the day aggregates per member, opted-out members left out, highest first. */
export async function boardRows(db: DbOrTx, query: BoardQuery): Promise<BoardRow[]> {
  const rows = await boardQuery(db, query);
  return rows.map((row) => ({
    memberId: row.memberId,
    name: row.name ?? row.memberId,
    points: row.points,
  }));
}

/** Ledger totals per member computed from scratch (to check the aggregates against). */
export async function ledgerTotals(
  db: DbOrTx,
  memberIds?: readonly string[],
): Promise<Map<string, number>> {
  const rows = await db
    .select({ memberId: pointsLedger.memberId, total: sum(pointsLedger.points).mapWith(Number) })
    .from(pointsLedger)
    .where(memberIds ? inArray(pointsLedger.memberId, [...memberIds]) : undefined)
    .groupBy(pointsLedger.memberId);
  return new Map(rows.map((row) => [row.memberId, row.total]));
}

export async function ledgerOfDrill(db: DbOrTx, drillId: number) {
  return db
    .select()
    .from(pointsLedger)
    .where(eq(pointsLedger.drillId, drillId))
    .orderBy(pointsLedger.id);
}
