/**
 * A FakePlatform for core tests: records every outbound call, emits any inbound event, and
 * can be told to fail the next calls (rate limit, outage, a timeout after the platform
 * accepted the post). Behaves like a platform that keeps messages, so `findPosted` works.
 */
import {
  messageId,
  type PlatformName,
  parseChannelId,
  parseMessageId,
} from '../../src/core/ids.ts';
import { type Message, plainText } from '../../src/core/messages.ts';
import {
  type ConnectionState,
  type EventSink,
  type InboundEvent,
  type MemberInfo,
  type Platform,
  PlatformError,
  type PlatformErrorKind,
  type PostedMessage,
  type PostMarker,
  type PostOptions,
  type PrivateDelivery,
} from '../../src/core/platform.ts';

export interface RecordedPost {
  ref: string;
  channel: string;
  /** Set for replies in a thread. */
  root?: string;
  message: Message;
  text: string;
  marker?: PostMarker;
}

export interface RecordedPrivate {
  channel: string;
  member: string;
  message: Message;
  text: string;
}

type FailingMethod = 'postMessage' | 'postInThread' | 'postPrivate' | 'editMessage';

interface Failure {
  method: FailingMethod;
  kind: PlatformErrorKind | 'timeout_after_accept';
  retryAfterMs?: number;
}

export class FakePlatform implements Platform {
  readonly name: PlatformName;
  readonly posts: RecordedPost[] = [];
  readonly privates: RecordedPrivate[] = [];
  readonly edits: { ref: string; message: Message }[] = [];
  readonly reactions: { ref: string; emoji: string }[] = [];
  readonly platformAdmins = new Set<string>();
  readonly members = new Map<string, MemberInfo>();
  private readonly failures: Failure[] = [];
  /** Several engines may share one platform, as processes share one Slack app. */
  private sinks: EventSink[] = [];
  private nextSink = 0;
  private sequence = 0;
  private eventSequence = 0;
  started = false;

  constructor(name: PlatformName = 'slack') {
    this.name = name;
  }

  /** The next call of `method` fails like this; queue several for several calls. */
  failNext(method: FailingMethod, kind: Failure['kind'], retryAfterMs?: number): void {
    this.failures.push({ method, kind, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }

  connectionState(): ConnectionState {
    return this.started ? 'connected' : 'disconnected';
  }

  async start(sink: EventSink): Promise<void> {
    this.sinks.push(sink);
    this.started = true;
  }

  async stop(): Promise<void> {
    this.started = false;
    this.sinks = [];
  }

  /** Disconnects one engine (a process that stopped); events go to the others. */
  detach(sink: EventSink): void {
    this.sinks = this.sinks.filter((candidate) => candidate !== sink);
  }

  /**
   * Delivers an event to one connected engine (round-robin, as Socket Mode spreads events
   * over connections), waiting for it to be stored.
   */
  async emit(event: InboundEvent): Promise<void> {
    if (this.sinks.length === 0) throw new Error('FakePlatform not started');
    const sink = this.sinks[this.nextSink % this.sinks.length];
    this.nextSink += 1;
    if (sink) await sink(event);
  }

  /**
   * A message as the platform would deliver it, passed through the same edge rule every
   * adapter applies: the bot's own messages and other bots' are dropped before the core.
   */
  async deliverRaw(raw: {
    root: string;
    author: 'self' | 'bot' | string;
    text: string;
    message: string;
  }): Promise<void> {
    if (raw.author === 'self' || raw.author === 'bot') return;
    const parts = parseMessageId(raw.root);
    if (!parts) throw new Error(`not a message id: ${raw.root}`);
    await this.emit({
      type: 'thread_reply',
      eventId: this.nextEventId(),
      channel: `${parts.platform}:${parts.workspace}:${parts.channel}`,
      at: new Date(0),
      root: raw.root,
      message: raw.message,
      member: raw.author,
      text: raw.text,
    });
  }

  nextEventId(): string {
    this.eventSequence += 1;
    return `${this.name}:ev${this.eventSequence}`;
  }

  private takeFailure(method: FailingMethod): Failure | undefined {
    const index = this.failures.findIndex((failure) => failure.method === method);
    if (index === -1) return undefined;
    return this.failures.splice(index, 1)[0];
  }

  private newRef(channel: string): string {
    const parts = parseChannelId(channel);
    if (!parts) throw new PlatformError('invalid', `not a channel id: ${channel}`);
    this.sequence += 1;
    return messageId({ ...parts, message: `m${this.sequence}` });
  }

  private record(method: FailingMethod, post: Omit<RecordedPost, 'ref' | 'text'>): PostedMessage {
    const failure = this.takeFailure(method);
    if (failure && failure.kind !== 'timeout_after_accept') {
      throw new PlatformError(failure.kind, `fake ${failure.kind}`, {
        ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
      });
    }
    const ref = this.newRef(post.channel);
    this.posts.push({ ...post, ref, text: plainText(post.message) });
    if (failure)
      throw new PlatformError('unknown_outcome', 'fake timeout after the post was accepted');
    return { ref };
  }

  async postMessage(
    channel: string,
    message: Message,
    options?: PostOptions,
  ): Promise<PostedMessage> {
    return this.record('postMessage', {
      channel,
      message,
      ...(options?.marker ? { marker: options.marker } : {}),
    });
  }

  async postInThread(
    root: string,
    message: Message,
    options?: PostOptions,
  ): Promise<PostedMessage> {
    const parts = parseMessageId(root);
    if (!parts) throw new PlatformError('invalid', `not a message id: ${root}`);
    const channel = `${parts.platform}:${parts.workspace}:${parts.channel}`;
    return this.record('postInThread', {
      channel,
      root,
      message,
      ...(options?.marker ? { marker: options.marker } : {}),
    });
  }

  async postPrivate(channel: string, member: string, message: Message): Promise<PrivateDelivery> {
    const failure = this.takeFailure('postPrivate');
    if (failure)
      throw new PlatformError(
        failure.kind === 'timeout_after_accept' ? 'unknown_outcome' : failure.kind,
        'fake failure',
      );
    this.privates.push({ channel, member, message, text: plainText(message) });
    return { via: 'ephemeral' };
  }

  async editMessage(ref: string, message: Message): Promise<void> {
    const failure = this.takeFailure('editMessage');
    if (failure)
      throw new PlatformError(
        failure.kind === 'timeout_after_accept' ? 'unknown_outcome' : failure.kind,
        'fake failure',
      );
    this.edits.push({ ref, message });
  }

  async addReaction(ref: string, emoji: string): Promise<void> {
    this.reactions.push({ ref, emoji });
  }

  async getMember(member: string): Promise<MemberInfo | undefined> {
    return (
      this.members.get(member) ?? {
        id: member,
        displayName: member.split(':')[1] ?? member,
        isBot: false,
      }
    );
  }

  async isPlatformAdmin(_channel: string, member: string): Promise<boolean> {
    return this.platformAdmins.has(member);
  }

  async findPosted(
    channel: string,
    marker: PostMarker,
    threadRoot?: string,
  ): Promise<PostedMessage | undefined> {
    const found = this.posts.find(
      (post) =>
        post.channel === channel &&
        post.marker === marker &&
        (threadRoot === undefined || post.root === threadRoot),
    );
    return found ? { ref: found.ref } : undefined;
  }

  // --- views for assertions -------------------------------------------------------------

  questions(channel?: string): RecordedPost[] {
    return this.posts.filter(
      (post) => post.message.kind === 'question' && (!channel || post.channel === channel),
    );
  }

  reveals(channel?: string): RecordedPost[] {
    return this.posts.filter(
      (post) => post.message.kind === 'reveal' && (!channel || post.channel === channel),
    );
  }

  privateTo(member: string): RecordedPrivate[] {
    return this.privates.filter((entry) => entry.member === member);
  }
}
