/**
 * Leaderboards, pure: the period a board covers (local days in the channel's zone), ranking
 * with shared ranks for ties, and the board message. Split by job into the
 * `leaderboard-*.ts` files; this module is the one to import. Streaks are in ./streaks.ts.
 */
export {
  type LeaderboardMessageInput,
  leaderboardMessage,
  MAX_NAME_LENGTH,
} from './leaderboard-message.ts';
export { localDay, type PeriodRange, periodRange } from './leaderboard-period.ts';
export {
  type BoardRow,
  compareRows,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type MemberRank,
  pageSizeOf,
  type RankedBoard,
  type RankedEntry,
  type RankOptions,
  rankBoard,
  rankLeaders,
  rankOf,
} from './leaderboard-rank.ts';
