/**
 * Parsers for the commands every member may use (interface.md, "Members"). Each takes the
 * trimmed text after its command word.
 */
import { failure, ok, readOptionalId, readSwitch } from './arguments.ts';
import { missingArgument, unknownCommand, usageError } from './errors.ts';
import { quote, splitHead, words } from './text.ts';
import type { CommandName, LeaderboardPeriod, LeaderboardScope, ParseResult } from './types.ts';
import { isCommandName } from './usage.ts';

/** `help [command]`; `help practice answer` names the `practice-answer` topic. */
export function parseHelp(rest: string): ParseResult {
  if (rest === '') return ok({ name: 'help' });
  const topic = words(rest).join('-').toLowerCase();
  return isCommandName(topic) ? ok({ name: 'help', topic }) : failure(unknownCommand(rest, 'help'));
}

/**
 * Free text (answers, flag reasons): kept as typed, case, inner whitespace and newlines
 * included; only the ends are trimmed, which `rest` already is.
 */
function freeText(command: CommandName, rest: string, what: string): string | ParseResult {
  return rest === '' ? failure(missingArgument(command, what)) : rest;
}

/** `practice [pack or tag]` and `practice answer <text>`. */
export function parsePractice(rest: string): ParseResult {
  const { head, rest: after } = splitHead(rest);
  if (head.toLowerCase() === 'answer') {
    const text = freeText('practice-answer', after, 'your answer text');
    return typeof text === 'string' ? ok({ name: 'practice-answer', text }) : text;
  }
  const filter = readOptionalId('practice', rest, 'a pack or tag', 'cloud-security');
  if (!filter.ok) return filter;
  return ok(
    filter.value === undefined ? { name: 'practice' } : { name: 'practice', filter: filter.value },
  );
}

/** `answer <text>`. */
export function parseAnswer(rest: string): ParseResult {
  const text = freeText('answer', rest, 'your answer text');
  return typeof text === 'string' ? ok({ name: 'answer', text }) : text;
}

/** `flag <reason>`. */
export function parseFlag(rest: string): ParseResult {
  const reason = freeText('flag', rest, 'a reason');
  return typeof reason === 'string' ? ok({ name: 'flag', reason }) : reason;
}

const PERIODS: readonly LeaderboardPeriod[] = ['week', 'month', 'all'];
const SCOPES: readonly LeaderboardScope[] = ['channel', 'workspace'];

/** `leaderboard [week|month|all] [channel|workspace]`, the two in either order. */
export function parseLeaderboard(rest: string): ParseResult {
  let period: LeaderboardPeriod | undefined;
  let scope: LeaderboardScope | undefined;
  for (const word of words(rest)) {
    const lower = word.toLowerCase();
    const asPeriod = PERIODS.find((p) => p === lower);
    const asScope = SCOPES.find((s) => s === lower);
    if (asPeriod && period === undefined) period = asPeriod;
    else if (asScope && scope === undefined) scope = asScope;
    else if (asPeriod || asScope)
      return failure(
        usageError(
          'leaderboard',
          `${quote(word)} repeats the ${asPeriod ? 'period' : 'scope'}: give at most one period (week, month or all) and one scope (channel or workspace)`,
        ),
      );
    else
      return failure(
        usageError(
          'leaderboard',
          `${quote(word)} is not a period or scope: use week, month or all, and channel or workspace`,
        ),
      );
  }
  return ok({ name: 'leaderboard', period: period ?? 'week', scope: scope ?? 'channel' });
}

/** `tips [pack]`. */
export function parseTips(rest: string): ParseResult {
  const pack = readOptionalId('tips', rest, 'a pack', 'cloud-security');
  if (!pack.ok) return pack;
  return ok(pack.value === undefined ? { name: 'tips' } : { name: 'tips', pack: pack.value });
}

/** `optout on|off`. */
export function parseOptout(rest: string): ParseResult {
  const on = readSwitch('optout', rest);
  return on.ok ? ok({ name: 'optout', optOut: on.value }) : on;
}
