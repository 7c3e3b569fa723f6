/**
 * What a leaderboard is by definition, computed from the raw points ledger: every ledger
 * row's local day worked out in its own channel's zone, opted-out members left out, summed
 * per member. The leaderboard benchmark measures the bot's boards against it and
 * test/db/board-plan.test.ts checks them equal to it, so both hold the bot to one definition;
 * both seeds also build the per-day aggregates from the ledger with the same day rule.
 */
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client.ts';
import type { BoardQuery, BoardRow } from '../../../db/queries/points.ts';
import { rawRows } from '../../../db/raw.ts';
import type { BoardView } from '../../../src/core/command-boards.ts';
import { rankBoard, rankOf } from '../../../src/core/leaderboard.ts';

/** A ledger row `l`'s day: the local date of `earned_at` in its channel `c`'s zone. */
const LEDGER_DAY = '(l.earned_at at time zone c.zone)::date';

/** points_daily as `award` keeps it, rebuilt in one statement from the whole ledger. */
export const DAILY_FROM_LEDGER = `
insert into points_daily (member_id, channel_id, workspace_id, day, points)
select l.member_id, l.channel_id, l.workspace_id, ${LEDGER_DAY}, sum(l.points)
from points_ledger l
join channels c on c.id = l.channel_id
group by 1, 2, 3, 4
order by 4, 2, 1`;

/** The board `query` asks for, summed from the ledger (unranked, in no particular order). */
export async function ledgerBoard(db: DbOrTx, query: BoardQuery): Promise<BoardRow[]> {
  const scope =
    'channelId' in query.scope
      ? sql`l.channel_id = ${query.scope.channelId}`
      : sql`l.workspace_id = ${query.scope.workspaceId}`;
  const day = sql.raw(LEDGER_DAY);
  const from = query.from ? sql`and ${day} >= ${query.from}::date` : sql``;
  const to = query.to ? sql`and ${day} < ${query.to}::date` : sql``;
  const rows = await rawRows<{ member_id: string; name: string | null; total: string }>(
    db,
    sql`select l.member_id, m.display_name as name, sum(l.points)::text as total
        from points_ledger l
        join channels c on c.id = l.channel_id
        join members m on m.id = l.member_id
        where ${scope} and m.opted_out_at is null ${from} ${to}
        group by l.member_id, m.display_name`,
  );
  return rows.map((row) => ({
    memberId: row.member_id,
    name: row.name ?? row.member_id,
    points: Number(row.total),
  }));
}

/**
 * `ledgerBoard` as a bot without the per-day aggregates would have to read it: index scans
 * are switched off (in its own transaction) so it is the full scan the benchmark names,
 * whatever the planner would pick.
 */
export async function boardFromLedger(db: Db, query: BoardQuery): Promise<BoardRow[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_indexscan = off`);
    await tx.execute(sql`set local enable_indexonlyscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    return ledgerBoard(tx, query);
  });
}

const withoutStreak = <T extends { streak?: number }>(row: T): Omit<T, 'streak'> => {
  const { streak: _streak, ...rest } = row;
  return rest;
};

/**
 * Throws unless `view` (what the bot read) shows exactly what ranking every row of the
 * reference gives: page 1 (members, names, points, ranks, page count, total) and the
 * asking member's place. Streaks are left out: the reference does not read them.
 */
export function expectSameBoard(
  label: string,
  view: BoardView,
  reference: BoardRow[],
  member: string,
): void {
  const expected = rankBoard(reference);
  const shown = {
    board: { ...view.board, entries: view.board.entries.map(withoutStreak) },
    you: view.you ? withoutStreak(view.you) : null,
  };
  const wanted = {
    board: { ...expected, entries: expected.entries.map(withoutStreak) },
    you: rankOf(reference, member) ?? null,
  };
  if (expected.total === 0) throw new Error(`${label}: the board is empty`);
  if (JSON.stringify(shown) !== JSON.stringify(wanted)) {
    throw new Error(
      `${label}: the bot's board differs from the ledger's\n${JSON.stringify(shown)}\n${JSON.stringify(wanted)}`,
    );
  }
}
