/**
 * Slack-style identifiers: message timestamps and opaque sequential ids.
 *
 * A Slack `ts` ("1700000000.000100") is both a message's id and its time, and adapters sort
 * and compare them, so the fake hands out timestamps that strictly increase even when two
 * posts land in the same microsecond or a test clock stands still.
 */

const TS_PATTERN = /^(\d+)(?:\.(\d{1,6}))?$/;

/** Microseconds since the epoch for a Slack `ts`, or undefined when it is not one. */
export function parseTs(ts: string): number | undefined {
  const match = TS_PATTERN.exec(ts);
  if (!match) return undefined;
  const seconds = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(6, '0'));
  return seconds * 1_000_000 + fraction;
}

/** Formats microseconds as Slack does: seconds, a dot, six digits. */
export function formatTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  return `${seconds}.${String(fraction).padStart(6, '0')}`;
}

/** Hands out strictly increasing timestamps from a (possibly fake) wall clock. */
export class TsClock {
  private lastMicros = 0;
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  next(): string {
    const fromClock = Math.floor(this.now() * 1_000);
    this.lastMicros = Math.max(fromClock, this.lastMicros + 1);
    return formatTs(this.lastMicros);
  }
}

/** Sequential ids with a fixed prefix ("Ev0FAKE000001"), so ids in a failing test read in order. */
export class IdSequence {
  private counter = 0;
  private readonly prefix: string;
  private readonly width: number;

  constructor(prefix: string, width = 6) {
    this.prefix = prefix;
    this.width = width;
  }

  next(): string {
    this.counter += 1;
    return `${this.prefix}${String(this.counter).padStart(this.width, '0')}`;
  }
}
