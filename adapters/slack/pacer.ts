/**
 * Spaces posts to one channel at least `intervalMs` apart. Slack allows about one message per
 * second per channel (https://docs.slack.dev/apis/web-api/rate-limits#posting-messages) and
 * answers bursts with 429s; when a reveal and the next question go to a channel together, or
 * a long reveal goes out in several messages, pacing here is cheaper than waiting out a
 * `Retry-After`. Channels never wait for each other.
 *
 * The interval is counted from when the previous post's answer came back, not from when it
 * was sent: Slack counts a post when it arrives, and only its answer proves it has. Timing
 * from the send would let a slow first request and a quick second one arrive less than a
 * second apart. Posts to one channel therefore go one at a time, in call order.
 */
export class ChannelPacer {
  private readonly intervalMs: number;
  /** Per channel with posts under way: settles when the next post there may start. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(intervalMs: number) {
    this.intervalMs = Math.max(0, intervalMs);
  }

  /** Runs `post` once it is its turn in `channel`; resolves or rejects as `post` does. */
  run<T>(channel: string, post: () => Promise<T>): Promise<T> {
    if (this.intervalMs === 0) return post();
    const previous = this.tails.get(channel) ?? Promise.resolve();
    const result = previous.then(post);
    const settled = () => new Promise<void>((resolve) => setTimeout(resolve, this.intervalMs));
    const tail = result.then(settled, settled);
    this.tails.set(channel, tail);
    // Forget the channel once it is idle, so the map holds only channels being posted to.
    void tail.then(() => {
      if (this.tails.get(channel) === tail) this.tails.delete(channel);
    });
    return result;
  }
}
