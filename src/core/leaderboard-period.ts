/**
 * Leaderboard periods as ranges of LOCAL calendar days in the channel's zone.
 *
 * Why days and not instants: points are stored in per-day buckets keyed by the local day the
 * points were earned on (`localDay`), so a board is a sum over buckets with
 * `from <= day < to`. Working in calendar days also sidesteps DST entirely: a local midnight
 * that does not exist (zones that spring forward at 00:00) or that happens twice never has to
 * be turned into an instant. ISO `YYYY-MM-DD` strings compare correctly as text, so the
 * database can compare them as `text` or `date` alike.
 */
import type { LeaderboardPeriod } from './commands/types.ts';
import { localTime } from './schedule-zone.ts';

/**
 * A half-open range of local days: `from <= day < to`. `to` is the first day AFTER the period,
 * so consecutive periods share a boundary and never overlap. Both are null for all time.
 */
export interface PeriodRange {
  from: string | null;
  to: string | null;
  /** Absolute, so it stays right when shown later: `6–12 Jul 2026`, `July 2026`, `All time`. */
  label: string;
}

/** A calendar date with no zone attached (month 1..12). */
interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const DAY_MS = 86_400_000;

/**
 * The local calendar day `instant` falls on in `zone`, as `YYYY-MM-DD`: the key of the
 * per-day points bucket. Throws a RangeError for a zone `Intl` does not know (channel zones
 * are validated when set, so that is a bug, not user input) or an invalid Date.
 */
export function localDay(instant: Date, zone: string): string {
  const local = localTime(instant, zone);
  return isoDay({ year: local.year, month: local.month, day: local.day });
}

/**
 * The period containing `now`, in `zone`'s calendar: `week` is the ISO week (Monday to
 * Sunday), `month` the calendar month, `all` unbounded. Pure: `now` is passed in.
 */
export function periodRange(period: LeaderboardPeriod, now: Date, zone: string): PeriodRange {
  if (period === 'all') return { from: null, to: null, label: 'All time' };
  const local = localTime(now, zone);
  const today: CalendarDay = { year: local.year, month: local.month, day: local.day };
  if (period === 'month') {
    const first: CalendarDay = { ...today, day: 1 };
    const next = addDays(first, 0, 1);
    return {
      from: isoDay(first),
      to: isoDay(next),
      label: `${monthName(today.month)} ${today.year}`,
    };
  }
  // getUTCDay of the local date read as UTC is the local weekday: 0 = Sunday .. 6 = Saturday.
  const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
  const monday = addDays(today, -((weekday + 6) % 7));
  const sunday = addDays(monday, 6);
  return {
    from: isoDay(monday),
    to: isoDay(addDays(monday, 7)),
    label: weekLabel(monday, sunday),
  };
}

/**
 * `day` moved by `days` days and `months` months. `Date.UTC` normalises overflow
 * (day 32, month 13) and knows leap years, so this is plain calendar arithmetic with no zone.
 * Callers only move whole months from day 1, so there is no "31 Jan + 1 month" ambiguity.
 */
function addDays(day: CalendarDay, days: number, months = 0): CalendarDay {
  const moved = new Date(Date.UTC(day.year, day.month - 1 + months, day.day) + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

function isoDay(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${pad2(day.month)}-${pad2(day.day)}`;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

const shortMonth = (month: number): string => monthName(month).slice(0, 3);

/**
 * `6–12 Jul 2026`, `29 Jun – 5 Jul 2026`, `28 Dec 2026 – 3 Jan 2027`: the shortest form that
 * is still unambiguous. Dates, not "this week", so a board posted on Monday about the week
 * before (the weekly post) reads right.
 */
function weekLabel(monday: CalendarDay, sunday: CalendarDay): string {
  const end = `${sunday.day} ${shortMonth(sunday.month)} ${sunday.year}`;
  if (monday.year !== sunday.year) {
    return `${monday.day} ${shortMonth(monday.month)} ${monday.year} – ${end}`;
  }
  if (monday.month !== sunday.month) return `${monday.day} ${shortMonth(monday.month)} – ${end}`;
  return `${monday.day}–${end}`;
}
