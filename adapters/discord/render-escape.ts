/**
 * Escaping text for Discord markdown. Every piece of text the core hands over is literal
 * (src/core/messages.ts): member answers, names and pack content alike, so none of it may
 * format, mention or link. Discord's markdown takes a backslash before any ASCII punctuation
 * as "show this character as is" (https://discord.com/developers/docs/reference#message-formatting,
 * and the `escapeMarkdown` helpers of discord.js/formatters escape the same way), so text is
 * made inert here, in this order:
 *
 * 1. Invisible characters go: C0/C1 controls except tab and line feed (NUL has no place in a
 *    message, and CR of CRLF shows nothing), the bidi marks, embeddings, overrides and
 *    isolates (which only make text read differently from what it is, e.g. `@\u202Eenoyreve`
 *    showing as "@everyone"), and the zero-width space, word joiner and BOM. ZWJ and ZWNJ are
 *    kept: emoji sequences and several scripts need them. A lone surrogate (no UTF-8 form)
 *    becomes U+FFFD. Removing characters can join letters into `@everyone`, so this is first.
 * 2. Markdown characters get a backslash: `\ * _ ~ ` | < > [ ]` everywhere (bold, italics,
 *    underline, strike-through, spoilers, code, quotes, mentions `<@1>` `<@&1>` `<#1>`,
 *    timestamps `<t:1>`, custom emoji, `<https://…>` and masked links `[x](https://…)`), and
 *    at the start of a line also `#`, `-`, `+` and the dot of `1.` (headings, subtext `-#`,
 *    lists). A run of text is treated as starting a line, since where it lands is unknown.
 * 3. The colon of `scheme://` gets a backslash too, so a bare URL is shown, never linked.
 * 4. `@everyone` and `@here` get a zero-width space after the `@` (what Discord clients show
 *    for an escaped broadcast). The message's `allowed_mentions` already stops every ping;
 *    this also stops the text from looking like one.
 *
 * Inside code (`` `x` `` or a fenced block) Discord formats nothing and a backslash is shown
 * as typed, so code only has its backticks replaced by a look-alike (U+02CB) that cannot
 * close the span: export-me JSON stays readable and exact apart from that one character.
 */

/** How a run of text is shown: plain, `**bold**`, `*italic*`, or code. */
export type TextStyle = 'text' | 'bold' | 'italic' | 'code';

const INVISIBLE =
  /(?![\t\n])[\p{Cc}\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MARKDOWN = /[\\*_~`|<>[\]]/g;
const SCHEME_COLON = /:(?=\/\/)/g;
const LINE_MARKER = /(^|\n)([ \t]*)([#+-])/g;
const NUMBERED = /(^|\n)([ \t]*)(\d+)\./g;
const BROADCAST = /@(?=everyone|here)/gi;

/** Shown after the `@` of a broadcast: invisible, and enough to stop it reading as one. */
export const ZERO_WIDTH_SPACE = '\u200b';
/** Replaces a backtick inside code, where no escape exists: MODIFIER LETTER GRAVE ACCENT. */
export const CODE_BACKTICK = '\u02cb';

/** Step 1: removes invisible characters and repairs lone surrogates; idempotent. */
export function clean(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Cleaned text as Discord markdown that shows exactly that text (steps 2 to 4). `style`
 * `code` only replaces backticks: the caller puts the code fences around it.
 */
export function escapeMarkdown(text: string, style: TextStyle = 'text'): string {
  if (style === 'code') return text.replaceAll('`', CODE_BACKTICK);
  return text
    .replace(MARKDOWN, '\\$&')
    .replace(SCHEME_COLON, '\\:')
    .replace(LINE_MARKER, '$1$2\\$3')
    .replace(NUMBERED, '$1$2$3\\.')
    .replace(BROADCAST, `@${ZERO_WIDTH_SPACE}`);
}

/**
 * An upper bound of how long one UTF-16 unit of cleaned text becomes once escaped, so text
 * can be cut to fit a limit without escaping every candidate: a punctuation character that
 * may get a backslash, and an `@` that may get a zero-width space, count double.
 */
export function escapedCost(unit: number, style: TextStyle): number {
  if (style === 'code') return 1;
  switch (unit) {
    case 0x5c: // \
    case 0x2a: // *
    case 0x5f: // _
    case 0x7e: // ~
    case 0x60: // `
    case 0x7c: // |
    case 0x3c: // <
    case 0x3e: // >
    case 0x5b: // [
    case 0x5d: // ]
    case 0x3a: // :
    case 0x23: // #
    case 0x2d: // -
    case 0x2b: // +
    case 0x2e: // .
    case 0x40: // @
      return 2;
    default:
      return 1;
  }
}
