/**
 * Turns the spans of one neutral block into mrkdwn texts of at most 3,000 characters each
 * (Slack's limit for a section's text and for any text object,
 * https://api.slack.com/reference/block-kit/blocks#section). Nothing is dropped: long text
 * continues in the next text. Cuts go at a line break, else after a space, else (one giant
 * word, an emoji flood) between two grapheme clusters, and never inside an escape, a mention
 * or a date token. Each piece of text is escaped on its own, so a cut is a word boundary for
 * the escaping too: a marker left at a cut is replaced, never re-read as formatting.
 */
export { breakAt } from '../shared/text-break.ts';

import { parseMemberId } from '../../src/core/ids.ts';
import type { Span } from '../../src/core/messages.ts';
import { clean, escapedCost, escapeMrkdwn, type TextStyle } from './render-escape.ts';
import { dateToken } from './render-time.ts';

/** Slack's limit for a section's text and for one mrkdwn object. */
export const TEXT_LIMIT = 3000;

/** One rendered piece: the mrkdwn for blocks, and the plain form for the `text` fallback. */
export interface Piece {
  mrkdwn: string;
  plain: string;
}

/** Text still to be escaped (and so cuttable), or a finished token that is never cut. */
export type Run = { kind: 'text'; raw: string; style: TextStyle } | ({ kind: 'token' } & Piece);

/** What starts a unit's first line, and each later line (also after a cut). */
export interface Layout {
  first: string;
  rest: string;
}

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
/** `<!subteam^S123>` or `<!here>`, with the optional `|label` Slack adds to escaped input. */
const PING = /^<!(?:subteam\^(S[A-Z0-9]{2,})|(here))(?:\|[^<>|]*)?>$/;
const MARKS: Readonly<Record<TextStyle, string>> = { text: '', bold: '*', italic: '_', code: '`' };

/**
 * One span as a run. A member is a `<@U…>` mention only for a well-formed Slack id; anything
 * else is their name as text. The ping is passed through only in the two shapes that can be
 * a drill ping, re-emitted without its label so nothing but the id reaches Slack; any other
 * value is shown as text. Both are what the core chose to mention, never member text.
 */
export function spanRun(span: Span): Run {
  if ('text' in span) return { kind: 'text', raw: clean(span.text), style: span.style ?? 'text' };
  if ('time' in span) return { kind: 'token', ...dateToken(span.time, span.zone) };
  if ('member' in span) {
    const parsed = parseMemberId(span.member);
    if (parsed?.platform === 'slack' && SLACK_USER.test(parsed.member)) {
      const mention = `<@${parsed.member}>`;
      return { kind: 'token', mrkdwn: mention, plain: mention };
    }
    return {
      kind: 'text',
      raw: clean(`@${span.name ?? parsed?.member ?? span.member}`),
      style: 'text',
    };
  }
  const ping = PING.exec(span.ping);
  if (!ping) return { kind: 'text', raw: clean(span.ping), style: 'text' };
  const token = ping[1] === undefined ? '<!here>' : `<!subteam^${ping[1]}>`;
  return { kind: 'token', mrkdwn: token, plain: token };
}

/** Puts `mark` around the line's text, leaving its edge whitespace outside: Slack does not
 * close `*bold *` and does not open `* bold*`. */
function wrap(line: string, mark: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && /\s/.test(line.charAt(start))) start += 1;
  while (end > start && /\s/.test(line.charAt(end - 1))) end -= 1;
  if (start === end) return line;
  return `${line.slice(0, start)}${mark}${line.slice(start, end)}${mark}${line.slice(end)}`;
}

/**
 * Escapes and styles cleaned text. Markers go around each line, as Slack's do not span lines;
 * code over several lines becomes one preformatted block instead, so its indentation stays.
 * The plain form is escaped as prose, because the `text` fallback is read as mrkdwn too.
 */
export function renderText(raw: string, style: TextStyle, rest: string): Piece {
  const plain = escapeMrkdwn(raw).split('\n').join(`\n${rest}`);
  if (style === 'text') return { mrkdwn: plain, plain };
  if (style === 'code' && raw.includes('\n')) {
    const body = escapeMrkdwn(raw, 'code');
    return { mrkdwn: body.trim() === '' ? body : `\`\`\`${body}\`\`\``, plain };
  }
  const lines = escapeMrkdwn(raw, style).split('\n');
  return { mrkdwn: lines.map((line) => wrap(line, MARKS[style])).join(`\n${rest}`), plain };
}

/** The longest prefix of `raw` whose rendering surely fits in `room` (by upper bounds). */
export function fitWindow(raw: string, room: number, style: TextStyle, rest: string): number {
  const perLine = style === 'bold' || style === 'italic' ? 2 : 0;
  let used = style === 'code' ? 6 : perLine;
  let at = 0;
  for (; at < raw.length; at += 1) {
    const unit = raw.charCodeAt(at);
    const cost = unit === 10 ? 1 + rest.length + perLine : escapedCost(unit);
    if (used + cost > room) break;
    used += cost;
  }
  return at;
}
