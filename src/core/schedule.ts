/**
 * Schedules as admins write them (`/drill schedule <when>`): presets and cron expressions,
 * turned into one cron expression plus the label `/drill status` shows. Pure: slots are
 * computed from a clock the caller passes in (see schedule-slots.ts for the DST rules and
 * schedule-due.ts for the catch-up rule).
 */
import { Cron } from 'croner';
import { CRON_OPTIONS } from './schedule-slots.ts';

export {
  DEFAULT_MAX_SKIPPED,
  type DueInput,
  type DuePlan,
  planDue,
} from './schedule-due.ts';
export { type CompiledSchedule, compileSchedule, nextSlot } from './schedule-slots.ts';
export { canonicalZone, isValidZone } from './schedule-zone.ts';

/** A parsed schedule: the cron expression to evaluate and the human form to show. */
export interface WhenSpec {
  /** 5 fields, or 6 with seconds first; presets become 5-field expressions. */
  cron: string;
  /** `weekdays 09:00`, `daily 18:30`, `mon,wed,fri 09:00`, or the cron text itself. */
  label: string;
}

const FORMS =
  'use weekdays HH:MM, daily HH:MM, days such as mon,wed,fri HH:MM, or a cron expression of 5 fields (6 with seconds first)';
const CRON_FIELDS =
  'fields are minute hour day-of-month month day-of-week, with an optional seconds field first';
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** Labels list days Monday first, the way a working week reads. */
const LABEL_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
const TIME = /^(\d{1,2}):(\d{2})$/;
/** Looks like one cron field (numbers, wildcards, names such as mon-fri), to word the error. */
const CRON_FIELD = /^(?:[0-9*?,\-/#LW]+|[a-z]{3}(?:[-,][a-z]{3})*)$/i;

/**
 * Parses the `<when>` of `/drill schedule`: `weekdays HH:MM`, `daily HH:MM`, a day list such as
 * `mon,wed,fri HH:MM` (three-letter names, any case, no repeats), or a cron expression of 5
 * fields or 6 with seconds first, optionally in single or double quotes. Times are 24-hour,
 * `H:MM` or `HH:MM`. Returns a one-line error naming the bad value and the accepted forms.
 */
export function parseWhen(text: string): WhenSpec | { error: string } {
  const unquoted = stripQuotes(text.trim());
  const tokens = unquoted.split(/\s+/).filter((token) => token.length > 0);
  const [first, second] = tokens;
  if (first === undefined) return { error: `a schedule is needed: ${FORMS}` };

  if (looksLikeDays(first)) {
    if (tokens.length === 2 && second !== undefined) return parsePreset(first, second);
    if (tokens.length === 1) return { error: `"${unquoted}" needs a time: ${FORMS}` };
  }
  if (tokens.length === 5 || tokens.length === 6) return parseCron(tokens);
  if (tokens.length > 2 && tokens.every((token) => CRON_FIELD.test(token))) {
    return {
      error: `"${unquoted}" has ${tokens.length} fields: a cron expression has 5 or 6 (${CRON_FIELDS})`,
    };
  }
  return { error: `"${unquoted}" is not a schedule: ${FORMS}` };
}

/** `weekdays`, `daily`, or something meant as a day list (`mon`, `mon,tues`), to word errors. */
function looksLikeDays(word: string): boolean {
  const lower = word.toLowerCase();
  return lower === 'weekdays' || lower === 'daily' || /^[a-z]{3}$|^[a-z]*,[a-z,]*$/.test(lower);
}

function stripQuotes(text: string): string {
  const quote = text[0];
  if (text.length >= 2 && (quote === '"' || quote === "'") && text.endsWith(quote)) {
    return text.slice(1, -1).trim();
  }
  return text;
}

function parsePreset(days: string, time: string): WhenSpec | { error: string } {
  const clock = parseTime(time);
  if ('error' in clock) return clock;
  const at = `${clock.minute} ${clock.hour}`;
  const shown = `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
  const lower = days.toLowerCase();
  if (lower === 'daily') return { cron: `${at} * * *`, label: `daily ${shown}` };
  if (lower === 'weekdays') return { cron: `${at} * * 1-5`, label: `weekdays ${shown}` };

  const list = parseDayList(lower);
  if ('error' in list) return list;
  if (list.length === 7) return { cron: `${at} * * *`, label: `daily ${shown}` };
  if (list.join(',') === '1,2,3,4,5') return { cron: `${at} * * 1-5`, label: `weekdays ${shown}` };
  const label = LABEL_ORDER.filter((day) => list.includes(day))
    .map((day) => DAY_NAMES[day])
    .join(',');
  return { cron: `${at} * * ${list.join(',')}`, label: `${label} ${shown}` };
}

function parseTime(text: string): { hour: number; minute: number } | { error: string } {
  const match = TIME.exec(text);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) {
    return { error: `"${text}" is not a time: use HH:MM from 00:00 to 23:59` };
  }
  return { hour, minute };
}

/** Day numbers (0 = Sunday), ascending, from a list such as `mon,wed,fri`. */
function parseDayList(text: string): number[] | { error: string } {
  const days: number[] = [];
  for (const name of text.split(',')) {
    const day = (DAY_NAMES as readonly string[]).indexOf(name);
    if (day < 0) {
      const shown = name === '' ? text : name;
      return {
        error: `"${shown}" is not a day: use three-letter day names separated by commas (mon,tue,wed,thu,fri,sat,sun) and a time, such as mon,wed,fri 09:00`,
      };
    }
    if (days.includes(day)) {
      return { error: `"${name}" appears twice in "${text}": name each day once` };
    }
    days.push(day);
  }
  return days.sort((a, b) => a - b);
}

const FIELD_RANGES = {
  second: [0, 59],
  minute: [0, 59],
  hour: [0, 23],
  'day-of-month': [1, 31],
  month: [1, 12],
  'day-of-week': [0, 7],
} as const;
type FieldName = keyof typeof FIELD_RANGES;
const FIVE_FIELDS: readonly FieldName[] = [
  'minute',
  'hour',
  'day-of-month',
  'month',
  'day-of-week',
];

function parseCron(tokens: readonly string[]): WhenSpec | { error: string } {
  const cron = tokens.join(' ');
  const bad = (reason: string) => ({
    error: `"${cron}" is not a valid cron expression: ${reason} (${CRON_FIELDS})`,
  });
  const names: readonly FieldName[] =
    tokens.length === 6 ? ['second', ...FIVE_FIELDS] : FIVE_FIELDS;
  for (const [index, token] of tokens.entries()) {
    const name = names[index];
    const outOfRange = name ? valueOutOfRange(name, token) : undefined;
    if (outOfRange) return bad(outOfRange);
  }
  let job: Cron;
  try {
    job = new Cron(cron, CRON_OPTIONS);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : '';
    return bad(detail.replace(/\.$/, '') || 'croner refused it');
  }
  // Whether a date ever matches is a property of the pattern alone (it has no year field),
  // so a fixed reference keeps this pure.
  if (job.nextRun(new Date('2000-01-01T00:00:00Z')) === null) {
    return { error: `"${cron}" never runs: no date matches it (${CRON_FIELDS})` };
  }
  return { cron, label: cron };
}

/**
 * A message when a plain number in `token` lies outside the field's range. Croner refuses
 * these too, but names day-of-month and month by internal index (32 -> "day: 31").
 */
function valueOutOfRange(name: FieldName, token: string): string | undefined {
  const [low, high] = FIELD_RANGES[name];
  for (const part of token.split(',')) {
    // A step (`/15`) or an nth weekday (`#2`) is not a value of the field.
    const values = part.split(/[/#]/)[0] ?? '';
    for (const number of values.match(/\d+/g) ?? []) {
      const value = Number(number);
      if (value < low || value > high) {
        return `${name} ${number} is out of range ${low}-${high}`;
      }
    }
  }
  return undefined;
}
