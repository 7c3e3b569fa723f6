/**
 * What the terminal channel has shown, so the adapter can answer `findPosted` and knows
 * which thread a reply line belongs to. Also hands out message and event ids.
 *
 * Ids carry a session part (the start time in base 36) besides the sequence number: the
 * embedded database outlives a terminal session, and a second session counting from 1
 * again would reuse message ids (a new question mistaken for an old drill) and event ids
 * (a new command dropped as a redelivery).
 */
import { messageId, parseChannelId } from '../../src/core/ids.ts';
import type { Message } from '../../src/core/messages.ts';
import type { PostedMessage, PostMarker } from '../../src/core/platform.ts';

/** One message the bot posted in this session. */
export interface ConsolePost {
  ref: string;
  /** Set for a reply in a thread: the thread's root message id. */
  root?: string;
  message: Message;
  marker?: PostMarker;
}

export class PostLog {
  private readonly channel: string;
  private readonly session: string;
  private messageSequence = 0;
  private eventSequence = 0;
  private readonly posts: ConsolePost[] = [];
  /** The most recent question card: where reply lines go. */
  private question: string | undefined;

  /** @param startedAt the session's start, from the adapter's clock */
  constructor(channel: string, startedAt: Date) {
    this.channel = channel;
    this.session = startedAt.getTime().toString(36);
  }

  /** A fresh message id in the channel, for a post or a member's reply line. */
  nextRef(): string {
    const parts = parseChannelId(this.channel);
    if (!parts) throw new TypeError(`not a channel id: ${this.channel}`);
    this.messageSequence += 1;
    return messageId({ ...parts, message: `${this.session}-${this.messageSequence}` });
  }

  /** A fresh delivery id: `console:ev-<session>-<n>`. */
  nextEventId(): string {
    this.eventSequence += 1;
    return `console:ev-${this.session}-${this.eventSequence}`;
  }

  /** Records a post under a fresh id; a top-level question becomes the reply target. */
  add(post: Omit<ConsolePost, 'ref'>): ConsolePost {
    const recorded: ConsolePost = { ...post, ref: this.nextRef() };
    this.posts.push(recorded);
    if (post.root === undefined && post.message.kind === 'question') this.question = recorded.ref;
    return recorded;
  }

  get(ref: string): ConsolePost | undefined {
    return this.posts.find((post) => post.ref === ref);
  }

  /** The thread a reply line goes to, if a question was posted in this session. */
  get replyRoot(): string | undefined {
    return this.question;
  }

  /** The latest post carrying `marker`, at top level or in the thread of `threadRoot`. */
  find(marker: PostMarker, threadRoot?: string): PostedMessage | undefined {
    const found = this.posts.findLast(
      (post) => post.marker === marker && (threadRoot === undefined || post.root === threadRoot),
    );
    return found ? { ref: found.ref } : undefined;
  }
}
