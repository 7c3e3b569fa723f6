/**
 * `/drill leaderboard` and `/drill stats`: read from the per-day aggregates and the streak
 * table, never from answers, and shown privately to the caller.
 */
import { boardRows } from '../../db/queries/points.ts';
import { coverageByTags, statsOf, streaksOfChannel } from '../../db/queries/stats.ts';
import type { Channel } from '../../db/schema.ts';
import type { CommandCall } from './command-runner.ts';
import type { Command } from './commands/types.ts';
import type { EngineContext } from './context.ts';
import { workspaceOfChannel } from './ids.ts';
import { leaderboardMessage, periodRange, rankBoard, rankOf } from './leaderboard.ts';
import { heading, type Message, notice, paragraph, text } from './messages.ts';

const NOT_ENROLLED =
  'This channel has no drills yet, so there is no board. An admin can start with /drill now.';

type LeaderboardCommand = Extract<Command, { name: 'leaderboard' }>;

async function rowsWithStreaks(
  context: EngineContext,
  channel: Channel,
  command: LeaderboardCommand,
  now: Date,
) {
  const range = periodRange(command.period, now, channel.zone);
  const scope =
    command.scope === 'channel'
      ? { channelId: channel.id }
      : { workspaceId: workspaceOfChannel(channel.id) };
  const rows = await boardRows(context.db, { scope, from: range.from, to: range.to });
  // Streaks are per channel: shown on this channel's board only.
  const streaks =
    command.scope === 'channel'
      ? await streaksOfChannel(context.db, channel.id)
      : new Map<string, number>();
  return { range, rows: rows.map((row) => ({ ...row, streak: streaks.get(row.memberId) ?? 0 })) };
}

export async function leaderboardReply(
  context: EngineContext,
  command: LeaderboardCommand,
  call: CommandCall,
): Promise<Message> {
  const channel = call.channel;
  if (!channel) return notice('notice', text(NOT_ENROLLED));
  const { range, rows } = await rowsWithStreaks(context, channel, command, context.clock.now());
  return leaderboardMessage({
    title:
      command.scope === 'channel' ? 'Leaderboard · this channel' : 'Leaderboard · all channels',
    periodLabel: range.label,
    scopeLabel: command.scope === 'channel' ? 'this channel' : 'whole workspace',
    board: rankBoard(rows),
    highlight: call.event.member,
    you: rankOf(rows, call.event.member) ?? null,
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
  const { range, rows } = await rowsWithStreaks(
    context,
    channel,
    { name: 'leaderboard', period: 'week', scope: 'channel' },
    lastWeek,
  );
  return leaderboardMessage({
    title: 'Last week’s leaderboard',
    periodLabel: range.label,
    scopeLabel: 'this channel',
    board: rankBoard(rows),
    mentions: false,
  });
}

export async function statsReply(context: EngineContext, call: CommandCall): Promise<Message> {
  const channel = call.channel;
  if (!channel) return notice('notice', text(NOT_ENROLLED));
  const member = call.event.member;
  const now = context.clock.now();
  const weekRange = periodRange('week', now, channel.zone);
  const week = await boardRows(context.db, {
    scope: { channelId: channel.id },
    from: weekRange.from,
    to: weekRange.to,
  });
  const allTime = await boardRows(context.db, {
    scope: { channelId: channel.id },
    from: null,
    to: null,
  });
  const weekRank = rankOf(week, member);
  const allRank = rankOf(allTime, member);
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
