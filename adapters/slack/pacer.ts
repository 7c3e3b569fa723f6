/**
 * Spaces posts to one channel at least `intervalMs` apart. Slack allows about one message per
 * second per channel (https://docs.slack.dev/apis/web-api/rate-limits#posting-messages) and
 * answers bursts with 429s; when many channels drill at the same minute, or a long reveal
 * goes out in several messages, pacing here is cheaper than waiting out a `Retry-After`.
 * Channels never wait for each other.
 */
export class ChannelPacer {
  private readonly intervalMs: number;
  /** When each channel's next post may start (ms since the epoch). */
  private readonly next = new Map<string, number>();

  constructor(intervalMs: number) {
    this.intervalMs = Math.max(0, intervalMs);
  }

  /** Resolves when it is this caller's turn to post in `channel`; turns are taken in call order. */
  async turn(channel: string): Promise<void> {
    if (this.intervalMs === 0) return;
    const now = Date.now();
    this.forgetIdle(now);
    const at = Math.max(now, this.next.get(channel) ?? 0);
    this.next.set(channel, at + this.intervalMs);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }

  /** Drops channels whose turn has long passed, so the map holds only busy channels. */
  private forgetIdle(now: number): void {
    if (this.next.size < 256) return;
    for (const [channel, at] of this.next) if (at < now) this.next.delete(channel);
  }
}
