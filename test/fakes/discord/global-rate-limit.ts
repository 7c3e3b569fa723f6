/**
 * Discord's global rate limit, off unless `globalRateLimitPerSecond` is set: "All bots can make
 * up to 50 requests per second to our API", per bot token; "interaction endpoints are not bound
 * to the bot's Global Rate Limit" (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit).
 *
 * Discord does not say how it counts a second, so the fake takes the strictest reading: no more
 * than the limit in any sliding 1-second window, as the requests arrive. A client that paces
 * evenly passes; one that sends a full second's quota in a burst at the edge of each of its
 * own windows may not. Requests without a bot token (interaction callbacks and follow-ups,
 * which authenticate with the token in their path) are neither counted nor limited.
 *
 * The answer is Discord's documented global 429: `Retry-After` in whole seconds,
 * `X-RateLimit-Global: true`, `X-RateLimit-Scope: global`, and a JSON body whose
 * `retry_after` is the exact wait in seconds with `global: true`
 * (https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit).
 */
import type { RouteResult } from './state.ts';

const WINDOW_MS = 1_000;

export type GlobalLimitAnswer = RouteResult & { headers: Record<string, string> };

export class GlobalRateLimit {
  private readonly perSecond: number | undefined;
  private readonly now: () => number;
  /** Arrival times (ms) of the requests let through in the last second, per bot token. */
  private readonly recent = new Map<string, number[]>();

  constructor(perSecond: number | undefined, now: () => number) {
    this.perSecond = perSecond;
    this.now = now;
  }

  /**
   * The 429 for a request carrying `authorization` when its bot is over the limit; otherwise
   * undefined, and the request counts towards the limit.
   */
  check(authorization: string | undefined): GlobalLimitAnswer | undefined {
    const token = /^Bot (.+)$/.exec(authorization ?? '')?.[1];
    if (this.perSecond === undefined || token === undefined) return undefined;
    const now = this.now();
    const times = (this.recent.get(token) ?? []).filter((at) => now - at < WINDOW_MS);
    this.recent.set(token, times);
    if (times.length < this.perSecond) {
      times.push(now);
      return undefined;
    }
    // The request that frees a place is the oldest one in the window.
    const waitMs = Math.max(1, (times[0] ?? now) + WINDOW_MS - now);
    const seconds = waitMs / 1000;
    return {
      status: 429,
      headers: {
        'retry-after': String(Math.ceil(seconds)),
        'x-ratelimit-global': 'true',
        'x-ratelimit-scope': 'global',
      },
      body: { message: 'You are being rate limited.', retry_after: seconds, global: true },
    };
  }
}
