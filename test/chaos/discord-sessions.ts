/**
 * Discord has no acknowledgement for a gateway dispatch: a bot that dies right after
 * receiving a MESSAGE_CREATE loses it, as a real bot would. The chaos run therefore demands
 * storage only of replies whose receiving session stayed live for a while afterwards; this
 * watches the fake's sessions to know when each stopped being live.
 */
import type { FakeDiscordControl } from '../fakes/discord/control-client.ts';

/** How long a session must outlive a dispatch for the reply to count as received. */
export const RECEIVED_AFTER_MS = 3_000;

export class SessionWatch {
  private readonly endedAt = new Map<string, number>();
  private readonly seen = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  private readonly control: FakeDiscordControl;

  constructor(control: FakeDiscordControl) {
    this.control = control;
  }

  start(everyMs = 200): void {
    this.timer = setInterval(() => void this.poll(), everyMs);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const session of await this.control.sessions()) {
        this.seen.add(session.id);
        if (session.status !== 'live' && !this.endedAt.has(session.id)) {
          this.endedAt.set(session.id, Date.now());
        }
      }
    } catch {
      // The fake is busy or stopping; the next poll catches up.
    } finally {
      this.polling = false;
    }
  }

  /** True when one of `sessions` was still live `RECEIVED_AFTER_MS` after `sentAt`. */
  received(sessions: readonly string[], sentAt: number): boolean {
    return sessions.some((id) => {
      const ended = this.endedAt.get(id);
      return ended === undefined || ended > sentAt + RECEIVED_AFTER_MS;
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.poll();
  }
}
