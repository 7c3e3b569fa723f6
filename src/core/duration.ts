/**
 * Durations as operators type them: a whole number and one unit, `10s`, `30m`, `8h`, `1d`.
 * One unit only keeps `/drill window` and `DRILLBOT_CONSOLE_WINDOW` unambiguous.
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

const DURATION = /^(\d{1,6})\s*([smhd])$/i;

/** Milliseconds for `text`, or undefined when it is not of the form `<number><s|m|h|d>`. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match;
  return Number(amount) * UNIT_MS[(unit ?? 's').toLowerCase() as Unit];
}

/** The largest unit that divides `ms` exactly: 7_200_000 -> "2h", 90_000 -> "90s". */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
}

/** Answer windows and console windows: from 10 seconds to 7 days. */
export const WINDOW_LIMITS = { minMs: 10 * UNIT_MS.s, maxMs: 7 * UNIT_MS.d } as const;
