/**
 * Snowflake ids as Discord makes them: milliseconds since the Discord epoch in the top bits,
 * then worker, process and a per-millisecond increment.
 *
 * The generator is strictly increasing even when the clock stands still or steps back (a
 * test's fake clock does both), because drillbot orders and de-duplicates by id and
 * `GET /channels/{id}/messages?before=` pages by it: two equal ids would be a fake-only bug.
 *
 * @see https://discord.com/developers/docs/reference#snowflakes
 */

/** 2015-01-01T00:00:00Z, the first second of Discord's snowflakes. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

export class SnowflakeGenerator {
  private lastMs = 0n;
  private increment = 0n;
  private readonly now: () => number;
  private readonly worker: bigint;

  constructor(now: () => number, worker = 1) {
    this.now = now;
    this.worker = BigInt(worker & 0x1f);
  }

  next(): string {
    let ms = BigInt(Math.floor(this.now())) - DISCORD_EPOCH;
    if (ms < 0n) ms = 0n;
    if (ms <= this.lastMs) {
      ms = this.lastMs;
      this.increment += 1n;
      // 12 bits of increment per millisecond; borrow the next millisecond when they run out.
      if (this.increment > 0xfffn) {
        ms += 1n;
        this.increment = 0n;
      }
    } else {
      this.increment = 0n;
    }
    this.lastMs = ms;
    return ((ms << 22n) | (this.worker << 17n) | this.increment).toString();
  }
}

/** The creation time (ms since 1970) a snowflake carries. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Orders snowflakes numerically (they outgrow `Number` and differ in length). */
export function compareSnowflakes(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
