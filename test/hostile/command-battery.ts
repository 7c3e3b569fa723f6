/**
 * The `/drill` commands that take free text, each given a hostile string as its argument:
 * what a member may type, and what only an admin may (run as an admin, so the text gets past
 * the permission check and all the way into the command). Every one must be answered
 * privately and plainly, and none may ping or change a setting it was not asked to.
 */
export interface BatteryCommand {
  /** Slack: the text after `/drill`. */
  slack: (text: string) => string;
  /** Discord: the native subcommand and its string option, when Discord has one for it. */
  discord?: { subcommand: string; option: string };
  admin: boolean;
}

/** `flag` comes first: it is the one command here that accepts any text (and stores it). */
export const BATTERY: readonly BatteryCommand[] = [
  { slack: (t) => `flag ${t}`, discord: { subcommand: 'flag', option: 'reason' }, admin: false },
  { slack: (t) => `tips ${t}`, discord: { subcommand: 'tips', option: 'pack' }, admin: false },
  {
    slack: (t) => `practice ${t}`,
    discord: { subcommand: 'practice', option: 'filter' },
    admin: false,
  },
  { slack: (t) => `help ${t}`, discord: { subcommand: 'help', option: 'command' }, admin: false },
  // Discord has no free-text command word: its subcommands are native.
  { slack: (t) => t, admin: false },
  { slack: (t) => `leaderboard ${t}`, admin: false },
  { slack: (t) => `optout ${t}`, admin: false },
  {
    slack: (t) => `schedule ${t}`,
    discord: { subcommand: 'schedule', option: 'when' },
    admin: true,
  },
  { slack: (t) => `zone ${t}`, discord: { subcommand: 'schedule', option: 'zone' }, admin: true },
  {
    slack: (t) => `window ${t}`,
    discord: { subcommand: 'window', option: 'duration' },
    admin: true,
  },
  { slack: (t) => `remind ${t}`, discord: { subcommand: 'window', option: 'remind' }, admin: true },
  { slack: (t) => `packs ${t}`, discord: { subcommand: 'packs', option: 'packs' }, admin: true },
  { slack: (t) => `ping ${t}`, admin: true },
  { slack: (t) => `admins add ${t}`, admin: true },
  { slack: (t) => `mode ${t}`, admin: true },
];

/**
 * How every battery command but `flag` answers hostile text: a usage error (the value
 * quoted, the accepted form, then the usage line) or, for `packs`, the unknown pack ids.
 */
export const REFUSAL = /Usage: `?\/drill |^"?Unknown pack /;
