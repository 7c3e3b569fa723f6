/**
 * Keeps the bot under Discord's global rate limit, "50 requests per second" per bot
 * (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit), by spacing
 * requests evenly instead of bursting.
 *
 * @discordjs/rest has a global limiter too (`globalRequestsPerSecond`), but it counts fixed
 * one-second windows from the first request in each: it lets a full quota out in a burst at
 * the start of a window and another right after the window ends, so two bursts can land
 * within one second on Discord's side and earn a global 429 (and, repeated, a Cloudflare
 * ban).
 *
 * Counting when requests leave is not enough either: Discord counts them when they arrive,
 * and between the two lie this process's event loop (a busy tick can hold a released
 * request back, then send it together with the next) and the network. What is certain is
 * that Discord saw a request somewhere between its release here and its answer coming back.
 * So a request counts from its release until one second after its answer (or failure):
 * while `perWindow` requests count, the next one waits. Any second on Discord's clock then
 * holds at most `perWindow` of them, however the requests were delayed on the way, at the
 * cost of the answer time (a few milliseconds) per second of pace.
 *
 * Requests are also spaced a little (0.9 × `1000 / perSecond` ms), so a second's quota never
 * leaves in one burst. Turns are taken in call order; a request whose signal aborts (its
 * REST timeout) while waiting leaves the queue without using a turn.
 */

const WINDOW_MS = 1_000;

/** Called once the request's answer (or failure) is in. */
export type Done = () => void;

interface Waiter {
  resolve(done: Done): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface GlobalPacerOptions {
  /** The limit, in requests per second. */
  perSecond: number;
  /** Most requests counting at once (default: one under `perSecond`, for clock rounding). */
  perWindow?: number;
  now?: () => number;
}

export class GlobalPacer {
  private readonly spacingMs: number;
  private readonly perWindow: number;
  private readonly now: () => number;
  private lastRelease = Number.NEGATIVE_INFINITY;
  /** Released requests whose answer is not in yet. */
  private inFlight = 0;
  /** When the answers of the last second came in, oldest first. */
  private readonly answered: number[] = [];
  private readonly waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(options: GlobalPacerOptions) {
    this.spacingMs = (0.9 * WINDOW_MS) / options.perSecond;
    this.perWindow = Math.max(1, options.perWindow ?? options.perSecond - 1);
    this.now = options.now ?? Date.now;
  }

  /** Resolves when this request may go, with the function to call once its answer is in. */
  turn(signal?: AbortSignal): Promise<Done> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Done>((resolve, reject) => {
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
      // Everything counting is still in flight: the next answer calls back here.
      if (waitMs === Number.POSITIVE_INFINITY) return;
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
      this.lastRelease = now;
      this.inFlight += 1;
      next.resolve(this.doneOnce());
    }
  }

  private doneOnce(): Done {
    let called = false;
    return () => {
      if (called) return;
      called = true;
      this.inFlight -= 1;
      this.answered.push(this.now());
      this.release();
    };
  }

  private waitMs(now: number): number {
    while (this.answered.length > 0 && (this.answered[0] ?? 0) <= now - WINDOW_MS) {
      this.answered.shift();
    }
    const spacing = this.lastRelease + this.spacingMs - now;
    if (this.inFlight + this.answered.length < this.perWindow)
      return Math.max(0, Math.ceil(spacing));
    const oldest = this.answered[0];
    if (oldest === undefined) return Number.POSITIVE_INFINITY;
    return Math.max(0, Math.ceil(Math.max(spacing, oldest + WINDOW_MS - now)));
  }
}
