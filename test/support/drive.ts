/**
 * Small drivers for engine tests: typed ways to send commands and replies through a
 * FakePlatform as an adapter would, with unique event and message ids.
 */
import type { Message } from '../../src/core/messages.ts';
import { plainText } from '../../src/core/messages.ts';
import type { FakeClock } from './fake-clock.ts';
import type { FakePlatform } from './fake-platform.ts';

export class Driver {
  private messageSequence = 0;
  readonly responses: { member: string; text: string; message: Message }[] = [];

  readonly platform: FakePlatform;
  readonly clock: FakeClock;

  constructor(platform: FakePlatform, clock: FakeClock) {
    this.platform = platform;
    this.clock = clock;
  }

  /** Runs `/drill <text>` as `member` in `channel`; returns the private answer's text. */
  async command(channel: string, member: string, text: string): Promise<string> {
    let answer = '';
    await this.platform.emit({
      type: 'command',
      eventId: this.platform.nextEventId(),
      channel,
      at: this.clock.now(),
      member,
      text,
      respond: async (message) => {
        answer = plainText(message);
        this.responses.push({ member, text: answer, message });
      },
    });
    return answer;
  }

  /** A reply in the thread of `root`; returns the reply's message id (for edits and deletes). */
  async reply(
    root: string,
    member: string,
    text: string,
    options: { fromBot?: boolean; eventId?: string; message?: string } = {},
  ): Promise<string> {
    this.messageSequence += 1;
    const channel = root.split(':').slice(0, 3).join(':');
    const message = options.message ?? `${channel}:r${this.messageSequence}`;
    await this.platform.emit({
      type: 'thread_reply',
      eventId: options.eventId ?? this.platform.nextEventId(),
      channel,
      at: this.clock.now(),
      root,
      message,
      member,
      memberName: member.split(':')[1] ?? member,
      text,
      ...(options.fromBot ? { fromBot: true } : {}),
    });
    return message;
  }

  async edit(root: string, message: string, member: string, text: string): Promise<void> {
    await this.platform.emit({
      type: 'reply_edited',
      eventId: this.platform.nextEventId(),
      channel: root.split(':').slice(0, 3).join(':'),
      at: this.clock.now(),
      root,
      message,
      member,
      text,
    });
  }

  async delete(root: string, message: string): Promise<void> {
    await this.platform.emit({
      type: 'reply_deleted',
      eventId: this.platform.nextEventId(),
      channel: root.split(':').slice(0, 3).join(':'),
      at: this.clock.now(),
      root,
      message,
    });
  }
}
