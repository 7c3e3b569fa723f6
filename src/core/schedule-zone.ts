/**
 * Time zones for schedules: which names are accepted, and the UTC offset a zone has at an
 * instant (the slot counter needs it to know where a stretch of time is free of DST changes).
 */
import { ZoneFormat } from './zone-parts.ts';

/**
 * Whether `zone` can be a channel's zone: any time zone `Intl` accepts, such as an IANA name
 * (`Europe/London`, `Asia/Kolkata`), `UTC`, or a legacy alias `Intl` maps to one (`EST5EDT`,
 * `US/Eastern`). Croner computes slots through `Intl` too, so what `Intl` accepts is exactly
 * what can be scheduled. Empty or space-padded text is refused. Offsets such as `+02:00` are
 * refused on Node 20 because its `Intl` refuses them; a runtime whose `Intl` accepts them
 * would accept them here, and they work, as a zone without daylight saving.
 */
export function isValidZone(zone: string): boolean {
  if (zone.length === 0 || zone.trim() !== zone) return false;
  return resolvedZone(zone) !== undefined;
}

/**
 * `zone` spelled the way the IANA list spells it (`america/new_york` -> `America/New_York`),
 * so what `/drill status` shows does not depend on how an admin typed it; undefined when
 * `zone` is not valid. Case is the only thing corrected: a name is never swapped for an
 * alias, even where this runtime's ICU lists only an older spelling (it lists
 * `Asia/Calcutta`, not `Asia/Kolkata`), so `asia/kolkata` becomes `Asia/Kolkata`.
 */
export function canonicalZone(zone: string): string | undefined {
  if (!isValidZone(zone)) return undefined;
  const listed = Intl.supportedValuesOf('timeZone');
  if (listed.includes(zone)) return zone;
  const lower = zone.toLowerCase();
  if (lower === 'utc') return 'UTC';
  const spelled = listed.find((name) => name.toLowerCase() === lower);
  if (spelled) return spelled;
  // Not in the list: "Area/Place_Name" capitalisation for paths, upper case for abbreviations.
  const guess = zone.includes('/')
    ? lower.replace(
        /(^|[/_-])([a-z])/g,
        (_, boundary: string, letter: string) => boundary + letter.toUpperCase(),
      )
    : zone.toUpperCase();
  return isValidZone(guess) ? guess : zone;
}

function resolvedZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Wall-clock reading of an instant in a zone. */
export interface LocalTime {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// en-US numeric fields are plain digits, which Number() reads back.
const wallClock = new ZoneFormat('en-US', {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The wall-clock time `instant` shows in `zone` (whole seconds); throws for an unknown zone. */
export function localTime(instant: Date, zone: string): LocalTime {
  const parts = wallClock.read(instant, zone);
  return {
    year: numberOr(parts.year, 0),
    month: numberOr(parts.month, 1),
    day: numberOr(parts.day, 1),
    hour: numberOr(parts.hour, 0),
    minute: numberOr(parts.minute, 0),
    second: numberOr(parts.second, 0),
  };
}

function numberOr(value: string | undefined, missing: number): number {
  return value === undefined ? missing : Number(value);
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
export function utcOffsetMs(instant: Date, zone: string): number {
  const local = localTime(instant, zone);
  const wallAsUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
  return wallAsUtc - wholeSecond;
}
