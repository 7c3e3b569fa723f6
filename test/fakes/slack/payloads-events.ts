/**
 * Builders for Events API payloads (`event_callback` wrappers), from the fixtures.
 *
 * Each call gets a fresh `event_id` unless one is given: Slack retries a delivery with the
 * same `event_id`, so a test that wants a retry passes the first payload's id again (or just
 * redelivers the same payload). Defaults match the fake server's workspace (team, app, bot),
 * so a payload built without options is one the fake's bot would really receive.
 */
import { randomUUID } from 'node:crypto';
import { FIXTURES } from './fixtures.ts';
import { IdSequence, parseTs, TsClock } from './ids.ts';
import { FAKE_IDS } from './options.ts';
import type {
  ChannelLeftPayload,
  MemberLeftChannelPayload,
  MessageChangedPayload,
  MessageDeletedPayload,
  ReactionAddedPayload,
  ReactionRemovedPayload,
  ThreadReplyPayload,
} from './payload-schemas.ts';

const eventIds = new IdSequence('Ev0FAKE', 7);
const eventClock = new TsClock();

/** A fresh, strictly increasing `ts` for events whose time the test does not pin. */
export function nextEventTs(): string {
  return eventClock.next();
}

/** Wrapper fields every event builder accepts. */
export interface EventEnvelopeOptions {
  teamId?: string;
  appId?: string;
  /** The installation's bot user (in `authorizations`); the fake's bot by default. */
  botUserId?: string;
  /** Reuse an id to build Slack's retry of an earlier delivery. */
  eventId?: string;
  /** Fields merged into `event` last, e.g. `{ bot_id: 'B1', subtype: 'bot_message' }`. */
  eventExtra?: Record<string, unknown>;
}

interface CallbackFields {
  team_id: string;
  api_app_id: string;
  event_id: string;
  event_time: number;
  authorizations: { team_id: string; user_id: string }[];
}

function wrap<Payload extends CallbackFields & { event: object }>(
  fixture: Payload,
  event: Payload['event'],
  eventTs: string,
  options: EventEnvelopeOptions,
): Payload {
  const teamId = options.teamId ?? FAKE_IDS.teamId;
  const copy = structuredClone(fixture);
  return {
    ...copy,
    team_id: teamId,
    ...('context_team_id' in copy ? { context_team_id: teamId } : {}),
    api_app_id: options.appId ?? FAKE_IDS.appId,
    event: { ...event, ...options.eventExtra },
    event_id: options.eventId ?? eventIds.next(),
    event_time: Math.floor((parseTs(eventTs) ?? 0) / 1_000_000),
    authorizations: copy.authorizations.map((authorization) => ({
      ...authorization,
      team_id: teamId,
      user_id: options.botUserId ?? FAKE_IDS.botUserId,
    })),
  };
}

/** The rich_text block Slack attaches to a typed message, kept in step with `text`. */
function richText(text: string): unknown[] {
  return [
    {
      type: 'rich_text',
      block_id: 'fAkE1',
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}

export interface ThreadReplyInput extends EventEnvelopeOptions {
  channel: string;
  user: string;
  text: string;
  /** The thread parent: the drill question's `ts`. */
  threadTs: string;
  ts?: string;
  /** Who wrote the parent; the bot by default, as drills are the bot's posts. */
  parentUserId?: string;
}

/** A member's reply in a thread (`message` event with `thread_ts`). */
export function threadReply(input: ThreadReplyInput): ThreadReplyPayload {
  const base = FIXTURES.threadReply;
  const ts = input.ts ?? nextEventTs();
  return wrap(
    base,
    {
      ...structuredClone(base.event),
      channel: input.channel,
      user: input.user,
      text: input.text,
      ts,
      thread_ts: input.threadTs,
      parent_user_id: input.parentUserId ?? FAKE_IDS.botUserId,
      team: input.teamId ?? FAKE_IDS.teamId,
      client_msg_id: randomUUID(),
      blocks: richText(input.text),
      event_ts: ts,
    },
    ts,
    input,
  );
}

export interface MessageChangedInput extends EventEnvelopeOptions {
  channel: string;
  user: string;
  /** The edited message's own `ts` (unchanged by the edit). */
  ts: string;
  threadTs: string;
  text: string;
  previousText: string;
  /** When the edit happened; a fresh ts by default. */
  editTs?: string;
}

/** An edit of a thread reply (`message_changed`, with the old and new message). */
export function messageChanged(input: MessageChangedInput): MessageChangedPayload {
  const base = FIXTURES.messageChanged;
  const editTs = input.editTs ?? nextEventTs();
  const common = { user: input.user, ts: input.ts, thread_ts: input.threadTs };
  return wrap(
    base,
    {
      ...structuredClone(base.event),
      channel: input.channel,
      ts: editTs,
      event_ts: editTs,
      message: {
        ...structuredClone(base.event.message),
        ...common,
        text: input.text,
        edited: { user: input.user, ts: editTs },
      },
      previous_message: {
        ...structuredClone(base.event.previous_message),
        ...common,
        text: input.previousText,
      },
    },
    editTs,
    input,
  );
}

export interface MessageDeletedInput extends EventEnvelopeOptions {
  channel: string;
  user: string;
  deletedTs: string;
  threadTs: string;
  previousText: string;
}

/** A deleted thread reply (`message_deleted`, with the message as it was). */
export function messageDeleted(input: MessageDeletedInput): MessageDeletedPayload {
  const base = FIXTURES.messageDeleted;
  const ts = nextEventTs();
  return wrap(
    base,
    {
      ...structuredClone(base.event),
      channel: input.channel,
      ts,
      event_ts: ts,
      deleted_ts: input.deletedTs,
      previous_message: {
        ...structuredClone(base.event.previous_message),
        user: input.user,
        ts: input.deletedTs,
        thread_ts: input.threadTs,
        text: input.previousText,
      },
    },
    ts,
    input,
  );
}

export interface ReactionInput extends EventEnvelopeOptions {
  channel: string;
  /** Who reacted. */
  user: string;
  /** Emoji name without colons, e.g. `+1`. */
  reaction: string;
  /** The message reacted to, and its author. */
  itemTs: string;
  itemUser: string;
}

function reactionEvent(input: ReactionInput, ts: string) {
  return {
    user: input.user,
    reaction: input.reaction,
    item_user: input.itemUser,
    item: { type: 'message' as const, channel: input.channel, ts: input.itemTs },
    event_ts: ts,
  };
}

export function reactionAdded(input: ReactionInput): ReactionAddedPayload {
  const base = FIXTURES.reactionAdded;
  const ts = nextEventTs();
  return wrap(base, { ...structuredClone(base.event), ...reactionEvent(input, ts) }, ts, input);
}

export function reactionRemoved(input: ReactionInput): ReactionRemovedPayload {
  const base = FIXTURES.reactionRemoved;
  const ts = nextEventTs();
  return wrap(base, { ...structuredClone(base.event), ...reactionEvent(input, ts) }, ts, input);
}

export interface MemberLeftChannelInput extends EventEnvelopeOptions {
  channel: string;
  /** The member who left; the bot by default (the case the adapter acts on). */
  user?: string;
}

export function memberLeftChannel(input: MemberLeftChannelInput): MemberLeftChannelPayload {
  const base = FIXTURES.memberLeftChannel;
  const ts = nextEventTs();
  const event = {
    ...structuredClone(base.event),
    user: input.user ?? FAKE_IDS.botUserId,
    channel: input.channel,
    team: input.teamId ?? FAKE_IDS.teamId,
    event_ts: ts,
  };
  return wrap(base, event, ts, input);
}

export interface ChannelLeftInput extends EventEnvelopeOptions {
  channel: string;
  /** Who removed the bot. */
  actorId: string;
}

/** Sent to the bot itself when it is removed from a channel. */
export function channelLeft(input: ChannelLeftInput): ChannelLeftPayload {
  const base = FIXTURES.channelLeft;
  const ts = nextEventTs();
  const event = {
    ...structuredClone(base.event),
    channel: input.channel,
    actor_id: input.actorId,
    event_ts: ts,
  };
  return wrap(base, event, ts, input);
}
