/**
 * `parseCommand`: the text after `/drill` to a typed `Command` or a `UsageError`. Pure and
 * total: any string, however hostile, yields a result and never an exception.
 */
import {
  parseAdmins,
  parseMode,
  parsePacks,
  parsePing,
  parseRemind,
  parseWeeklyBoard,
  parseWindow,
  parseZone,
} from './admin.ts';
import { failure, ok, parseBare } from './arguments.ts';
import { unknownCommand } from './errors.ts';
import {
  parseAnswer,
  parseFlag,
  parseHelp,
  parseLeaderboard,
  parseOptout,
  parsePractice,
  parseTips,
} from './member.ts';
import { parseSchedule } from './schedule-args.ts';
import { cleanInput, splitHead } from './text.ts';
import type { BareCommandName, ParseResult } from './types.ts';

type Parser = (rest: string) => ParseResult;

const bare =
  (name: BareCommandName): Parser =>
  (rest) =>
    parseBare(name, rest);

/**
 * The parser for each command word. `practice-answer` has no entry: it is typed as
 * `practice answer` and reached through `practice`.
 */
const PARSERS: Readonly<Record<string, Parser>> = {
  help: parseHelp,
  practice: parsePractice,
  answer: parseAnswer,
  leaderboard: parseLeaderboard,
  stats: bare('stats'),
  tips: parseTips,
  flag: parseFlag,
  optout: parseOptout,
  'export-me': bare('export-me'),
  'forget-me': bare('forget-me'),
  now: bare('now'),
  reveal: bare('reveal'),
  skip: bare('skip'),
  schedule: parseSchedule,
  zone: parseZone,
  window: parseWindow,
  packs: parsePacks,
  mode: parseMode,
  remind: parseRemind,
  ping: parsePing,
  'weekly-board': parseWeeklyBoard,
  pause: bare('pause'),
  resume: bare('resume'),
  stop: bare('stop'),
  status: bare('status'),
  admins: parseAdmins,
  reload: bare('reload'),
};

/**
 * Parses `text`, what follows `/drill` (blank means `help`). Command words are
 * case-insensitive; free text keeps its case, inner whitespace and newlines.
 */
export function parseCommand(text: string): ParseResult {
  const { head, rest } = splitHead(cleanInput(text));
  if (head === '') return ok({ name: 'help' });
  const word = head.toLowerCase();
  const parser = Object.hasOwn(PARSERS, word) ? PARSERS[word] : undefined;
  return parser ? parser(rest) : failure(unknownCommand(head));
}
