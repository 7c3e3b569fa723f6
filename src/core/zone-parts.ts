/**
 * Reading an instant as a time zone's wall clock shows it, through `Intl.DateTimeFormat`:
 * the schedule's arithmetic (./schedule-zone.ts) and the times the adapters print share it.
 * Pure apart from the formatter cache, so adapters may import it as they import ./ids.ts.
 */

/**
 * The fields one style of reading asks for (and their widths). The zone is given per reading,
 * and the hour cycle is not the caller's to choose: every reading is h23.
 */
export type ZoneStyle = Omit<Intl.DateTimeFormatOptions, 'timeZone' | 'hourCycle' | 'hour12'>;

/** One reading's fields by type (`year`, `weekday`, `hour`...); separators are left out. */
export type ZoneParts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

/** The zone used in place of one `Intl` does not know, by readings that must not fail. */
export const FALLBACK_ZONE = 'UTC';

/** A reading and the zone it was actually taken in (`FALLBACK_ZONE` after a fallback). */
export interface ZoneReading {
  parts: ZoneParts;
  zone: string;
}

/**
 * One locale and style of reading, with one formatter per zone. The cache is the point:
 * building a formatter costs far more than using one, and the slot counter takes thousands
 * of readings. Keep an instance per style at module level so its cache lives as long as the
 * process. An unknown zone is never cached, so asking again retries it (and throws again).
 */
export class ZoneFormat {
  readonly #locale: string;
  readonly #options: Intl.DateTimeFormatOptions;
  readonly #formats = new Map<string, Intl.DateTimeFormat>();

  constructor(locale: string, style: ZoneStyle) {
    this.#locale = locale;
    // h23, not the locale's default, so midnight reads 00 and never 24.
    this.#options = { ...style, hourCycle: 'h23' };
  }

  /** The cached formatter for `zone`; throws RangeError when `Intl` does not know `zone`. */
  formatterFor(zone: string): Intl.DateTimeFormat {
    let format = this.#formats.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat(this.#locale, { ...this.#options, timeZone: zone });
      this.#formats.set(zone, format);
    }
    return format;
  }

  /**
   * `instant` read in `zone`. Throws RangeError for a zone `Intl` does not know: schedule
   * arithmetic in a zone it was not asked for would be silently wrong.
   */
  read(instant: Date, zone: string): ZoneParts {
    return partsOf(this.formatterFor(zone), instant);
  }

  /**
   * `instant` read in `zone`, or in `FALLBACK_ZONE` when `Intl` does not know `zone`, for
   * text that must never fail a post; the reading says which zone it used so the text can
   * name it. Only the zone falls back: an invalid date still throws RangeError, as it is a
   * bug, not configuration.
   */
  readOrFallback(instant: Date, zone: string): ZoneReading {
    let format: Intl.DateTimeFormat;
    let used = zone;
    try {
      format = this.formatterFor(zone);
    } catch {
      format = this.formatterFor(FALLBACK_ZONE);
      used = FALLBACK_ZONE;
    }
    return { parts: partsOf(format, instant), zone: used };
  }
}

function partsOf(format: Intl.DateTimeFormat, instant: Date): ZoneParts {
  const parts: ZoneParts = {};
  for (const part of format.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = part.value;
  }
  return parts;
}
