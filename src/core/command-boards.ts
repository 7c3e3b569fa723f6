/**
 * `/drill leaderboard` and `/drill stats`: read from the points aggregates and the streak
 * table, never from answers, and shown privately to the caller. The database ranks the
 * board; only the first page and the caller's own place are read.
 */
import type { DbOrTx } from '../../db/client.ts';
import { boardPage } from '../../db/queries/board-page.ts';
import { coverageByTags, statsOf } from '../../db/queries/stats.ts';
import type { Channel } from '../../db/schema.ts';
import type { CommandCall } from './command-runner.ts';
import type { Command } from './commands/types.ts';
import type { EngineContext } from './context.ts';
import { workspaceOfChannel } from './ids.ts';
import {
  type BoardRow,
  leaderboardMessage,
  type MemberRank,
  type PeriodRange,
  pageSizeOf,
  periodRange,
  type RankedBoard,
  rankLeaders,
} from './leaderboard.ts';
import { heading, type Message, notice, paragraph, text } from './messages.ts';

const NOT_ENROLLED =
  'This channel has no drills yet, so there is no board. An admin can start with /drill now.';

type LeaderboardCommand = Extract<Command, { name: 'leaderboard' }>;

/** One board as a member sees it: the period, page 1, and their own place. */
export interface BoardView {
  range: PeriodRange;
  board: RankedBoard;
  /** The asking member's place; null when they are not on the board or nobody asked. */
  you: MemberRank | null;
}

export interface BoardRequest {
  channel: Pick<Channel, 'id' | 'zone'>;
  scope: LeaderboardCommand['scope'];
  period: LeaderboardCommand['period'];
  now: Date;
  member?: string;
  pageSize?: number;
}

/**
 * Everything a board reads, in one query (db/queries/board-page.ts): the ranked first page,
 * the caller's place, and for a channel board the streaks of the members shown.
 */
export async function readBoard(db: DbOrTx, request: BoardRequest): Promise<BoardView> {
  const range = periodRange(request.period, request.now, request.channel.zone);
  const scope =
    request.scope === 'channel'
      ? { channelId: request.channel.id }
      : { workspaceId: workspaceOfChannel(request.channel.id) };
  const pageSize = pageSizeOf({ pageSize: request.pageSize });
  const page = await boardPage(
    db,
    { scope, from: range.from, to: range.to },
    {
      limit: pageSize,
      member: request.member,
      // Streaks are per channel: shown on this channel's board only.
      streaksIn: request.scope === 'channel' ? request.channel.id : undefined,
    },
  );
  // Workspace boards show no streak: 0, as the message reads it.
  const withStreak = <Row extends BoardRow>(row: Row) => ({ ...row, streak: row.streak ?? 0 });
  const own = page.member;
  return {
    range,
    board: rankLeaders(page.leaders.map(withStreak), page.total, { pageSize }),
    you: own ? { ...withStreak(own.row), rank: own.rank, total: page.total, tied: own.tied } : null,
  };
}

export async function leaderboardReply(
  context: EngineContext,
  command: LeaderboardCommand,
  call: CommandCall,
): Promise<Message> {
  const channel = call.channel;
  if (!channel) return notice('notice', text(NOT_ENROLLED));
  const { range, board, you } = await readBoard(context.db, {
    channel,
    scope: command.scope,
    period: command.period,
    now: context.clock.now(),
    member: call.event.member,
  });
  return leaderboardMessage({
    title:
      command.scope === 'channel' ? 'Leaderboard · this channel' : 'Leaderboard · all channels',
    periodLabel: range.label,
    scopeLabel: command.scope === 'channel' ? 'this channel' : 'whole workspace',
    board,
    highlight: call.event.member,
    you,
    period: command.period,
  });
}

/** The board posted to the channel each Monday: last week's, names without mentions. */
export async function weeklyBoardMessage(
  context: EngineContext,
  channel: Channel,
  now: Date,
): Promise<Message> {
  const lastWeek = new Date(now.getTime() - 7 * 86_400_000);
  const { range, board } = await readBoard(context.db, {
    channel,
    scope: 'channel',
    period: 'week',
    now: lastWeek,
  });
  return leaderboardMessage({
    title: 'Last week’s leaderboard',
    periodLabel: range.label,
    scopeLabel: 'this channel',
    board,
    mentions: false,
  });
}

export async function statsReply(context: EngineContext, call: CommandCall): Promise<Message> {
  const channel = call.channel;
  if (!channel) return notice('notice', text(NOT_ENROLLED));
  const member = call.event.member;
  const now = context.clock.now();
  const place = (period: 'week' | 'all') =>
    readBoard(context.db, { channel, scope: 'channel', period, now, member, pageSize: 1 });
  const { range: weekRange, you: weekRank } = await place('week');
  const { you: allRank } = await place('all');
  const stats = await statsOf(context.db, member, channel.id);
  const answered = stats?.answered ?? 0;
  const lines = [
    `Points: ${weekRank?.points ?? 0} this week (${weekRange.label}), ${allRank?.points ?? 0} all time.`,
    weekRank
      ? `Rank this week: #${weekRank.rank} of ${weekRank.total}${weekRank.tied ? ' (tied)' : ''}.`
      : 'No rank this week yet.',
    `Streak: ${stats?.currentStreak ?? 0} drills in a row (best ${stats?.longestStreak ?? 0}).`,
    `Answers on time: ${answered}${answered > 0 ? `, covering ${Math.round(((stats?.coverageSum ?? 0) / answered) * 100)}% of key points on average` : ''}.`,
  ];
  const byTag = new Map<string, { sum: number; count: number }>();
  for (const entry of await coverageByTags(context.db, member, channel.id)) {
    for (const tag of entry.tags) {
      const seen = byTag.get(tag) ?? { sum: 0, count: 0 };
      byTag.set(tag, { sum: seen.sum + entry.ratio, count: seen.count + 1 });
    }
  }
  const weakest = [...byTag.entries()]
    .map(([tag, { sum, count }]) => ({ tag, average: sum / count }))
    .sort((a, b) => a.average - b.average || a.tag.localeCompare(b.tag))
    .slice(0, 3);
  if (weakest.length > 0) {
    lines.push(
      `Weakest tags: ${weakest.map((entry) => `${entry.tag} (${Math.round(entry.average * 100)}%)`).join(', ')}. Try /drill practice <tag>.`,
    );
  }
  return {
    kind: 'notice',
    blocks: [
      heading('Your drill stats in this channel'),
      ...lines.map((line) => paragraph(text(line))),
    ],
  };
}
