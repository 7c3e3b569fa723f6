/**
 * The terminal channel: a third implementation of the Platform port, for trying drillbot
 * without a Slack or Discord app (interface.md, "Terminal channel"). One channel,
 * `console:local:drills`; the person at the terminal is its admin and can speak as other
 * members with `/as NAME`. Output is the rendered transcript; input is read line by line
 * from any stream, so a TTY and a scripted pipe behave the same.
 *
 * Modelled on Hubot's Shell adapter: the cheapest way to see the whole loop.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Clock } from '../../src/core/clock.ts';
import { memberId, parseChannelId, parseMemberId, parseMessageId } from '../../src/core/ids.ts';
import type { Message } from '../../src/core/messages.ts';
import {
  type ConnectionState,
  type EventSink,
  type MemberInfo,
  type Platform,
  PlatformError,
  type PostedMessage,
  type PostMarker,
  type PostOptions,
  type PrivateDelivery,
} from '../../src/core/platform.ts';
import { PostLog } from './posts.ts';
import { BOT_NAME, type NoteTone, type Placement, renderMessage, renderNote } from './render.ts';
import { InputSession } from './session.ts';

/** The terminal's one workspace. */
export const CONSOLE_WORKSPACE = 'console:local';
/** The terminal's one channel. */
export const CONSOLE_CHANNEL = 'console:local:drills';

export interface ConsoleAdapterOptions {
  /** Lines typed or piped in (process.stdin in the CLI). */
  input: NodeJS.ReadableStream;
  /** Where the transcript goes (process.stdout in the CLI). */
  output: NodeJS.WritableStream;
  /** Colour the transcript; the caller turns it on only for a TTY. */
  color: boolean;
  /** Stamps events and ids, so tests are deterministic. */
  clock: Clock;
  /** The terminal's own user, the channel's admin: `console:<user>`. Default `you`. */
  user?: string;
  /** Shows every time in this IANA zone; default: the zone the core gives each time (the channel's). */
  zone?: string;
  /** Names that are bots (integrations) besides drillbot itself: their lines are dropped. */
  bots?: readonly string[];
}

export class ConsoleAdapter implements Platform {
  readonly name = 'console' as const;
  /**
   * Resolves when the session is over: end of input, or `stop()`. The composition root
   * awaits it to exit 0. Never rejects.
   */
  readonly closed: Promise<void>;
  private readonly options: ConsoleAdapterOptions;
  private readonly user: string;
  private readonly self: string;
  private readonly bots: ReadonlySet<string>;
  private readonly log: PostLog;
  /** Members with a practice question waiting for their next line: the button's value. */
  private readonly practice = new Map<string, string | null>();
  private readonly finish: () => void;
  private lines: Interface | undefined;
  private reading: Promise<void> | undefined;
  private stopping = false;
  private ended = false;
  private outputGone = false;

  constructor(options: ConsoleAdapterOptions) {
    this.options = options;
    this.user = options.user ?? 'you';
    this.bots = new Set([BOT_NAME, ...(options.bots ?? [])].map((name) => name.toLowerCase()));
    // memberId rejects a name that could not be an id part; a bot cannot sit at the terminal.
    this.self = memberId('console', this.user);
    if (this.isBot(this.user))
      throw new TypeError(`the terminal user cannot be a bot: ${this.user}`);
    this.log = new PostLog(CONSOLE_CHANNEL, options.clock.now());
    let finish = () => {};
    this.closed = new Promise<void>((resolve) => {
      finish = resolve;
    });
    this.finish = finish;
    // A terminal that went away (EPIPE on a closed pipe) has nobody left to read the
    // transcript; without a listener the error would crash the process.
    options.output.on('error', () => {
      this.outputGone = true;
    });
  }

  /**
   * Starts reading input; each line's event is awaited before the next line is read.
   * `terminal: false` keeps the TTY in its normal line mode, so Ctrl-C stays a real SIGINT
   * for the composition root's graceful shutdown and Ctrl-D ends input, as in a pipe.
   */
  async start(sink: EventSink): Promise<void> {
    if (this.reading || this.stopping) throw new Error('the console adapter starts only once');
    const session = new InputSession({
      channel: CONSOLE_CHANNEL,
      user: this.user,
      isBot: (name) => this.isBot(name),
      clock: this.options.clock,
      log: this.log,
      sink,
      note: (value, tone) => this.note(value, tone),
      showPrivate: (member, message) => this.showPrivate(member, message),
      takePractice: (member) => this.takePractice(member),
    });
    this.lines = createInterface({
      input: this.options.input,
      terminal: false,
      crlfDelay: Infinity,
    });
    // Taken now, in the same tick, so no line emitted before the loop runs is lost.
    const iterator = this.lines[Symbol.asyncIterator]();
    this.note(
      `terminal channel #drills, you are @${this.user} (admin): /drill help lists the commands, /help the input syntax, end of input quits`,
      'hint',
    );
    this.reading = this.read(iterator, session);
  }

  /** Connected while it reads input: from `start` until end of input or `stop`. */
  connectionState(): ConnectionState {
    return this.reading && !this.ended ? 'connected' : 'disconnected';
  }

  /** Stops reading input (an event in flight is finished first) and resolves `closed`. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.lines?.close();
    if (this.reading) await this.reading;
    else this.finish();
    this.ended = true;
  }

  /** The thread a reply line goes to: the latest question posted in this session. */
  get replyRoot(): string | undefined {
    return this.log.replyRoot;
  }

  async postMessage(
    channel: string,
    message: Message,
    options?: PostOptions,
  ): Promise<PostedMessage> {
    this.checkChannel(channel);
    return this.post({ in: 'channel' }, message, undefined, options?.marker);
  }

  async postInThread(
    root: string,
    message: Message,
    options?: PostOptions,
  ): Promise<PostedMessage> {
    const parts = parseMessageId(root);
    if (!parts) throw new PlatformError('invalid', `not a message id: ${root}`);
    this.checkChannel(`${parts.platform}:${parts.workspace}:${parts.channel}`);
    // A root from an earlier session is accepted: its drill may still be open in the database.
    return this.post({ in: 'thread' }, message, root, options?.marker);
  }

  /** Everyone at a terminal sees everything, so "private" is a labelled line in the channel. */
  async postPrivate(channel: string, member: string, message: Message): Promise<PrivateDelivery> {
    this.checkChannel(channel);
    await this.showPrivate(member, message);
    return { via: 'ephemeral' };
  }

  /** Prints the new version, marked edited, where the original appeared. */
  async editMessage(ref: string, message: Message): Promise<void> {
    const parts = parseMessageId(ref);
    if (!parts) throw new PlatformError('invalid', `not a message id: ${ref}`);
    this.checkChannel(`${parts.platform}:${parts.workspace}:${parts.channel}`);
    const post = this.log.get(ref);
    if (post) post.message = message;
    const placement: Placement = post?.root === undefined ? { in: 'channel' } : { in: 'thread' };
    this.print(renderMessage(message, placement, this.renderOptions(true)));
  }

  async getMember(member: string): Promise<MemberInfo | undefined> {
    const parts = parseMemberId(member);
    if (parts?.platform !== 'console') return undefined;
    return { id: member, displayName: parts.member, isBot: this.isBot(parts.member) };
  }

  /** Only the person at the terminal; names from `/as` are ordinary members. */
  async isPlatformAdmin(channel: string, member: string): Promise<boolean> {
    return channel === CONSOLE_CHANNEL && member === this.self;
  }

  async findPosted(
    channel: string,
    marker: PostMarker,
    threadRoot?: string,
  ): Promise<PostedMessage | undefined> {
    return channel === CONSOLE_CHANNEL ? this.log.find(marker, threadRoot) : undefined;
  }

  private async read(lines: AsyncIterator<string>, session: InputSession): Promise<void> {
    try {
      for (;;) {
        const next = await lines.next();
        if (next.done || this.stopping) break;
        await session.line(next.value);
      }
      if (!this.stopping) await session.end();
    } catch (error) {
      // Only the input stream itself can fail here; the session never throws.
      this.note(`input failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
    } finally {
      this.ended = true;
      this.lines?.close();
      this.finish();
    }
  }

  private post(
    placement: Placement,
    message: Message,
    root: string | undefined,
    marker: PostMarker | undefined,
  ): PostedMessage {
    const post = this.log.add({
      message,
      ...(root === undefined ? {} : { root }),
      ...(marker === undefined ? {} : { marker }),
    });
    this.print(renderMessage(message, placement, this.renderOptions(false)));
    return { ref: post.ref };
  }

  private async showPrivate(member: string, message: Message): Promise<void> {
    const parts = parseMemberId(member);
    if (parts?.platform !== 'console')
      throw new PlatformError('invalid', `not a terminal member: ${member}`);
    // A practice question's answer button becomes "your next line answers it".
    for (const block of message.blocks) {
      if (block.type !== 'actions') continue;
      const button = block.buttons.find((candidate) => candidate.id === 'practice-answer');
      if (button) this.practice.set(member, button.value ?? null);
    }
    const placement: Placement =
      member === this.self ? { in: 'private' } : { in: 'private', to: parts.member };
    this.print(renderMessage(message, placement, this.renderOptions(false)));
  }

  private takePractice(member: string): string | null | undefined {
    const value = this.practice.get(member);
    this.practice.delete(member);
    return value;
  }

  private checkChannel(channel: string): void {
    if (channel === CONSOLE_CHANNEL) return;
    if (parseChannelId(channel)?.platform === 'console') {
      throw new PlatformError('not_in_channel', `the terminal has one channel, ${CONSOLE_CHANNEL}`);
    }
    throw new PlatformError('invalid', `not a terminal channel id: ${channel}`);
  }

  private isBot(name: string): boolean {
    return this.bots.has(name.toLowerCase());
  }

  private renderOptions(edited: boolean) {
    return {
      color: this.options.color,
      ...(this.options.zone === undefined ? {} : { zone: this.options.zone }),
      ...(edited ? { edited } : {}),
    };
  }

  private note(value: string, tone: NoteTone): void {
    this.print(renderNote(value, tone, this.options.color));
  }

  private print(text: string): void {
    if (this.outputGone || !this.options.output.writable) return;
    this.options.output.write(`${text}\n`);
  }
}
