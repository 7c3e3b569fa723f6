/**
 * Escaping text for Slack. Every piece of text the core hands over is literal (messages.ts):
 * member answers, names and pack content alike. Slack reads `&`, `<` and `>` as control
 * characters (https://api.slack.com/reference/surfaces/formatting#escaping) and `*`, `_`,
 * `~`, `` ` `` and a leading `>` as formatting, and mrkdwn has no backslash escape. So text is
 * made inert here, in this order:
 *
 * 1. Invisible controls go: C0/C1 control characters except tab and line feed (NUL and
 *    escape sequences have no business in a message; CR of CRLF too) and the bidi embedding,
 *    override and isolate controls, which can only make text read differently from what it
 *    is ("Trojan Source"). Removing them can join letters into `@everyone`, so this is first.
 * 2. Formatting characters a member may have typed are replaced by look-alikes that Slack
 *    does not parse: `*` -> `∗` (U+2217), `~` -> `∼` (U+223C), `` ` `` -> `ˋ` (U+02CB), and
 *    `_` -> `ˍ` (U+02CD) unless it sits between two ASCII letters or digits, where Slack never
 *    formats (so `API_KEY` and `snake_case` stay exact). Inside a code span only the backtick
 *    is replaced: Slack formats nothing in code, and code (export-me JSON) should stay exact.
 *    Look-alikes keep the text readable; the alternatives were worse: zero-width characters
 *    around a marker *enable* formatting in Slack, and the `<!date^…|*>` fallback trick would
 *    put `<!` tokens into member text.
 * 3. `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`: `<!channel>`, `<@U1>`, `<https://x|ok>`
 *    are shown as typed and ping or link nobody.
 * 4. A bare `@channel`, `@here` or `@everyone` gets a WORD JOINER (U+2060, invisible, no line
 *    break) after the `@`. Slack does not parse bare broadcasts in API text without
 *    `link_names`, and every mrkdwn object is sent with `verbatim: true`; this is defence in
 *    depth against a client or a later `link_names` setting turning them into pings.
 * 5. A line starting with `&gt;` gets a SOFT HYPHEN (U+00AD) in front, as Slack still reads
 *    an escaped `>` at a line start as a block quote.
 */

/** How a run of text is shown: plain, inside `*bold*`, `_italic_`, or code. */
export type TextStyle = 'text' | 'bold' | 'italic' | 'code';

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const LOOKALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217',
  _: '\u02cd',
  '~': '\u223c',
  '`': '\u02cb',
};
const BROADCAST = /@(?=channel|here|everyone)/gi;
const QUOTE_START = /^([ \t]*)&gt;/gm;
const WORD = /^[A-Za-z0-9]$/;

/** Joins `@` and a broadcast word so the pair is never read as a mention. */
export const WORD_JOINER = '\u2060';
/** Invisible, and enough to stop a line from opening a block quote. */
export const SOFT_HYPHEN = '\u00ad';

/** Removes invisible control characters (step 1); safe to apply more than once. */
export function clean(raw: string): string {
  return raw.replace(INVISIBLE, '');
}

function neutralise(text: string, style: TextStyle): string {
  return text.replace(/[*_~`]/g, (mark: string, at: number) => {
    if (style === 'code' && mark !== '`') return mark;
    // An italic run's own marker is always replaced: `_snake_case_` must not end early.
    const inWord =
      mark === '_' &&
      style !== 'italic' &&
      WORD.test(text.charAt(at - 1)) &&
      WORD.test(text.charAt(at + 1));
    return inWord ? mark : (LOOKALIKES[mark] ?? mark);
  });
}

const entities = (text: string): string => text.replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);
const defuse = (text: string): string => text.replace(BROADCAST, `@${WORD_JOINER}`);

/**
 * Text for a mrkdwn object: all five steps above. `style` is the run's own style; the caller
 * adds the markers. Line starts are treated as block-quote starts whatever precedes them.
 */
export function escapeMrkdwn(raw: string, style: TextStyle = 'text'): string {
  const text = defuse(entities(neutralise(clean(raw), style)));
  return style === 'code' ? text : text.replace(QUOTE_START, `$1${SOFT_HYPHEN}&gt;`);
}

/**
 * Text for a plain_text object (header, button label): steps 1, 3 and 4. Slack formats
 * nothing in plain text, but its escaping rule covers every text object.
 */
export function escapePlain(raw: string): string {
  return defuse(entities(clean(raw)));
}

/**
 * An upper bound of how long one UTF-16 unit of cleaned text becomes once escaped, so text
 * can be cut to fit a limit without escaping every candidate: `&` -> `&amp;`, `<` -> `&lt;`,
 * `>` -> soft hyphen + `&gt;`, `@` -> `@` + word joiner; look-alikes are one unit each.
 */
export function escapedCost(unit: number): number {
  if (unit === 0x26 || unit === 0x3e) return 5;
  if (unit === 0x3c) return 4;
  if (unit === 0x40) return 2;
  return 1;
}
