/**
 * Building `UsageError`s. Every message names the bad value and says what works instead;
 * the usage line always comes from `COMMAND_USAGE`.
 */
import { closest, distance } from 'fastest-levenshtein';
import { quote } from './text.ts';
import type { CommandName, UsageError } from './types.ts';
import { COMMAND_NAMES, COMMAND_USAGE, commandWords } from './usage.ts';

/** Where to look when nothing else fits. */
export const HELP_USAGE = '/drill help';

/** A usage error of `command` with `message`. */
export function usageError(command: CommandName, message: string): UsageError {
  return { command, message, usage: COMMAND_USAGE[command].usage };
}

/** `window needs a duration: /drill window <duration>`. */
export function missingArgument(command: CommandName, what: string): UsageError {
  return usageError(
    command,
    `${commandWords(command)} needs ${what}: ${COMMAND_USAGE[command].usage}`,
  );
}

/** `"now" is not expected: /drill stats takes no arguments`. */
export function unexpectedArgument(command: CommandName, extra: string): UsageError {
  return usageError(
    command,
    `${quote(extra)} is not expected: ${COMMAND_USAGE[command].usage} takes no arguments`,
  );
}

// Words longer than any command name plus a few typos cannot be a typo of one; skipping them
// also keeps a pasted megabyte from costing an edit-distance computation.
const SUGGEST_MAX_LENGTH = 20;

/** The command `word` is probably a typo of, if any: within a third of its length in edits. */
export function suggestCommand(word: string): CommandName | undefined {
  if (word.length === 0 || word.length > SUGGEST_MAX_LENGTH) return undefined;
  const candidate = closest(word, COMMAND_NAMES) as CommandName;
  const allowed = Math.max(1, Math.floor(candidate.length / 3));
  return distance(word, candidate) <= allowed ? candidate : undefined;
}

/**
 * `unknown command "foo": try /drill help`, with `did you mean "schedule"?` when the word
 * is a near miss. `within` is set when the word was a `help` topic.
 */
export function unknownCommand(word: string, within?: CommandName): UsageError {
  const suggestion = suggestCommand(word);
  const hint = suggestion ? ` did you mean "${commandWords(suggestion)}"? Or` : '';
  const message = `unknown command ${quote(word)}:${hint} try ${HELP_USAGE}`;
  return within ? usageError(within, message) : { message, usage: HELP_USAGE };
}
