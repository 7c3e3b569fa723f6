/**
 * Spans of the neutral model as runs of Discord markdown: text still to be escaped (and so
 * cuttable), or finished tokens that are never cut (mentions, timestamps, the ping). Also the
 * cutting rules: where long text may be split so that each piece is escaped and styled on its
 * own and a cut never lands inside an escape, a token or a character.
 */
export { breakAt } from '../shared/text-break.ts';

import { parseMemberId } from '../../src/core/ids.ts';
import type { Span } from '../../src/core/messages.ts';
import { clean, escapedCost, escapeMarkdown, type TextStyle } from './render-escape.ts';

/** Text to escape, or a finished token; `role` marks the ping token of a role. */
export type Run =
  | { kind: 'text'; raw: string; style: TextStyle }
  | { kind: 'token'; text: string; role?: string };

/** What starts a unit's first line, and each later line (also after a cut). */
export interface Layout {
  first: string;
  rest: string;
}

/** A Discord snowflake: an unsigned 64-bit integer in decimal. */
export const SNOWFLAKE = /^\d{1,20}$/;
/** The only ping shape Discord has that the core may configure: a role mention. */
const ROLE_MENTION = /^<@&(\d{1,20})>$/;
/** `<t:…>` accepts what a JS Date can hold; beyond that a token would show garbage. */
const MAX_UNIX = 8_640_000_000_000;

/**
 * A time as two Discord timestamps: the date and time in each reader's own zone and locale,
 * then how far away it is ("in 8 hours"), which is what a close time is read for.
 * https://discord.com/developers/docs/reference#message-formatting-timestamp-styles
 */
export function timeToken(time: Date): string {
  const unix = Math.floor(time.getTime() / 1000);
  if (!Number.isFinite(unix) || Math.abs(unix) > MAX_UNIX) return 'an unknown time';
  return `<t:${unix}:f> (<t:${unix}:R>)`;
}

/**
 * One span as a run. A member is a `<@id>` mention only for a well-formed Discord id
 * (harmless: `allowed_mentions` never lets it ping); anyone else is their name as text. The
 * ping is a token only as a role mention, re-emitted from its digits alone; any other value
 * (`@everyone`, a Slack group) is shown as escaped text and so pings nobody.
 */
export function spanRun(span: Span): Run {
  if ('text' in span) return { kind: 'text', raw: clean(span.text), style: span.style ?? 'text' };
  if ('time' in span) return { kind: 'token', text: timeToken(span.time) };
  if ('member' in span) {
    const parsed = parseMemberId(span.member);
    if (parsed?.platform === 'discord' && SNOWFLAKE.test(parsed.member)) {
      return { kind: 'token', text: `<@${parsed.member}>` };
    }
    return {
      kind: 'text',
      raw: clean(`@${span.name ?? parsed?.member ?? span.member}`),
      style: 'text',
    };
  }
  const role = ROLE_MENTION.exec(span.ping.trim())?.[1];
  if (role === undefined) return { kind: 'text', raw: clean(span.ping), style: 'text' };
  return { kind: 'token', text: `<@&${role}>`, role };
}

const MARKERS: Readonly<Record<'bold' | 'italic', string>> = { bold: '**', italic: '*' };

/**
 * Puts `mark` around the line's text, edge whitespace outside: Discord opens no `* x*` and
 * closes no `*x *`. A blank line stays unmarked (`****` would show as stars).
 */
function wrap(line: string, mark: string): string {
  const start = line.search(/\S/);
  if (start < 0) return line;
  const end = line.trimEnd().length;
  return `${line.slice(0, start)}${mark}${line.slice(start, end)}${mark}${line.slice(end)}`;
}

/**
 * Cleaned text as escaped, styled markdown; `rest` prefixes every line after the first.
 * Markers go around each line, so a quote's `> ` or a bullet's indent stays outside them.
 * Code on one line is inline code; code over several lines is a fenced block (its first line
 * left empty, so its first word is never taken for a language name).
 */
export function renderText(raw: string, style: TextStyle, rest: string): string {
  if (style === 'code') {
    const body = escapeMarkdown(raw, 'code');
    if (body.trim() === '') return renderText(raw, 'text', rest);
    if (!body.includes('\n')) return `\`${body}\``;
    return `\`\`\`\n${body.split('\n').join(`\n${rest}`)}\n${rest}\`\`\``;
  }
  const lines = escapeMarkdown(raw).split('\n');
  const styled = style === 'text' ? lines : lines.map((line) => wrap(line, MARKERS[style]));
  return styled.join(`\n${rest}`);
}

/** The longest prefix of `raw` whose rendering surely fits in `room` (by upper bounds). */
export function fitWindow(raw: string, room: number, style: TextStyle, rest: string): number {
  const perLine = style === 'bold' ? 4 : style === 'italic' ? 2 : 0;
  let used = style === 'code' ? 8 + rest.length : perLine;
  let at = 0;
  for (; at < raw.length; at += 1) {
    const unit = raw.charCodeAt(at);
    const cost = unit === 10 ? 1 + rest.length + perLine : escapedCost(unit, style);
    if (used + cost > room) break;
    used += cost;
  }
  return at;
}
