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

const QUOTE_LIMIT = 40;

/**
 * `value` in double quotes for an error message, cut to 40 characters (a pasted essay should
 * not come back as the error) with control characters escaped, so the message stays one line.
 */
export function quote(value: string): string {
  // Slice by code units first so a huge value costs nothing, then by code points so the cut
  // never splits a surrogate pair.
  const points = Array.from(value.slice(0, QUOTE_LIMIT * 2 + 1));
  const cut = points.length > QUOTE_LIMIT ? `${points.slice(0, QUOTE_LIMIT).join('')}…` : value;
  return JSON.stringify(cut);
}
