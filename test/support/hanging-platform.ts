/**
 * Wraps a platform so that, once `hang()` is called, every outbound call never returns: a
 * process frozen or killed in the middle of a post, still holding whatever lease it took.
 */
import type { Message, MessageKind } from '../../src/core/messages.ts';
import type {
  EventSink,
  MemberInfo,
  Platform,
  PostedMessage,
  PostMarker,
  PostOptions,
  PrivateDelivery,
} from '../../src/core/platform.ts';

export class HangingPlatform implements Platform {
  private hung = false;
  readonly inner: Platform;
  /** The kinds of the messages caught in a call that never returned, in order. */
  readonly frozenKinds: MessageKind[] = [];

  constructor(inner: Platform) {
    this.inner = inner;
  }

  get name() {
    return this.inner.name;
  }

  connectionState() {
    return this.inner.connectionState();
  }

  hang(): void {
    this.hung = true;
  }

  private call<T>(work: () => Promise<T>, message?: Message): Promise<T> {
    if (!this.hung) return work();
    if (message) this.frozenKinds.push(message.kind);
    return new Promise<T>(() => {});
  }

  start(sink: EventSink): Promise<void> {
    return this.inner.start(sink);
  }
  stop(): Promise<void> {
    return this.inner.stop();
  }
  postMessage(channel: string, message: Message, options?: PostOptions): Promise<PostedMessage> {
    return this.call(() => this.inner.postMessage(channel, message, options), message);
  }
  postInThread(root: string, message: Message, options?: PostOptions): Promise<PostedMessage> {
    return this.call(() => this.inner.postInThread(root, message, options), message);
  }
  postPrivate(channel: string, member: string, message: Message): Promise<PrivateDelivery> {
    return this.call(() => this.inner.postPrivate(channel, member, message), message);
  }
  editMessage(ref: string, message: Message): Promise<void> {
    return this.call(() => this.inner.editMessage(ref, message), message);
  }
  getMember(member: string): Promise<MemberInfo | undefined> {
    return this.call(() => this.inner.getMember(member));
  }
  isPlatformAdmin(channel: string, member: string): Promise<boolean> {
    return this.call(() => this.inner.isPlatformAdmin(channel, member));
  }
  findPosted(
    channel: string,
    marker: PostMarker,
    threadRoot?: string,
  ): Promise<PostedMessage | undefined> {
    return this.call(() => this.inner.findPosted(channel, marker, threadRoot));
  }
}
