/**
 * Text handling shared by the command parsers: cleaning hostile input, splitting off the
 * next word, and quoting a user's value inside an error message.
 */

/** A lone UTF-16 surrogate: not a character, and mangled silently when encoded as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Input as the parser sees it: NUL removed (Postgres text cannot hold it) and lone surrogates
 * replaced by U+FFFD, so free text stored or echoed is always well-formed.
 */
export function cleanInput(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * The first whitespace-separated word of `text` and everything after it, trimmed. `rest` is
 * sliced, not re-joined, so free text keeps its inner whitespace and newlines.
 */
export function splitHead(text: string): { head: string; rest: string } {
  const trimmed = text.trim();
  const gap = trimmed.search(/\s/);
  if (gap < 0) return { head: trimmed, rest: '' };
  return { head: trimmed.slice(0, gap), rest: trimmed.slice(gap).trim() };
}

/** The whitespace-separated words of `text`; none for blank text. */
export function words(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

const SHOWN_LIMIT = 40;

/** Control characters and the bidi controls that could make an echoed value read backwards. */
const INVISIBLE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]+/gu;

/**
 * `value` made safe to echo inside an error message: on one line, each run of control or
 * bidi characters shown as one U+FFFD, and cut to 40 characters with an ellipsis, so a pasted
 * essay does not come back as the error.
 */
export function shown(value: string): string {
  // Slice by code units first so a huge value costs little, then by code points so the cut
  // never splits a surrogate pair.
  const head = value.slice(0, SHOWN_LIMIT * 4);
  const flat = head.replace(/\s+/g, ' ').replace(INVISIBLE, '\uFFFD');
  const points = Array.from(flat);
  if (points.length > SHOWN_LIMIT) return `${points.slice(0, SHOWN_LIMIT).join('')}…`;
  return head.length < value.length ? `${flat}…` : flat;
}

/** `value` as `shown`, in double quotes: `"45m5"`. */
export function quote(value: string): string {
  return `"${shown(value)}"`;
}
