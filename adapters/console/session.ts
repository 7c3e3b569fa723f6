/**
 * Turns typed lines into port events: keeps the continuation being typed, the current
 * speaker (`/as`), and pending practice questions, and delivers each line's event to the
 * sink, awaited, before the next line is taken. A failing sink is reported on the terminal
 * and the session goes on: one bad event never ends it.
 */
import type { Clock } from '../../src/core/clock.ts';
import { memberId } from '../../src/core/ids.ts';
import type { Message } from '../../src/core/messages.ts';
import type { EventSink, InboundEvent } from '../../src/core/platform.ts';
import { joinLine, type ParsedLine, parseLine, type Utterance } from './input.ts';
import type { PostLog } from './posts.ts';
import type { NoteTone } from './render.ts';

/** Someone typing at the terminal: the terminal's own user, or a name from `/as`. */
export interface Speaker {
  member: string;
  name: string;
}

export interface SessionDeps {
  channel: string;
  /** The terminal's own user name. */
  user: string;
  /** Names of bots (the bot itself, integrations): their lines are dropped at the edge. */
  isBot(name: string): boolean;
  clock: Clock;
  log: PostLog;
  sink: EventSink;
  note(value: string, tone: NoteTone): void;
  /** Shows a message to one member only (a command's `respond`). */
  showPrivate(member: string, message: Message): Promise<void>;
  /**
   * Takes the member's pending practice question, if any: the button value it carried, or
   * null when it carried none. Undefined when nothing is pending.
   */
  takePractice(member: string): string | null | undefined;
}

/** One line of help, shown for `/help` and unknown commands. */
export const HELP_LINE =
  '/drill help: the commands · /as NAME [text]: speak as NAME · /as: back to you · ' +
  'other lines: replies in the drill thread · a line ending in \\ continues';

export class InputSession {
  private readonly deps: SessionDeps;
  private readonly self: Speaker;
  private speaker: Speaker;
  private pending: string | undefined;

  constructor(deps: SessionDeps) {
    this.deps = deps;
    this.self = { member: memberId('console', deps.user), name: deps.user };
    this.speaker = this.self;
  }

  /** Takes one raw input line; resolves once its event (if it completes one) is handled. */
  async line(raw: string): Promise<void> {
    const joined = joinLine(this.pending, raw);
    if ('pending' in joined) {
      this.pending = joined.pending;
      return;
    }
    this.pending = undefined;
    await this.dispatch(parseLine(joined.done));
  }

  /** End of input: a continuation still open is sent as it stands rather than lost. */
  async end(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined) await this.dispatch(parseLine(pending));
  }

  private speakerNamed(name: string | null): Speaker {
    if (name === null || name === this.self.name) return this.self;
    return { member: memberId('console', name), name };
  }

  private async dispatch(parsed: ParsedLine): Promise<void> {
    switch (parsed.type) {
      case 'empty':
        return;
      case 'help':
        this.deps.note(
          parsed.unknown ? `unknown command ${parsed.unknown}: ${HELP_LINE}` : HELP_LINE,
          'hint',
        );
        return;
      case 'invalid':
        this.deps.note(parsed.reason, 'error');
        return;
      case 'as': {
        const speaker = this.speakerNamed(parsed.name);
        if (this.deps.isBot(speaker.name)) {
          this.deps.note(`@${speaker.name} is a bot: its messages never reach drillbot`, 'hint');
          return;
        }
        if (parsed.once) {
          await this.speak(parsed.once, speaker);
          return;
        }
        this.speaker = speaker;
        this.deps.note(
          speaker === this.self
            ? `speaking as @${speaker.name} (you)`
            : `speaking as @${speaker.name}; /as returns to you`,
          'hint',
        );
        return;
      }
      default:
        await this.speak(parsed, this.speaker);
    }
  }

  private base(): { eventId: string; channel: string; at: Date } {
    return {
      eventId: this.deps.log.nextEventId(),
      channel: this.deps.channel,
      at: this.deps.clock.now(),
    };
  }

  private async speak(utterance: Utterance, speaker: Speaker): Promise<void> {
    const respond = (message: Message) => this.deps.showPrivate(speaker.member, message);
    if (utterance.type === 'drill') {
      await this.deliver('command', {
        type: 'command',
        ...this.base(),
        member: speaker.member,
        memberName: speaker.name,
        text: utterance.text,
        respond,
      });
      return;
    }
    const practice = this.deps.takePractice(speaker.member);
    if (practice !== undefined) {
      await this.deliver('practice answer', {
        type: 'form_submitted',
        ...this.base(),
        member: speaker.member,
        action: 'practice-answer',
        ...(practice === null ? {} : { value: practice }),
        fields: { answer: utterance.text },
        respond,
      });
      return;
    }
    const root = this.deps.log.replyRoot;
    if (root === undefined) {
      this.deps.note('no open drill yet: try /drill now', 'hint');
      return;
    }
    const delivered = await this.deliver('reply', {
      type: 'thread_reply',
      ...this.base(),
      root,
      message: this.deps.log.nextRef(),
      member: speaker.member,
      memberName: speaker.name,
      text: utterance.text,
    });
    if (delivered) this.deps.note(`@${speaker.name} replied in the drill thread`, 'receipt');
  }

  /** Awaits the sink (the event is stored when it resolves); never throws. */
  private async deliver(what: string, event: InboundEvent): Promise<boolean> {
    try {
      await this.deps.sink(event);
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.note(`your ${what} was not taken (${reason}); try again`, 'error');
      return false;
    }
  }
}
