/**
 * Ranking a board: order, shared ranks for ties, and one page of it. Pure: the rows are the
 * period's per-member totals the store summed from its day buckets; who is listed (opted-out
 * members left out, members with 0 points in or out) is the caller's choice.
 */

/** One member's total for the period, as the store returns it. */
export interface BoardRow {
  memberId: string;
  name: string;
  points: number;
  /** The member's current streak in the channel, shown beside the points when known. */
  streak?: number;
}

/** A row with its place: ties share a rank (standard competition ranking, 1, 2, 2, 4). */
export interface RankedEntry extends BoardRow {
  rank: number;
}

/** One page of a ranked board. `page` is 1-based and already clamped to `1..pages`. */
export interface RankedBoard {
  entries: RankedEntry[];
  page: number;
  /** At least 1, so an empty board is "page 1 of 1". */
  pages: number;
  /** How many members are ranked in all, across every page. */
  total: number;
}

/** A member's place on the whole board, for `stats` and the "you" line of a board. */
export interface MemberRank extends RankedEntry {
  /** How many members are ranked in all. */
  total: number;
  /** Whether someone else has the same points, hence the same rank. */
  tied: boolean;
}

export interface RankOptions {
  /** Entries per page: default 10, clamped to 1..MAX_PAGE_SIZE. */
  pageSize?: number;
  /** 1-based; clamped to the pages there are, so a stale page number still shows something. */
  page?: number;
}

export const DEFAULT_PAGE_SIZE = 10;

/**
 * The most entries one board message shows. 25 keeps a board within every platform's limits
 * with room to spare (Slack 50 blocks and 3000 characters a section, Discord 2000
 * characters a message) even with long names, and is as many as anyone reads.
 */
export const MAX_PAGE_SIZE = 25;

// Case-insensitive but accent-sensitive, with a fixed locale, so the order does not depend on
// the server's locale settings.
const collator = new Intl.Collator('en', { sensitivity: 'accent' });

/**
 * Board order: points high to low, then name (case-insensitive, so "alice" sits beside
 * "Alice"), then member id. The id makes it a total order, so the same rows always give the
 * same board whatever order the database returned them in.
 */
export function compareRows(a: BoardRow, b: BoardRow): number {
  if (a.points !== b.points) return b.points - a.points;
  const byName = collator.compare(a.name, b.name);
  if (byName !== 0) return byName;
  if (a.memberId === b.memberId) return 0;
  return a.memberId < b.memberId ? -1 : 1;
}

/**
 * Ranks `rows` and cuts out one page. Ranks depend on points alone: names only order members
 * who share a rank. Rows are expected to have distinct member ids and finite points (the
 * store sums integer ledger rows per member).
 */
export function rankBoard(rows: ReadonlyArray<BoardRow>, options: RankOptions = {}): RankedBoard {
  const pageSize = pageSizeOf(options);
  const sorted = [...rows].sort(compareRows);
  const total = sorted.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = clampInt(options.page ?? 1, 1, pages);
  const start = (page - 1) * pageSize;
  const ranks = competitionRanks(sorted);
  const entries = sorted.slice(start, start + pageSize).map((row, index) => ({
    ...row,
    rank: ranks[start + index] ?? start + index + 1,
  }));
  return { entries, page, pages, total };
}

/**
 * Page 1 of a board known only by its leaders (every member whose rank is at most the page
 * size, ties at the cut included, as the store's board page returns them) and its total.
 * The same page `rankBoard` gives from all the rows: the leaders are a prefix of the board
 * in board order, and a rank only counts members with more points, all of them leaders.
 */
export function rankLeaders(
  leaders: ReadonlyArray<BoardRow>,
  total: number,
  options: Pick<RankOptions, 'pageSize'> = {},
): RankedBoard {
  const pageSize = pageSizeOf(options);
  const board = rankBoard(leaders, { pageSize, page: 1 });
  return { ...board, pages: Math.max(1, Math.ceil(total / pageSize)), total };
}

/** The page size `rankBoard` uses for `options`: default 10, within 1..MAX_PAGE_SIZE. */
export function pageSizeOf(options: Pick<RankOptions, 'pageSize'>): number {
  return clampInt(options.pageSize ?? DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
}

/**
 * `memberId`'s place among `rows`, or undefined when they are not on the board (no points in
 * the period, or opted out). Counts instead of sorting, and agrees with `rankBoard`: the rank
 * is one more than the number of members with more points.
 */
export function rankOf(rows: ReadonlyArray<BoardRow>, memberId: string): MemberRank | undefined {
  const row = rows.find((candidate) => candidate.memberId === memberId);
  if (!row) return undefined;
  let ahead = 0;
  let tied = false;
  for (const other of rows) {
    if (other.points > row.points) ahead += 1;
    else if (other.points === row.points && other !== row) tied = true;
  }
  return { ...row, rank: ahead + 1, total: rows.length, tied };
}

/** Ranks of rows already in board order: a row tied on points with the one before shares its rank. */
function competitionRanks(sorted: ReadonlyArray<BoardRow>): number[] {
  const ranks: number[] = [];
  sorted.forEach((row, index) => {
    const before = sorted[index - 1];
    const previousRank = ranks[index - 1];
    ranks.push(
      before && previousRank !== undefined && before.points === row.points
        ? previousRank
        : index + 1,
    );
  });
  return ranks;
}

/** `value` as an integer within `min..max` (infinities clamp too); NaN becomes `min`. */
function clampInt(value: number, min: number, max: number): number {
  if (Number.isNaN(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
