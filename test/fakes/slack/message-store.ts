/**
 * The fake workspace's messages, per channel, in Slack's message object shape.
 *
 * It keeps what the adapter relies on Slack to remember: thread parents with their reply
 * counts, edits, reactions and message `metadata`, so a post whose outcome was unknown can
 * be found again with `conversations.history`. Readers get copies, so a test that mutates
 * a returned message cannot change what the fake serves next.
 */
import { parseTs, type TsClock } from './ids.ts';

/** Slack message metadata: an app-defined event type and a free-form payload. */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface MessageReaction {
  name: string;
  users: string[];
  count: number;
}

/** A message as `conversations.history` returns it. */
export interface SlackMessage {
  type: 'message';
  ts: string;
  user: string;
  text: string;
  team: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
  thread_ts?: string;
  parent_user_id?: string;
  bot_id?: string;
  app_id?: string;
  edited?: { user: string; ts: string };
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  reactions?: MessageReaction[];
}

/** An ephemeral message: never in history, only recorded for assertions. */
export interface EphemeralMessage {
  channel: string;
  user: string;
  message_ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
}

export type NewMessage = Omit<SlackMessage, 'type' | 'ts'> & { ts?: string };

export interface TimelineQuery {
  latest?: string;
  oldest?: string;
  inclusive: boolean;
  limit: number;
  /** The `ts` the previous page ended at (the fake's cursor is just that). */
  cursor?: string;
}

export interface TimelinePage {
  messages: SlackMessage[];
  hasMore: boolean;
  nextCursor?: string;
}

export class MessageStore {
  private readonly byChannel = new Map<string, SlackMessage[]>();
  private readonly ephemeralLog: EphemeralMessage[] = [];
  private readonly clock: TsClock;

  constructor(clock: TsClock) {
    this.clock = clock;
  }

  /** A fresh timestamp from the same clock, for events that are not messages (edits). */
  nextTs(): string {
    return this.clock.next();
  }

  /** Stores a message (a thread reply when `thread_ts` is set) and returns a copy. */
  add(channel: string, input: NewMessage): SlackMessage {
    const message: SlackMessage = { type: 'message', ...input, ts: input.ts ?? this.clock.next() };
    const list = this.list(channel);
    const at = list.findIndex((other) => micros(other.ts) > micros(message.ts));
    list.splice(at === -1 ? list.length : at, 0, message);
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
      const parent = this.get(channel, message.thread_ts);
      if (parent) noteReply(parent, message);
    }
    return structuredClone(message);
  }

  addEphemeral(message: Omit<EphemeralMessage, 'message_ts'>): EphemeralMessage {
    const stored = { ...message, message_ts: this.clock.next() };
    this.ephemeralLog.push(stored);
    return structuredClone(stored);
  }

  /** Applies an edit in place; undefined when there is no such message. */
  update(
    channel: string,
    ts: string,
    edit: (message: SlackMessage) => void,
  ): SlackMessage | undefined {
    const message = this.get(channel, ts);
    if (!message) return undefined;
    edit(message);
    return structuredClone(message);
  }

  /** Removes a message, as when its author deletes it. */
  remove(channel: string, ts: string): boolean {
    const list = this.list(channel);
    const at = list.findIndex((message) => message.ts === ts);
    if (at === -1) return false;
    list.splice(at, 1);
    return true;
  }

  find(channel: string, ts: string): SlackMessage | undefined {
    const message = this.get(channel, ts);
    return message ? structuredClone(message) : undefined;
  }

  /** Every message in a channel, replies included, oldest first. */
  all(channel: string): SlackMessage[] {
    return structuredClone(this.list(channel));
  }

  ephemerals(channel?: string): EphemeralMessage[] {
    return structuredClone(
      this.ephemeralLog.filter((message) => channel === undefined || message.channel === channel),
    );
  }

  /** `conversations.history`: top-level messages only (replies live in their thread), newest first. */
  history(channel: string, query: TimelineQuery): TimelinePage {
    const topLevel = this.list(channel).filter(
      (message) => message.thread_ts === undefined || message.thread_ts === message.ts,
    );
    return page([...topLevel].reverse(), query, 'newest-first');
  }

  /** `conversations.replies`: the parent first, then its replies oldest first. */
  replies(channel: string, ts: string, query: TimelineQuery): TimelinePage | undefined {
    const parent = this.get(channel, ts);
    if (!parent) return undefined;
    const thread = this.list(channel).filter(
      (message) => message.ts === ts || message.thread_ts === ts,
    );
    return page(thread, query, 'oldest-first');
  }

  private get(channel: string, ts: string): SlackMessage | undefined {
    return this.list(channel).find((message) => message.ts === ts);
  }

  private list(channel: string): SlackMessage[] {
    let list = this.byChannel.get(channel);
    if (!list) {
      list = [];
      this.byChannel.set(channel, list);
    }
    return list;
  }
}

function micros(ts: string): number {
  return parseTs(ts) ?? 0;
}

/** Keeps a thread parent's reply summary the way Slack reports it in history. */
function noteReply(parent: SlackMessage, reply: SlackMessage): void {
  parent.thread_ts = parent.ts;
  parent.reply_count = (parent.reply_count ?? 0) + 1;
  const users = new Set(parent.reply_users ?? []);
  users.add(reply.user);
  parent.reply_users = [...users];
  parent.reply_users_count = users.size;
  parent.latest_reply = reply.ts;
}

/** Applies latest/oldest/inclusive, the cursor and the limit to an ordered list. */
function page(
  ordered: SlackMessage[],
  query: TimelineQuery,
  order: 'newest-first' | 'oldest-first',
): TimelinePage {
  const latest = query.latest === undefined ? undefined : parseTs(query.latest);
  const oldest = query.oldest === undefined ? undefined : parseTs(query.oldest);
  const cursor = query.cursor === undefined ? undefined : parseTs(query.cursor);
  const inRange = ordered.filter((message) => {
    const at = micros(message.ts);
    if (latest !== undefined && (query.inclusive ? at > latest : at >= latest)) return false;
    if (oldest !== undefined && (query.inclusive ? at < oldest : at <= oldest)) return false;
    if (cursor === undefined) return true;
    return order === 'newest-first' ? at < cursor : at > cursor;
  });
  const messages = inRange.slice(0, query.limit);
  const hasMore = inRange.length > messages.length;
  const last = messages.at(-1);
  return {
    messages: structuredClone(messages),
    hasMore,
    ...(hasMore && last ? { nextCursor: last.ts } : {}),
  };
}
