/**
 * The subcommands of `/drill`, one table for both directions: the registration body
 * (commands.ts `drillCommandDefinition`) and the way back from an invocation to the text the
 * core parses (`interactionToText`). Each row names its options and how they read as words,
 * so what Discord offers and what the core receives cannot drift apart. Summaries come from
 * the core's COMMAND_USAGE, as in help. Why `zone` and `remind` are options of `schedule` and
 * `window` rather than subcommands: see commands.ts.
 */
import { COMMAND_USAGE } from '../../src/core/commands/usage.ts';

/** Discord's limit for a string option's value (`max_length` may not exceed it). */
export const MAX_OPTION_TEXT = 6000;

export type OptionKind = 'string' | 'boolean' | 'user' | 'role';

export interface OptionSpec {
  name: string;
  description: string;
  kind: OptionKind;
  required?: boolean;
  choices?: readonly string[];
  autocomplete?: boolean;
  maxLength?: number;
}

/** Option values by name: strings (cleaned), user and role ids, booleans. */
export type OptionValues = ReadonlyMap<string, string | boolean>;

export interface SubcommandSpec {
  name: string;
  description: string;
  options?: readonly OptionSpec[];
  /** The text after `/drill`; `guildId` tells the `@everyone` role from others. */
  text(values: OptionValues, guildId: string | undefined): string;
}

const str = (values: OptionValues, name: string): string | undefined => {
  const value = values.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** Words joined by single spaces, missing ones left out. */
const words = (...parts: (string | undefined)[]): string =>
  parts.filter((part): part is string => part !== undefined).join(' ');

const bare = (name: keyof typeof COMMAND_USAGE): SubcommandSpec => ({
  name,
  description: COMMAND_USAGE[name].summary,
  text: () => name,
});

const onOff = (name: 'optout' | 'weekly-board', description: string): SubcommandSpec => ({
  name,
  description: COMMAND_USAGE[name].summary,
  options: [{ name: 'state', description, kind: 'string', required: true, choices: ['on', 'off'] }],
  text: (values) => words(name, str(values, 'state')),
});

/** The subcommands, in the order Discord lists them: members' first, as in help. */
export const SUBCOMMANDS: readonly SubcommandSpec[] = [
  {
    name: 'help',
    description: COMMAND_USAGE.help.summary,
    options: [
      {
        name: 'command',
        description: 'One command to explain',
        kind: 'string',
        autocomplete: true,
      },
    ],
    text: (values) => words('help', str(values, 'command')),
  },
  {
    name: 'practice',
    description: COMMAND_USAGE.practice.summary,
    options: [
      { name: 'filter', description: 'A pack or tag', kind: 'string', autocomplete: true },
      {
        name: 'answer',
        description: 'Your answer to your pending practice question (or use its Answer button)',
        kind: 'string',
        maxLength: MAX_OPTION_TEXT,
      },
    ],
    text: (values) => {
      const answer = str(values, 'answer');
      return words('practice', str(values, 'filter'), answer && `answer ${answer}`);
    },
  },
  {
    name: 'answer',
    description: COMMAND_USAGE.answer.summary,
    options: [
      {
        name: 'text',
        description: 'Your answer',
        kind: 'string',
        required: true,
        maxLength: MAX_OPTION_TEXT,
      },
    ],
    text: (values) => words('answer', str(values, 'text')),
  },
  {
    name: 'leaderboard',
    description: COMMAND_USAGE.leaderboard.summary,
    options: [
      {
        name: 'period',
        description: 'This week (default), this month, or all time',
        kind: 'string',
        choices: ['week', 'month', 'all'],
      },
      {
        name: 'scope',
        description: 'This channel (default) or the whole server',
        kind: 'string',
        choices: ['channel', 'workspace'],
      },
    ],
    text: (values) => words('leaderboard', str(values, 'period'), str(values, 'scope')),
  },
  bare('stats'),
  {
    name: 'tips',
    description: COMMAND_USAGE.tips.summary,
    options: [{ name: 'pack', description: 'A pack', kind: 'string', autocomplete: true }],
    text: (values) => words('tips', str(values, 'pack')),
  },
  {
    name: 'flag',
    description: COMMAND_USAGE.flag.summary,
    options: [
      {
        name: 'reason',
        description: 'What is wrong with the question',
        kind: 'string',
        required: true,
        maxLength: 1000,
      },
    ],
    text: (values) => words('flag', str(values, 'reason')),
  },
  onOff('optout', 'on: leave drills and boards; off: come back'),
  bare('export-me'),
  bare('forget-me'),
  bare('now'),
  bare('reveal'),
  bare('skip'),
  {
    name: 'schedule',
    description: 'When drills post, and the time zone (zone alone only changes the zone)',
    options: [
      {
        name: 'when',
        description: 'weekdays 09:00, daily 18:30, mon,wed,fri 12:00 or a cron expression',
        kind: 'string',
        maxLength: 200,
      },
      {
        name: 'zone',
        description: 'An IANA time zone such as Europe/London',
        kind: 'string',
        autocomplete: true,
        maxLength: 100,
      },
    ],
    text: (values) => {
      const when = str(values, 'when');
      const zone = str(values, 'zone');
      return when === undefined && zone !== undefined
        ? `zone ${zone}`
        : words('schedule', when, zone);
    },
  },
  {
    name: 'window',
    description: 'How long answers stay open (10s to 7d), and the reminder before close',
    options: [
      { name: 'duration', description: 'e.g. 30m, 8h, 1d', kind: 'string', maxLength: 50 },
      {
        name: 'remind',
        description: 'Remind in the thread this long before close (e.g. 1h), or off',
        kind: 'string',
        maxLength: 50,
      },
    ],
    text: (values) => {
      const duration = str(values, 'duration');
      const remind = str(values, 'remind');
      if (duration === undefined && remind !== undefined) return `remind ${remind}`;
      return words('window', duration, remind && `remind ${remind}`);
    },
  },
  {
    name: 'packs',
    description: COMMAND_USAGE.packs.summary,
    options: [
      {
        name: 'packs',
        description: 'Pack ids separated by commas, or all',
        kind: 'string',
        required: true,
        autocomplete: true,
        maxLength: 1000,
      },
    ],
    text: (values) => words('packs', str(values, 'packs')),
  },
  {
    name: 'mode',
    description: COMMAND_USAGE.mode.summary,
    options: [
      {
        name: 'mode',
        description: 'thread: answers in the thread; blind: private until the reveal',
        kind: 'string',
        required: true,
        choices: ['thread', 'blind'],
      },
    ],
    text: (values) => words('mode', str(values, 'mode')),
  },
  {
    name: 'ping',
    description: COMMAND_USAGE.ping.summary,
    options: [
      { name: 'role', description: 'The role to mention when a drill posts', kind: 'role' },
      { name: 'off', description: 'True to mention nobody', kind: 'boolean' },
    ],
    text: (values, guildId) => {
      const role = str(values, 'role');
      // The @everyone role's id is the guild's; the core takes it as a broadcast, not a role.
      const mention =
        role === undefined ? undefined : role === guildId ? '@everyone' : `<@&${role}>`;
      return words('ping', mention, values.get('off') === true ? 'off' : undefined);
    },
  },
  onOff('weekly-board', "on: post the week's leaderboard each Monday; off: stop"),
  bare('pause'),
  bare('resume'),
  bare('stop'),
  bare('status'),
  {
    name: 'admins',
    description: COMMAND_USAGE.admins.summary,
    options: [
      {
        name: 'action',
        description: 'Give or take away drill admin rights',
        kind: 'string',
        required: true,
        choices: ['add', 'remove'],
      },
      { name: 'user', description: 'The member', kind: 'user', required: true },
    ],
    text: (values) => {
      const user = str(values, 'user');
      return words('admins', str(values, 'action'), user && `<@${user}>`);
    },
  },
  bare('reload'),
];
