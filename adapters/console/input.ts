/**
 * The terminal channel's input syntax (interface.md, "Terminal channel"), as pure functions
 * so every form is table-tested without streams: continuation lines, `/drill` commands,
 * `/as NAME` speaker switches, and replies.
 */

/** Something said in the channel: a reply (or practice answer), or a `/drill` command. */
export type Utterance =
  /** Any line not starting with `/`, trimmed; inner line breaks are kept. */
  | { type: 'reply'; text: string }
  /** `/drill ...`: `text` is everything after the word `/drill`, trimmed. */
  | { type: 'drill'; text: string };

/** What one complete input line (continuations already joined) asks for. */
export type ParsedLine =
  | Utterance
  /** A blank or whitespace-only line: nothing to send. */
  | { type: 'empty' }
  /**
   * `/as NAME` switches the current speaker; `/as NAME text...` speaks once as NAME.
   * `name` is null for `/as` and `/as me`: back to the terminal's own user.
   */
  | { type: 'as'; name: string | null; once?: Utterance }
  /** `/help`, or an unknown `/word` (named in `unknown`) answered with the same help. */
  | { type: 'help'; unknown?: string }
  /** A malformed command; `reason` is shown to the person at the terminal. */
  | { type: 'invalid'; reason: string };

/** Either a finished line, or text waiting for the next line of a continuation. */
export type JoinedLine = { done: string } | { pending: string };

/** A trailing backslash, with any spaces a paste may leave after it. */
const CONTINUES = /\\[ \t]*$/;

/**
 * Joins continuation lines: a line ending in `\` continues on the next one. The backslash is
 * dropped and the line break kept, so a multi-line answer arrives as one reply with its
 * newlines (a reply cannot end in a literal backslash; nobody has needed one).
 * @param pending what earlier lines of the same continuation collected, if any
 */
export function joinLine(pending: string | undefined, line: string): JoinedLine {
  const joined = pending === undefined ? line : `${pending}\n${line}`;
  return CONTINUES.test(line) ? { pending: joined.replace(CONTINUES, '') } : { done: joined };
}

/**
 * The names `/as` accepts: exactly the member id parts the id codec accepts for the terminal
 * (ids.ts `memberFromMention`), so every name becomes a valid `console:<name>` id. A leading
 * `@` is allowed because people type mentions that way.
 */
const NAME = /^@?([A-Za-z0-9._-]{1,40})$/;

const COMMAND = /^\/(\S*)(?:\s+([\s\S]*))?$/;

/**
 * Parses one complete line. A command is a line whose very first character is `/`, so a
 * reply that must start with a slash (a path, say) can be sent by starting it with a space.
 */
export function parseLine(line: string): ParsedLine {
  if (line.trim() === '') return { type: 'empty' };
  if (!line.startsWith('/')) return { type: 'reply', text: line.trim() };
  const match = COMMAND.exec(line.trim());
  const word = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  switch (word) {
    case 'drill':
      return { type: 'drill', text: rest };
    case 'as':
      return parseAs(rest);
    case 'help':
    case '?':
      return { type: 'help' };
    default:
      return { type: 'help', unknown: `/${match?.[1] ?? ''}` };
  }
}

function parseAs(rest: string): ParsedLine {
  if (rest === '') return { type: 'as', name: null };
  const [, token = '', said = ''] = /^(\S+)(?:\s+([\s\S]*))?$/.exec(rest) ?? [];
  const name = token.toLowerCase() === 'me' ? null : (NAME.exec(token)?.[1] ?? undefined);
  if (name === undefined) {
    return {
      type: 'invalid',
      reason: `/as needs a name of up to 40 letters, digits, ".", "_" or "-" (got "${token}")`,
    };
  }
  if (said === '') return { type: 'as', name };
  // `said` was trimmed with `rest`, so only an inner slash command keeps its leading `/`.
  const once = parseLine(said);
  if (once.type === 'reply' || once.type === 'drill') return { type: 'as', name, once };
  return {
    type: 'invalid',
    reason: 'after /as NAME write a reply or a /drill command, not another command',
  };
}
