/**
 * The leaderboard message, built from the neutral model in ./messages.ts.
 *
 * Paging: the interface has no page argument (`/drill leaderboard [week|month|all]
 * [channel|workspace]`), so a board is one page, the top of the ranking (the caller ranks with
 * `rankBoard(rows, { pageSize })`, at most 25). When more members are ranked the message says
 * "Top N of M" and shows the caller's own place below (from `rankOf`), or points to
 * `/drill stats`, which always has it. A page after the first still renders, as "page P of Q",
 * for a caller that someday offers paging (a button, say).
 */
import type { LeaderboardPeriod } from './commands/types.ts';
import type { MemberRank, RankedBoard, RankedEntry } from './leaderboard-rank.ts';
import { MAX_PAGE_SIZE } from './leaderboard-rank.ts';
import {
  type Block,
  context,
  heading,
  type Message,
  paragraph,
  type Span,
  text,
} from './messages.ts';

export interface LeaderboardMessageInput {
  /** e.g. "This week in #drills". */
  title: string;
  /** `PeriodRange.label`: "6–12 Jul 2026", "July 2026", "All time". */
  periodLabel: string;
  /** e.g. "this channel", "whole workspace". */
  scopeLabel: string;
  /** One page from `rankBoard`; entries past MAX_PAGE_SIZE are cut off. */
  board: RankedBoard;
  /** The caller's member id: their line is marked, or their place shown below the board. */
  highlight?: string;
  /**
   * The caller's place on the whole board (`rankOf`), shown when they are not on this page;
   * null when they have no points in the period; undefined when the caller did not look.
   */
  you?: MemberRank | null;
  /** Which period the board is the current one of, for the empty state ("this week"). */
  period?: LeaderboardPeriod;
  /**
   * Whether names are member spans (mentions). Default true, right for the private board.
   * A board posted to the channel (the weekly post) should pass false: on Slack a mention in
   * a channel message notifies, and 25 pings every Monday would be noise.
   */
  mentions?: boolean;
}

/** Longer names are cut with an ellipsis, so one line stays one line on a phone. */
export const MAX_NAME_LENGTH = 40;

const EMPTY: Record<LeaderboardPeriod, string> = {
  week: 'No points yet this week.',
  month: 'No points yet this month.',
  all: 'No points yet.',
};

export function leaderboardMessage(input: LeaderboardMessageInput): Message {
  const { board } = input;
  const entries = board.entries.slice(0, MAX_PAGE_SIZE);
  const blocks: Block[] = [
    heading(input.title),
    context(text(`${input.periodLabel} · ${input.scopeLabel}`)),
  ];
  if (entries.length === 0) {
    blocks.push(paragraph(text(emptyText(input))));
    blocks.push(context(text('Answer a drill before it closes to get on the board.')));
    return { kind: 'leaderboard', blocks };
  }
  const mentions = input.mentions ?? true;
  blocks.push({
    type: 'bullets',
    items: entries.map((entry) => entryLine(entry, mentions, entry.memberId === input.highlight)),
  });
  const footer = footerText(board, entries.length);
  if (footer) blocks.push(context(text(footer)));
  const own = ownPlace(input, entries);
  if (own) blocks.push(context(...own));
  return { kind: 'leaderboard', blocks };
}

/** `1. @alice — 12 pts · streak 5`, with "← you" on the caller's own line. */
function entryLine(entry: RankedEntry, mentions: boolean, isCaller: boolean): Span[] {
  const name = shortName(entry.name);
  // A blank display name falls back to what the platform shows for the id.
  const who: Span = mentions
    ? name === ''
      ? { member: entry.memberId }
      : { member: entry.memberId, name }
    : text(name === '' ? entry.memberId : name);
  const spans: Span[] = [
    text(`${entry.rank}. `),
    who,
    text(` — ${pointsText(entry.points)}${streakText(entry.streak)}`),
  ];
  if (isCaller) spans.push(text(' ← you', 'bold'));
  return spans;
}

function footerText(board: RankedBoard, shown: number): string | undefined {
  if (board.page > 1) return `Page ${board.page} of ${board.pages} · ${board.total} ranked.`;
  if (shown < board.total) return `Top ${shown} of ${board.total}.`;
  return undefined;
}

/** The caller's own place when their line is not on this page. */
function ownPlace(input: LeaderboardMessageInput, shown: RankedEntry[]): Span[] | undefined {
  const caller = input.highlight;
  if (caller === undefined || shown.some((entry) => entry.memberId === caller)) return undefined;
  const { you } = input;
  if (you === null) return [text('You have no points in this period yet.')];
  if (you === undefined || you.memberId !== caller) {
    return input.board.total > shown.length ? [text('Your own place: /drill stats.')] : undefined;
  }
  const tie = you.tied ? ' (tied)' : '';
  return [
    text(
      `You: #${you.rank}${tie} of ${you.total} · ${pointsText(you.points)}${streakText(you.streak)}`,
    ),
  ];
}

function emptyText(input: LeaderboardMessageInput): string {
  if (input.period) return EMPTY[input.period];
  return `No points yet for ${input.periodLabel}.`;
}

const pointsText = (points: number): string => (points === 1 ? '1 pt' : `${points} pts`);

/** Shown from 1: a streak of 0 says nothing worth a column. */
const streakText = (streak: number | undefined): string =>
  streak !== undefined && streak > 0 ? ` · streak ${streak}` : '';

/** Cut by code points, not UTF-16 units, so an emoji is never split in half. */
function shortName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= MAX_NAME_LENGTH) return chars.join('');
  return `${chars.slice(0, MAX_NAME_LENGTH - 1).join('')}…`;
}
