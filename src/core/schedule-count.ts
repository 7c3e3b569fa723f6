/**
 * Counting the slots in a long stretch of time without visiting each one. After a long
 * downtime a seconds schedule has millions of missed slots, and croner needs tens of
 * microseconds per slot, so the catch-up plan counts instead of enumerating.
 *
 * Why counting is sound: in cron the date fields (day of month, month, day of week) and the
 * time fields (second, minute, hour) are independent. On a local day whose date matches,
 * every matching time of day is a slot, and while the zone's UTC offset stays the same the
 * local time of day moves in step with real time. So a stretch of one local day with one
 * offset holds exactly the matching seconds of day between its ends, read from a prefix
 * table of the pattern's time fields. Only the hours next to a DST change, where croner's
 * gap and repeat rules apply, are enumerated with croner itself.
 */
import { CronPattern } from 'croner';
import { type CompiledSchedule, CRON_OPTIONS, compileSchedule } from './schedule-slots.ts';
import { localTime, utcOffsetMs } from './schedule-zone.ts';

const SECONDS_PER_DAY = 86_400;

/**
 * The number of slots of `schedule` at or after `from` and strictly before `to` (0 when
 * `to <= from`). Costs about one croner call per local day with a slot, plus the slots of
 * the hours touching a DST change.
 */
export function countSlots(schedule: CompiledSchedule, from: Date, to: Date): number {
  const end = to.getTime();
  if (end <= from.getTime()) return 0;
  const matchesBefore = timeOfDayPrefix(schedule.cron);
  const midnights = compileSchedule('0 0 0 * * *', schedule.zone);
  const hourStarts = compileSchedule('0 0 * * * *', schedule.zone);
  let count = 0;
  let cursor = from.getTime();
  while (cursor < end) {
    // Jump to the first slot at or after the cursor: days without one cost nothing more.
    const first = schedule.next(new Date(cursor - 1)).getTime();
    if (first >= end) break;
    const dayEnd = Math.min(midnights.next(new Date(first)).getTime(), end);
    count += countWithinDay(schedule, hourStarts, matchesBefore, first, dayEnd);
    cursor = dayEnd;
  }
  return count;
}

/** Slots in [start, end), both in one local day whose date matches (start is a slot). */
function countWithinDay(
  schedule: CompiledSchedule,
  hourStarts: CompiledSchedule,
  matchesBefore: Int32Array,
  start: number,
  end: number,
): number {
  if (offsetIsSteady(schedule.zone, start, end)) {
    return countByTimeOfDay(schedule.zone, matchesBefore, start, end);
  }
  let count = 0;
  for (let hour = start; hour < end; ) {
    const hourEnd = Math.min(hourStarts.next(new Date(hour)).getTime(), end);
    count += offsetIsSteady(schedule.zone, hour, hourEnd)
      ? countByTimeOfDay(schedule.zone, matchesBefore, hour, hourEnd)
      : enumerate(schedule, hour, hourEnd);
    hour = hourEnd;
  }
  return count;
}

/**
 * Whether the offset is the same from one second before `start` to the last instant before
 * `end`. The second before matters: croner puts a fixed-time slot from a spring-forward gap
 * exactly at the end of the gap, which must be counted by croner, not by the table.
 */
function offsetIsSteady(zone: string, start: number, end: number): boolean {
  return utcOffsetMs(new Date(start - 1000), zone) === utcOffsetMs(new Date(end - 1), zone);
}

/** Matching seconds of day in [start, end) where the offset is steady within one local day. */
function countByTimeOfDay(
  zone: string,
  matchesBefore: Int32Array,
  start: number,
  end: number,
): number {
  const local = localTime(new Date(start), zone);
  const startOfDay =
    local.hour * 3600 + local.minute * 60 + local.second + (((start % 1000) + 1000) % 1000) / 1000;
  const endOfDay = Math.min(startOfDay + (end - start) / 1000, SECONDS_PER_DAY);
  return (matchesBefore[Math.ceil(endOfDay)] ?? 0) - (matchesBefore[Math.ceil(startOfDay)] ?? 0);
}

function enumerate(schedule: CompiledSchedule, start: number, end: number): number {
  let count = 0;
  for (let slot = schedule.next(new Date(start - 1)); slot.getTime() < end; ) {
    count += 1;
    slot = schedule.next(slot);
  }
  return count;
}

/**
 * `table[i]` = how many seconds of day below `i` match the pattern's second, minute and hour
 * fields (so `table[86400]` is the number of slots on a matching day).
 */
function timeOfDayPrefix(cron: string): Int32Array {
  const pattern = new CronPattern(cron, undefined, { mode: CRON_OPTIONS.mode });
  const table = new Int32Array(SECONDS_PER_DAY + 1);
  let i = 0;
  for (let hour = 0; hour < 24; hour++) {
    for (let minute = 0; minute < 60; minute++) {
      const minuteMatches = isSet(pattern.hour[hour]) && isSet(pattern.minute[minute]);
      for (let second = 0; second < 60; second++) {
        const matches = minuteMatches && isSet(pattern.second[second]) ? 1 : 0;
        table[i + 1] = (table[i] ?? 0) + matches;
        i += 1;
      }
    }
  }
  return table;
}

function isSet(flag: number | undefined): boolean {
  return flag !== undefined && flag !== 0;
}
