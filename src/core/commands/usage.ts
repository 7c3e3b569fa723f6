/**
 * The one table of `/drill` commands: usage line, summary, who may run it and whether it
 * enrols the channel. Help text, usage errors and the admin/enrol checks all read from it,
 * so what help promises and what the parser accepts cannot drift apart.
 */
import type { Command, CommandName } from './types.ts';

/** One row of `COMMAND_USAGE`. */
export interface CommandUsage {
  /** The form that works, as shown in help and in usage errors: `/drill window <duration>`. */
  usage: string;
  /** One line saying what the command does. */
  summary: string;
  /** Only admins may run it (interface.md, "Admins"). */
  admin: boolean;
  /** Running it in a channel that is not enrolled enrols it (interface.md, "Drill rules"). */
  enrols: boolean;
}

const member = (usage: string, summary: string): CommandUsage => ({
  usage,
  summary,
  admin: false,
  enrols: false,
});

const admin = (usage: string, summary: string, enrols: boolean): CommandUsage => ({
  usage,
  summary,
  admin: true,
  enrols,
});

/**
 * Every command name with its usage line and flags, in the order help lists them.
 *
 * Enrolment: commands that set a channel up or start drilling enrol it. Commands that act on
 * an open drill (`reveal`, `skip`, which an unenrolled channel cannot have), turn drilling off
 * (`pause`, `stop`), only report (`status`) or are not about the channel at all (`admins`,
 * `reload`) never enrol: running them in the wrong channel must not start daily posts there.
 */
export const COMMAND_USAGE: Readonly<Record<CommandName, CommandUsage>> = {
  help: member('/drill help [command]', 'What the bot does here and the commands'),
  practice: member('/drill practice [pack or tag]', 'A private practice question'),
  'practice-answer': member(
    '/drill practice answer <text>',
    'Answer your pending practice question',
  ),
  answer: member('/drill answer <text>', "A private answer to the channel's open drill"),
  leaderboard: member(
    '/drill leaderboard [week|month|all] [channel|workspace]',
    'The leaderboard, shown only to you (default: week channel)',
  ),
  stats: member(
    '/drill stats',
    'Your points, rank, streak, answers, coverage and weakest tags (private)',
  ),
  tips: member(
    '/drill tips [pack]',
    "A pack's preparation advice and questions to ask an interviewer (private)",
  ),
  flag: member('/drill flag <reason>', "Report a problem with the open drill's question"),
  optout: member(
    '/drill optout on|off',
    'Opt out of drills and leaderboards (on), or back in (off)',
  ),
  'export-me': member('/drill export-me', 'Everything the bot stores about you'),
  'forget-me': member('/drill forget-me', 'Delete everything the bot stores about you'),
  now: admin('/drill now', 'Post a drill in this channel now', true),
  reveal: admin('/drill reveal', 'Close the open drill and reveal now', false),
  skip: admin('/drill skip', 'Withdraw the open drill and post another question', false),
  schedule: admin(
    '/drill schedule <when> [zone]',
    'When drills post: weekdays HH:MM, daily HH:MM, mon,wed,fri HH:MM or a cron expression',
    true,
  ),
  zone: admin('/drill zone <IANA zone>', "The channel's time zone, e.g. Europe/London", true),
  window: admin(
    '/drill window <duration>',
    'How long answers stay open, 10s to 7d (e.g. 30m, 8h, 1d)',
    true,
  ),
  packs: admin(
    '/drill packs <id,...|all>',
    'Which packs questions come from; all follows packs added later',
    true,
  ),
  mode: admin(
    '/drill mode thread|blind',
    'Answers in the thread, or private until the reveal',
    true,
  ),
  remind: admin(
    '/drill remind <duration|off>',
    'A reminder in the thread this long before close',
    true,
  ),
  ping: admin(
    '/drill ping <role or group|off>',
    'The one mention the bot makes when a drill posts',
    true,
  ),
  'weekly-board': admin(
    '/drill weekly-board on|off',
    "Post the week's leaderboard each Monday at the drill time",
    true,
  ),
  pause: admin('/drill pause', 'Stop posting drills here until resume', false),
  resume: admin('/drill resume', 'Post drills here again', true),
  stop: admin('/drill stop', 'Unenrol this channel: no more drills, history kept', false),
  status: admin('/drill status', 'Settings, next drill time and the open drill', false),
  admins: admin('/drill admins add|remove <user>', 'Give or take away drill admin rights', false),
  reload: admin('/drill reload', 'Re-read question packs without a restart', false),
};

/** Every command name, in help order. */
export const COMMAND_NAMES = Object.keys(COMMAND_USAGE) as CommandName[];

/** True when `value` names a command (a row of `COMMAND_USAGE`). */
export function isCommandName(value: string): value is CommandName {
  return Object.hasOwn(COMMAND_USAGE, value);
}

/** True for commands only admins may run; the service refuses them for everyone else. */
export function isAdminCommand(command: Command): boolean {
  return COMMAND_USAGE[command.name].admin;
}

/** True for commands that enrol the channel they are run in (see `COMMAND_USAGE`). */
export function enrolsChannel(command: Command): boolean {
  return COMMAND_USAGE[command.name].enrols;
}

/** How a command is typed after `/drill`: `practice-answer` is the two words `practice answer`. */
export function commandWords(name: CommandName): string {
  return name === 'practice-answer' ? 'practice answer' : name;
}

/**
 * Plain-text help: one `usage: summary` line per command, admin commands only when
 * `includeAdmin` (members need not see what they cannot run), or only `topic`'s line.
 */
export function formatHelp(options: { includeAdmin: boolean; topic?: CommandName }): string {
  const names = options.topic
    ? [options.topic]
    : COMMAND_NAMES.filter((name) => options.includeAdmin || !COMMAND_USAGE[name].admin);
  return names
    .map((name) => `${COMMAND_USAGE[name].usage}: ${COMMAND_USAGE[name].summary}`)
    .join('\n');
}
