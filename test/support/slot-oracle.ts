/**
 * An independent oracle for expected drill slots, written without croner: for a local date
 * and wall time in a zone, the first instant (on a 15-minute grid, which every zone's offset
 * fits) whose local date is that date and whose local time is at or after the wall time.
 * That is the project's DST rule stated directly: a time in the spring-forward gap runs at
 * the first valid minute after it; a time that occurs twice runs at its first occurrence.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formatters.set(zone, found);
  }
  return found;
}

export interface LocalTime {
  date: string; // YYYY-MM-DD
  minutes: number; // minutes since local midnight
  weekday: string; // Mon, Tue, ...
}

export function localTime(instant: Date, zone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: String(parts.weekday),
  };
}

const QUARTER = 15 * 60_000;

/** The slot instant for `date` (YYYY-MM-DD) at `hh:mm` in `zone`, per the rule above. */
export function slotOn(date: string, hh: number, mm: number, zone: string): Date | undefined {
  const target = hh * 60 + mm;
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  for (let t = midnightUtc - 15 * 3_600_000; t <= midnightUtc + 39 * 3_600_000; t += QUARTER) {
    const local = localTime(new Date(t), zone);
    if (local.date === date && local.minutes >= target) return new Date(t);
  }
  return undefined;
}

/** Every slot between `from` (inclusive) and `to` (exclusive) for a daily wall time on some weekdays. */
export function expectedSlots(options: {
  zone: string;
  hh: number;
  mm: number;
  weekdays: readonly string[];
  from: Date;
  to: Date;
}): Date[] {
  const slots: Date[] = [];
  for (
    let day = options.from.getTime() - 86_400_000;
    day < options.to.getTime() + 86_400_000;
    day += 86_400_000
  ) {
    const date = new Date(day).toISOString().slice(0, 10);
    const slot = slotOn(date, options.hh, options.mm, options.zone);
    if (!slot) continue;
    if (!options.weekdays.includes(localTime(slot, options.zone).weekday)) continue;
    if (slot >= options.from && slot < options.to) slots.push(slot);
  }
  return [...new Map(slots.map((slot) => [slot.getTime(), slot])).values()].sort(
    (a, b) => a.getTime() - b.getTime(),
  );
}

export const EVERY_DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;
