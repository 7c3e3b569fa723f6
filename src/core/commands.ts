/**
 * `/drill` commands: the pure parser from the text after `/drill` to a typed `Command`, the
 * renderer back, and the usage table help and errors are built from. The parts live in
 * `commands/`; this is the one module the rest of the code imports.
 */
export { formatCommand } from './commands/format.ts';
export { parseCommand } from './commands/parse.ts';
export type {
  AdminCommand,
  BareCommandName,
  Command,
  CommandName,
  DrillMode,
  LeaderboardPeriod,
  LeaderboardScope,
  MemberCommand,
  ParseResult,
  UsageError,
} from './commands/types.ts';
export {
  COMMAND_NAMES,
  COMMAND_USAGE,
  type CommandUsage,
  commandWords,
  enrolsChannel,
  formatHelp,
  isAdminCommand,
  isCommandName,
} from './commands/usage.ts';
