/**
 * Argument readers shared by several commands: on/off switches, one word from a fixed set,
 * kebab-case ids and bounded durations. Each returns the value or a finished usage error.
 */
import { parseDuration, WINDOW_LIMITS } from '../duration.ts';
import { missingArgument, unexpectedArgument, usageError } from './errors.ts';
import { quote, words } from './text.ts';
import type { BareCommandName, Command, CommandName, ParseResult, UsageError } from './types.ts';
import { COMMAND_USAGE } from './usage.ts';

/**
 * A value read from the arguments, or the usage error to answer with. The failure half has
 * the shape of a failed `ParseResult`, so a parser can return it as is.
 */
export type Read<T> = { ok: true; value: T } | Failure;

/** A failed read or parse. */
export type Failure = { ok: false; error: UsageError };

/** A successful read of `v`. */
export const value = <T>(v: T): Read<T> => ({ ok: true, value: v });

/** A failed read or parse with `error`. */
export const failure = (error: UsageError): Failure => ({ ok: false, error });

/** A successful parse. */
export const ok = (command: Command): ParseResult => ({ ok: true, command });

/** Commands that take nothing after their word: `stats`, `now`, `status`, ... */
export function parseBare(name: BareCommandName, rest: string): ParseResult {
  const nothing = readNothing(name, rest);
  return nothing.ok ? ok({ name }) : nothing;
}

/** Pack ids and tags, as the content schema defines them. */
export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Accepts nothing after the command word. */
export function readNothing(command: CommandName, rest: string): Read<undefined> {
  return rest === '' ? value(undefined) : failure(unexpectedArgument(command, rest));
}

/**
 * Exactly one word from `choices`, case-insensitive. `what` names the argument in messages
 * (`"fast" is not a mode: use thread or blind`).
 */
export function readChoice<T extends string>(
  command: CommandName,
  rest: string,
  choices: readonly T[],
  what: string,
): Read<T> {
  if (rest === '') return failure(missingArgument(command, what));
  const word = rest.toLowerCase();
  const match = choices.find((choice) => choice === word);
  if (match !== undefined) return value(match);
  return failure(
    usageError(command, `${quote(rest)} is not ${what}: use ${COMMAND_USAGE[command].usage}`),
  );
}

/** `on` or `off`, as a boolean. */
export function readSwitch(command: CommandName, rest: string): Read<boolean> {
  const read = readChoice(command, rest, ['on', 'off'] as const, 'on or off');
  return read.ok ? value(read.value === 'on') : read;
}

/**
 * One optional kebab-case id (a pack or a tag), lower-cased so `AppSec` finds `appsec`.
 * Whether it exists is the service's question.
 */
export function readOptionalId(
  command: CommandName,
  rest: string,
  what: string,
  example: string,
): Read<string | undefined> {
  if (rest === '') return value(undefined);
  const id = rest.toLowerCase();
  if (words(rest).length === 1 && KEBAB_ID.test(id)) return value(id);
  return failure(
    usageError(command, `${quote(rest)} is not ${what}: use one kebab-case id, e.g. ${example}`),
  );
}

/**
 * A duration from 10s to 7d (`WINDOW_LIMITS`), in ms. `subject` starts the range messages:
 * `window 5s is too short: the window is 10s to 7d`.
 */
export function readBoundedDuration(
  command: CommandName,
  rest: string,
  subject: string,
  range: string,
  notADuration: string,
): Read<number> {
  if (rest === '') return failure(missingArgument(command, 'a duration'));
  const ms = parseDuration(rest);
  if (ms === undefined) return failure(usageError(command, `${quote(rest)} ${notADuration}`));
  // Echo what was typed (compacted), not a reformatted value, so the person recognises it.
  const typed = rest.replace(/\s+/g, '').toLowerCase();
  if (ms < WINDOW_LIMITS.minMs)
    return failure(usageError(command, `${subject} ${typed} is too short: ${range}`));
  if (ms > WINDOW_LIMITS.maxMs)
    return failure(usageError(command, `${subject} ${typed} is too long: ${range}`));
  return value(ms);
}
