/**
 * Slack's special limit on `chat.postMessage`, off unless `channelRateLimitMs` is set: "it will
 * generally allow an app to post 1 message per second to a specific channel"
 * (https://docs.slack.dev/apis/web-api/rate-limits#posting-messages).
 *
 * Slack tolerates "short bursts", but without saying how short, so the fake takes the strict
 * reading: a post that arrives less than the interval after the last accepted post to the
 * same channel (a thread reply is a post in its channel) is refused with HTTP 429 and
 * `Retry-After`, and has no effect. It is handed back as a `rate_limit` fault, so the Web API
 * route answers and records it exactly like an injected one.
 */
import type { Fault } from './faults.ts';
import type { ApiArgs } from './request-body.ts';

const LIMITED_METHOD = 'chat.postMessage';

export class ChannelRateLimit {
  private readonly intervalMs: number | undefined;
  private readonly now: () => number;
  /** When each channel's last accepted post arrived (ms). */
  private readonly lastPost = new Map<string, number>();

  constructor(intervalMs: number | undefined, now: () => number) {
    this.intervalMs = intervalMs;
    this.now = now;
  }

  /** The 429 for this call when it comes too soon after the channel's last post; else undefined. */
  check(method: string, args: ApiArgs): Fault | undefined {
    const channel = args.channel;
    if (this.intervalMs === undefined || method !== LIMITED_METHOD || typeof channel !== 'string')
      return undefined;
    const now = this.now();
    const last = this.lastPost.get(channel);
    if (last !== undefined && now - last < this.intervalMs) {
      return {
        kind: 'rate_limit',
        retryAfterSeconds: Math.ceil((last + this.intervalMs - now) / 1000),
      };
    }
    this.lastPost.set(channel, now);
    return undefined;
  }
}
