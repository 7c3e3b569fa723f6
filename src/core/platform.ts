/**
 * The Platform port: what the core asks of a chat platform, and the events an adapter feeds
 * in. Adapters (Slack, Discord, terminal) implement it and translate; they decide nothing.
 * All ids are the opaque prefixed strings of ./ids.ts.
 */
import type { PlatformName } from './ids.ts';
import type { Message } from './messages.ts';

export type { PlatformName } from './ids.ts';

/** What the platform returned for a posted message. */
export interface PostedMessage {
  /** Message id (ids.ts `messageId`); for a drill question, replies in its thread are answers. */
  ref: string;
}

export interface PrivateDelivery {
  /** `ephemeral`: visible to the member in the channel; `dm`: sent as a direct message. */
  via: 'ephemeral' | 'dm';
}

export interface MemberInfo {
  id: string;
  displayName: string;
  isBot: boolean;
}

/**
 * A marker a drill post carries so a retry whose first attempt had an unknown outcome can
 * find the message instead of posting twice: `drill:<id>` for a question,
 * `reveal:<id>` for a reveal. Slack: message `metadata`; Discord: `nonce`.
 */
export type PostMarker = `drill:${number}` | `reveal:${number}` | `reminder:${number}`;

export interface PostOptions {
  marker?: PostMarker;
}

/**
 * Why a platform call failed, as the core needs to know it:
 * - `rate_limited`: try again after `retryAfterMs`;
 * - `unavailable`: an outage or 5xx; retry with backoff;
 * - `unknown_outcome`: a timeout after sending: the platform may have posted it;
 * - `not_in_channel` / `channel_gone` / `forbidden`: the bot may no longer post there;
 * - `invalid`: the request itself was refused (a bug or bad data), do not retry.
 */
export type PlatformErrorKind =
  | 'rate_limited'
  | 'unavailable'
  | 'unknown_outcome'
  | 'not_in_channel'
  | 'channel_gone'
  | 'forbidden'
  | 'invalid';

export class PlatformError extends Error {
  readonly kind: PlatformErrorKind;
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: PlatformErrorKind,
    message: string,
    options?: { retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.name = 'PlatformError';
    this.kind = kind;
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** The bot has lost the channel: pause drills there rather than retry. */
  get channelLost(): boolean {
    return (
      this.kind === 'not_in_channel' || this.kind === 'channel_gone' || this.kind === 'forbidden'
    );
  }
}

/** Whether an adapter's link to its platform is up, for /healthz and the metrics. */
export type ConnectionState = 'connected' | 'connecting' | 'disconnected';

export interface Platform {
  readonly name: PlatformName;

  /** The link's current state (socket or gateway connected; a terminal is always connected). */
  connectionState(): ConnectionState;

  /** Connects and starts feeding `sink`; resolves once events can flow. */
  start(sink: EventSink): Promise<void>;
  /** Stops taking events and disconnects. */
  stop(): Promise<void>;

  /**
   * Posts a message to a channel.
   * Slack: https://api.slack.com/methods/chat.postMessage (marker in `metadata`);
   * Discord: https://discord.com/developers/docs/resources/message#create-message (marker as
   * `nonce` with `enforce_nonce`).
   */
  postMessage(channel: string, message: Message, options?: PostOptions): Promise<PostedMessage>;

  /**
   * Posts a reply in the thread of `root` (a message id).
   * Slack: chat.postMessage with `thread_ts`; Discord: a message in the thread started on the
   * root (https://discord.com/developers/docs/resources/channel#start-thread-from-message).
   */
  postInThread(root: string, message: Message, options?: PostOptions): Promise<PostedMessage>;

  /**
   * Shows a message to one member only: ephemeral where the platform has it
   * (https://api.slack.com/methods/chat.postEphemeral), otherwise a direct message.
   */
  postPrivate(channel: string, member: string, message: Message): Promise<PrivateDelivery>;

  /** Replaces a message the bot posted (Slack chat.update; Discord edit message). */
  editMessage(ref: string, message: Message): Promise<void>;

  /**
   * Optional: reacts to a message (Slack reactions.add; Discord create reaction). Platforms
   * without reactions leave it out; the core then simply does not acknowledge with one.
   */
  addReaction?(ref: string, emoji: string): Promise<void>;

  /** Looks up a member's display name and whether it is a bot. */
  getMember(member: string): Promise<MemberInfo | undefined>;

  /**
   * Whether the platform itself makes `member` an admin of `channel`'s workspace (Slack
   * workspace admin or owner, https://api.slack.com/methods/users.info `is_admin`/`is_owner`;
   * Discord Manage Server or Administrator permission). Stored and configured admins are the
   * core's business, not the adapter's.
   */
  isPlatformAdmin(channel: string, member: string): Promise<boolean>;

  /**
   * Looks for a message the bot posted recently in `channel` (or in the thread of
   * `threadRoot`) carrying `marker`. Used before re-posting after an unknown outcome.
   * Slack: https://api.slack.com/methods/conversations.history with `include_all_metadata`;
   * Discord: recent channel messages and their `nonce`.
   */
  findPosted(
    channel: string,
    marker: PostMarker,
    threadRoot?: string,
  ): Promise<PostedMessage | undefined>;
}

/** The adapter awaits the sink before acknowledging a delivery, so what it carries is stored. */
export type EventSink = (event: InboundEvent) => Promise<void>;

interface EventBase {
  /**
   * Platform-prefixed delivery id, stable across the platform's retries and replays
   * (Slack `event_id`, Discord message or interaction id). Deduplicated in the database.
   */
  eventId: string;
  channel: string;
  at: Date;
}

/** A reply in a thread. Adapters drop the bot's own messages and other bots' before this. */
export interface ThreadReplyEvent extends EventBase {
  type: 'thread_reply';
  /** The thread's root message id: a drill question if the reply is an answer. */
  root: string;
  message: string;
  member: string;
  memberName?: string;
  text: string;
  /**
   * Set by an adapter that passes bot messages on (it should drop them); the core ignores
   * such replies either way, so no bot can answer a drill.
   */
  fromBot?: boolean;
}

export interface ReplyEditedEvent extends EventBase {
  type: 'reply_edited';
  root: string;
  message: string;
  member: string;
  text: string;
}

export interface ReplyDeletedEvent extends EventBase {
  type: 'reply_deleted';
  root: string;
  message: string;
}

export interface ReactionEvent extends EventBase {
  type: 'reaction_added' | 'reaction_removed';
  /** The message reacted to. */
  message: string;
  member: string;
  emoji: string;
  /**
   * Set by an adapter when a bot reacted (Slack `users.info` `is_bot`; Discord `user.bot`).
   * The core ignores such reactions, so no bot can vote, whatever the adapter passes on.
   */
  fromBot?: boolean;
}

/** Answers a command or form privately (Slack `respond`, Discord interaction reply). */
export type Responder = (message: Message) => Promise<void>;

export interface CommandEvent extends EventBase {
  type: 'command';
  member: string;
  memberName?: string;
  /** Everything after `/drill`. */
  text: string;
  /** Where the platform gives one; otherwise the core answers with `postPrivate`. */
  respond?: Responder;
  /** True when the command came from a direct message rather than a channel. */
  direct?: boolean;
}

export interface FormSubmissionEvent extends EventBase {
  type: 'form_submitted';
  member: string;
  /** Which form or button: `practice-answer`, `drill-answer`. */
  action: string;
  /** What the button carried (e.g. the drill or practice id). */
  value?: string;
  fields: Record<string, string>;
  respond?: Responder;
}

export interface BotRemovedEvent extends EventBase {
  type: 'bot_removed';
}

export type InboundEvent =
  | ThreadReplyEvent
  | ReplyEditedEvent
  | ReplyDeletedEvent
  | ReactionEvent
  | CommandEvent
  | FormSubmissionEvent
  | BotRemovedEvent;
