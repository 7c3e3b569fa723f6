/**
 * Keeps the bot under Discord's global rate limit, "50 requests per second" per bot
 * (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit), by spacing
 * requests evenly instead of bursting.
 *
 * @discordjs/rest has a global limiter too (`globalRequestsPerSecond`), but it counts fixed
 * one-second windows from the first request in each: it lets a full quota out in a burst at
 * the start of a window and another right after the window ends, so two bursts can land
 * within one second on Discord's side and earn a global 429 (and, repeated, a Cloudflare
 * ban). Here every request waits until it is both `1000 / perSecond` ms after the previous
 * one and the `perWindow`-th after any request more than a second old. `perWindow` sits a
 * little under the limit (47 of 50): requests released 20 ms apart here can reach Discord
 * bunched, after a pause in this process's event loop or on the network, and the spare
 * three absorb about 60 ms of such jitter before a second on Discord's side holds more
 * than 50.
 *
 * Turns are taken in call order. A request whose signal aborts (its REST timeout) while
 * waiting leaves the queue without using a turn.
 */

const WINDOW_MS = 1_000;

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface GlobalPacerOptions {
  /** The limit: the least spacing between two requests is `1000 / perSecond` ms. */
  perSecond: number;
  /** Most requests in any one second (default: `perSecond` less 6 %, at least 1 less). */
  perWindow?: number;
  now?: () => number;
}

export class GlobalPacer {
  private readonly spacingMs: number;
  private readonly perWindow: number;
  private readonly now: () => number;
  /** When the requests of the last second went, oldest first. */
  private readonly sent: number[] = [];
  private readonly waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(options: GlobalPacerOptions) {
    this.spacingMs = WINDOW_MS / options.perSecond;
    this.perWindow = Math.max(
      1,
      options.perWindow ?? Math.min(options.perSecond - 1, Math.floor(options.perSecond * 0.94)),
    );
    this.now = options.now ?? Date.now;
  }

  /** Resolves when this request may go (and counts it as gone then). */
  turn(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiting.indexOf(waiter);
          if (index !== -1) this.waiting.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiting.push(waiter);
      this.release();
    });
  }

  /** Lets waiters go while the pace allows, then sleeps until the next one may. */
  private release(): void {
    if (this.timer !== undefined) return;
    while (this.waiting.length > 0) {
      const now = this.now();
      const waitMs = this.waitMs(now);
      if (waitMs > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.release();
        }, waitMs);
        return;
      }
      const next = this.waiting.shift();
      if (!next) return;
      next.signal?.removeEventListener('abort', next.onAbort);
      this.sent.push(now);
      next.resolve();
    }
  }

  private waitMs(now: number): number {
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - WINDOW_MS) this.sent.shift();
    const last = this.sent.at(-1);
    const spacing = last === undefined ? 0 : last + this.spacingMs - now;
    const oldest = this.sent[0];
    const window =
      this.sent.length < this.perWindow || oldest === undefined ? 0 : oldest + WINDOW_MS - now;
    return Math.max(0, Math.ceil(Math.max(spacing, window)));
  }
}
