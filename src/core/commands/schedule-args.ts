/**
 * `schedule <when> [zone]` (interface.md): a preset or a 5- or 6-field cron, optionally in
 * quotes, then optionally a zone. What a valid `<when>` is belongs to `parseWhen`; this file
 * only decides which words are the `<when>` and which the zone.
 */
import { parseWhen, type WhenSpec } from '../schedule.ts';
import { readZone } from './admin.ts';
import { failure, ok, type Read, value } from './arguments.ts';
import { missingArgument, usageError } from './errors.ts';
import { quote, shown, words } from './text.ts';
import type { ParseResult } from './types.ts';

/** Opening quote -> closing quote. Curly quotes too: Slack on macOS often turns `"` into `“`. */
const QUOTES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '`': '`',
  '“': '”',
  '‘': '’',
};

// No schedule form comes near this; refusing longer text up front keeps a pasted essay out of
// parseWhen's error, which quotes its input whole.
const MAX_SCHEDULE_LENGTH = 200;
/** A cron field of digits and symbols only; no zone name looks like this. */
const CRON_FIELD_ONLY = /^[0-9*?,\-/#]+$/;
const SCHEDULE_FORMS =
  'use e.g. weekdays 09:00, mon,wed,fri 08:30 or a cron such as "0 9 * * 1-5", then an optional zone';

function readWhen(text: string): Read<WhenSpec> {
  const when = parseWhen(text);
  return 'error' in when ? failure(usageError('schedule', when.error)) : value(when);
}

function scheduled(when: WhenSpec, zone?: string): ParseResult {
  return ok(zone === undefined ? { name: 'schedule', when } : { name: 'schedule', when, zone });
}

/** `"<when>" [zone]`: the quotes say where the `<when>` ends. */
function parseQuoted(rest: string, close: string): ParseResult {
  const end = rest.indexOf(close, 1);
  if (end < 0)
    return failure(
      usageError(
        'schedule',
        `the quote before ${shown(rest.slice(1))} is never closed: use e.g. /drill schedule "0 9 * * 1-5" Europe/London`,
      ),
    );
  const when = readWhen(rest.slice(1, end).trim());
  if (!when.ok) return when;
  const after = rest.slice(end + 1).trim();
  if (after === '') return scheduled(when.value);
  const zone = readZone('schedule', after);
  return zone.ok ? scheduled(when.value, zone.value) : zone;
}

/**
 * `<when> [zone]` without quotes: a trailing valid zone is the zone when the words before it
 * are a valid `<when>`; otherwise all the words are the `<when>`. When neither reading works,
 * the error blames the part at fault: the `<when>` before a valid zone, or a last word that
 * follows a valid `<when>` but is no zone, rather than calling the whole line a bad schedule.
 */
function parseUnquoted(rest: string): ParseResult {
  const all = words(rest);
  const last = all.at(-1) ?? '';
  const zone = readZone('schedule', last);
  const before = all.length >= 2 ? readWhen(all.slice(0, -1).join(' ')) : undefined;
  if (before?.ok && zone.ok) return scheduled(before.value, zone.value);
  const whole = readWhen(rest);
  if (whole.ok) return scheduled(whole.value);
  if (before && !before.ok && zone.ok) return before;
  // A last word like `*` or `1-5` is one cron field too many, not a misspelt zone: the whole
  // line's error says so ("has 7 fields") where the zone's would send the admin to the wrong fix.
  if (before?.ok && !zone.ok) return CRON_FIELD_ONLY.test(last) ? whole : zone;
  if (zone.ok) return failure(missingArgument('schedule', `a time before the zone ${quote(last)}`));
  return whole;
}

/** `schedule <when> [zone]`. */
export function parseSchedule(rest: string): ParseResult {
  if (rest === '') return failure(missingArgument('schedule', 'a time such as weekdays 09:00'));
  if (rest.length > MAX_SCHEDULE_LENGTH)
    return failure(
      usageError('schedule', `${quote(rest)} is too long for a schedule: ${SCHEDULE_FORMS}`),
    );
  const close = QUOTES[rest.charAt(0)];
  return close === undefined ? parseUnquoted(rest) : parseQuoted(rest, close);
}

/**
 * `when` as `schedule` accepts it back: a preset by its label (`weekdays 09:00`), a cron in
 * quotes so its fields stay together whatever follows.
 */
export function formatWhen(when: WhenSpec): string {
  return when.label === when.cron ? `"${when.cron}"` : when.label;
}
