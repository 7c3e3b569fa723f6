/**
 * The typed shape of every `/drill` command (interface.md, "The `/drill` command"). The
 * parser produces these; the service executes them; `formatCommand` renders them back.
 */
import type { WhenSpec } from '../schedule.ts';

/** Leaderboard period: ISO week, calendar month (both in the channel's zone) or all time. */
export type LeaderboardPeriod = 'week' | 'month' | 'all';

/** Leaderboard scope: this channel only, or every channel of the workspace. */
export type LeaderboardScope = 'channel' | 'workspace';

/** How members answer: in the question's thread, or privately until the reveal. */
export type DrillMode = 'thread' | 'blind';

/** Commands any member may use. */
export type MemberCommand =
  /** `help [command]`: `topic` narrows the help to one command. */
  | { name: 'help'; topic?: CommandName }
  /** `practice [pack or tag]`: `filter` is a lower-case kebab-case pack id or tag. */
  | { name: 'practice'; filter?: string }
  /** `practice answer <text>`: `text` keeps its case, inner whitespace and newlines. */
  | { name: 'practice-answer'; text: string }
  /** `answer <text>`: a private answer to the channel's open drill. */
  | { name: 'answer'; text: string }
  | { name: 'leaderboard'; period: LeaderboardPeriod; scope: LeaderboardScope }
  | { name: 'stats' }
  /** `tips [pack]`: `pack` is a lower-case kebab-case pack id. */
  | { name: 'tips'; pack?: string }
  /** `flag <reason>`: `reason` keeps its case, inner whitespace and newlines. */
  | { name: 'flag'; reason: string }
  /** `optout on|off`: `optOut` true means the member is opted out. */
  | { name: 'optout'; optOut: boolean }
  | { name: 'export-me' }
  | { name: 'forget-me' };

/** Commands only admins may use (refused for everyone else by the service). */
export type AdminCommand =
  | { name: 'now' }
  | { name: 'reveal' }
  | { name: 'skip' }
  /** `schedule <when> [zone]`: an omitted `zone` keeps the channel's zone. */
  | { name: 'schedule'; when: WhenSpec; zone?: string }
  /** `zone <IANA zone>`: a zone the runtime accepts, with its canonical spelling where known. */
  | { name: 'zone'; zone: string }
  /** `window <duration>`: the answer window in milliseconds, within `WINDOW_LIMITS`. */
  | { name: 'window'; ms: number }
  /** `packs <id,...|all>`: `'all'` follows packs added later; ids are unchecked against content. */
  | { name: 'packs'; packs: 'all' | string[] }
  | { name: 'mode'; mode: DrillMode }
  /** `remind <duration|off>`: how long before close to remind, or `null` for no reminder. */
  | { name: 'remind'; beforeMs: number | null }
  /**
   * `ping <role or group|off>`: the platform's raw mention token as typed (`<!subteam^S123>`,
   * `<@&123>`, `@security-team`), resolved by the adapter; `null` turns the ping off.
   */
  | { name: 'ping'; mention: string | null }
  | { name: 'weekly-board'; enabled: boolean }
  | { name: 'pause' }
  | { name: 'resume' }
  | { name: 'stop' }
  | { name: 'status' }
  /** `admins add|remove <user>`: `user` is the raw mention or id as typed. */
  | { name: 'admins'; action: 'add' | 'remove'; user: string }
  | { name: 'reload' };

/** Every `/drill` command, discriminated on `name`. */
export type Command = MemberCommand | AdminCommand;

/** The discriminant of `Command`: one per row of `COMMAND_USAGE`. */
export type CommandName = Command['name'];

/** Names of the commands whose whole shape is their name (`stats`, `now`, `status`, ...). */
export type BareCommandName = BareName<Command>;
type BareName<C> = C extends { name: infer N }
  ? Exclude<keyof C, 'name'> extends never
    ? N
    : never
  : never;

/** What went wrong, worded for the person who typed it, with the form that works. */
export interface UsageError {
  /** The command the text was meant as; absent when the command word itself is unknown. */
  command?: CommandName;
  /** Names the bad value and the fix, e.g. `"45m5" is not a duration: use ...`. */
  message: string;
  /** The usage line of `command` (`/drill window <duration>`), or `/drill help`. */
  usage: string;
}

/** The outcome of `parseCommand`: never an exception. */
export type ParseResult = { ok: true; command: Command } | { ok: false; error: UsageError };
