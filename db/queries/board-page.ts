/**
 * What a board shows, read in one query: the members ranked within the first page (ties at
 * the cut included), how many members the whole board ranks, and the asking member's own
 * place. The database ranks; only a dozen rows travel, however many members the board has
 * (a workspace board of 10,000 members used to ship all 10,000 to be ranked in JS).
 *
 * The totals come from the workspace rollup for a workspace's week, month or all time
 * (one row per member, see db/schema/boards.ts) and from the per-day aggregates otherwise.
 * Either way they are the sums `boardRows` returns; ranks are standard competition ranks on
 * points (1, 2, 2, 4), as `rankBoard` and `rankOf` give them (src/core/leaderboard-rank.ts).
 * Streaks of the channel come along in the same query when asked for.
 */
import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { rawRows } from '../raw.ts';
import { pointsDaily, pointsRollup, type RollupPeriod } from '../schema.ts';
import { ALL_TIME_START, type BoardQuery, type BoardRow } from './points.ts';

export interface MemberPlace {
  row: BoardRow;
  /** 1 + the number of members with more points. */
  rank: number;
  /** Whether another member has the same points. */
  tied: boolean;
}

export interface BoardPage {
  /** Every member whose rank is at most `limit`, ties at the cut included; in no order. */
  leaders: BoardRow[];
  /** How many members the whole board ranks. */
  total: number;
  /** The asking member's place; undefined when they are not on the board (or not asked). */
  member?: MemberPlace;
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, date ?? 1) / DAY_MS;
}

/** The rollup row set holding exactly the range's sums, when the range is a whole period. */
export function rollupFor(
  from: string | null,
  to: string | null,
): { period: RollupPeriod; start: string } | undefined {
  if (from === null && to === null) return { period: 'all', start: ALL_TIME_START };
  if (from === null || to === null) return undefined;
  const start = dayNumber(from);
  // 1 January 1970 was a Thursday: day numbers 4 apart from a Monday's are Mondays.
  const monday = (((start - 4) % 7) + 7) % 7 === 0;
  if (monday && dayNumber(to) === start + 7) return { period: 'week', start: from };
  const [year, month, date] = from.split('-').map(Number);
  const nextMonth = Date.UTC(year ?? 0, month ?? 0, 1) / DAY_MS;
  if (date === 1 && dayNumber(to) === nextMonth) return { period: 'month', start: from };
  return undefined;
}

interface PageOptions {
  /** Rank cut of the page: members ranked at most this are returned. At least 1. */
  limit: number;
  /** The asking member, whose place is returned wherever it is. */
  member?: string | undefined;
  /** The channel whose streaks to return with each row (0 without). */
  streaksIn?: string | undefined;
}

/**
 * Channel boards and ranges that are not a whole period: sum the day rows (a channel has
 * a few hundred a month), rank them all. Rows: member_id, points, rank, total, same.
 * Opted-out members are left out by id (the few in members_opted_out_idx), and names and
 * streaks are looked up for the returned rows only: joining the whole members table cost
 * more than the board itself.
 */
function pageFromDays(query: BoardQuery, options: PageOptions): SQL {
  const conditions = [
    'channelId' in query.scope
      ? eq(pointsDaily.channelId, query.scope.channelId)
      : eq(pointsDaily.workspaceId, query.scope.workspaceId),
  ];
  if (query.from) conditions.push(gte(pointsDaily.day, query.from));
  if (query.to) conditions.push(lt(pointsDaily.day, query.to));
  return sql`
    select member_id, points, rank, total, same from (
      select t.member_id, t.points,
             rank() over (order by t.points desc) as rank,
             count(*) over () as total,
             count(*) over (partition by t.points) as same
      from (
        select ${pointsDaily.memberId} as member_id, sum(${pointsDaily.points}) as points
        from ${pointsDaily} where ${and(...conditions)} group by ${pointsDaily.memberId}
      ) t
      where t.member_id not in (select id from members where opted_out_at is not null)
    ) ranked
    where rank <= ${options.limit} or member_id = ${options.member ?? null}`;
}

/**
 * A workspace's whole week, month or all time: one rollup row per member, read in points
 * order through points_rollup_board_idx. Only the top of the index is read for the page
 * (down to the points of the member at the cut, so ties there come whole); counting the
 * board and placing the asking member are index-only range counts. Members who opted out
 * are the few in members_opted_out_idx, left out by a hashed NOT IN.
 */
function pageFromRollup(
  workspaceId: string,
  rollup: { period: RollupPeriod; start: string },
  options: PageOptions,
): SQL {
  const period = sql`r.workspace_id = ${workspaceId} and r.period = ${rollup.period}
    and r.period_start = ${rollup.start}::date`;
  // "desc nulls last" as the index is declared, so the top is read in index order.
  return sql`
    with opted_out as materialized (
      select id from members where opted_out_at is not null
    ), listed as not materialized (
      select r.member_id, r.points from ${pointsRollup} r
      where ${period} and r.member_id not in (select id from opted_out)
    ), cut as (
      select points from listed
      order by points desc nulls last offset ${options.limit - 1} limit 1
    ), leaders as (
      select member_id, points, rank() over (order by points desc nulls last) as rank,
             count(*) over (partition by points) as same
      from listed
      where points >= coalesce((select points from cut), ${-(2 ** 31)})
    ), mine as (
      select l.member_id, l.points,
             (select count(*) from listed o where o.points > l.points) + 1 as rank,
             (select count(*) from listed o where o.points = l.points) as same
      from listed l
      where l.member_id = ${options.member ?? null}
        and l.member_id not in (select member_id from leaders)
    ), counted as (
      -- All the period's rows, less the opted-out members' few: a bare index-only count.
      select (select count(*) from ${pointsRollup} r where ${period})
           - (select count(*) from ${pointsRollup} r
              where ${period} and r.member_id in (select id from opted_out)) as total
    )
    select member_id, points, rank, (select total from counted) as total, same from leaders
    union all
    select member_id, points, rank, (select total from counted) as total, same from mine`;
}

interface RankedRow extends Record<string, unknown> {
  member_id: string;
  name: string | null;
  points: string | number;
  rank: number;
  total: number;
  same: number;
  streak: number;
}

export async function boardPage(
  db: DbOrTx,
  query: BoardQuery,
  options: PageOptions,
): Promise<BoardPage> {
  const rollup = 'workspaceId' in query.scope ? rollupFor(query.from, query.to) : undefined;
  const page =
    rollup && 'workspaceId' in query.scope
      ? pageFromRollup(query.scope.workspaceId, rollup, options)
      : pageFromDays(query, options);
  const rows = await rawRows<RankedRow>(
    db,
    sql`
    with page as (${page})
    select p.member_id, p.points, p.rank::int as rank, p.total::int as total,
           p.same::int as same,
           (select display_name from members m where m.id = p.member_id) as name,
           coalesce((select current_streak from member_channel_stats s
                     where s.member_id = p.member_id
                       and s.channel_id = ${options.streaksIn ?? null}), 0) as streak
    from page p`,
  );
  const asRow = (row: RankedRow): BoardRow => ({
    memberId: row.member_id,
    name: row.name ?? row.member_id,
    points: Number(row.points),
    ...(options.streaksIn === undefined ? {} : { streak: row.streak }),
  });
  const own = rows.find((row) => row.member_id === options.member);
  return {
    leaders: rows.filter((row) => row.rank <= options.limit).map(asRow),
    total: rows[0]?.total ?? 0,
    ...(own ? { member: { row: asRow(own), rank: own.rank, tied: own.same > 1 } } : {}),
  };
}
