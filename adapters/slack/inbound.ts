/**
 * Slack deliveries -> the core's inbound events. Pure translation: no Bolt, no I/O, no
 * decisions beyond what the Platform contract asks of every adapter (drop the bot's own
 * messages and other bots' at the edge). Anything irrelevant or malformed becomes
 * `undefined`, and no input, however hostile, makes these functions throw: one odd delivery
 * must never stop the listener that received it.
 *
 * Events API: https://docs.slack.dev/apis/events-api. Slash commands and interactivity are
 * translated in ./inbound-interactive.ts and re-exported here.
 */
import { channelId, memberId, messageId } from '../../src/core/ids.ts';
import type {
  BotRemovedEvent,
  InboundEvent,
  ReactionEvent,
  ReplyDeletedEvent,
  ReplyEditedEvent,
  ThreadReplyEvent,
} from '../../src/core/platform.ts';
import {
  botLeftSchema,
  envelopeSchema,
  type InnerMessage,
  memberLeftSchema,
  messageChangedSchema,
  messageDeletedSchema,
  newMessageSchema,
  reactionSchema,
} from './inbound-schemas.ts';
import { cleanText, memberText, slackTsToDate } from './inbound-text.ts';

export {
  ANSWER_INPUT,
  encodeFormMetadata,
  FORM_ACTIONS,
  type FormAction,
  type FormRequest,
  type FormTarget,
  formToOpen,
  type SlackCommandEvent,
  type SlackFormEvent,
  translateAction,
  translateCommand,
} from './inbound-interactive.ts';

/** Who the bot is (from `auth.test`) and when the delivery arrived. */
export interface EventContext {
  /** The bot's user id (`U…`): its messages carry it in `user`. */
  botUserId: string;
  /** The bot's bot id (`B…`), when known: its messages carry it in `bot_id`. */
  botId?: string;
  /** Only used when neither the event nor its envelope says when it happened. */
  receivedAt: Date;
}

/** What every event of one delivery shares. */
interface Delivery {
  team: string;
  eventId: string;
  /** The envelope's `event_time`, else the arrival time. */
  fallbackAt: Date;
  context: EventContext;
}

/**
 * Translates one Events API `event_callback` body (HTTP) or Socket Mode `events_api` payload.
 * `eventId` is `slack:<event_id>`: Slack reuses the event id on every retry and on delivery
 * to another Socket Mode connection, so the core stores a delivery once however often it comes.
 */
export function translateEvent(envelope: unknown, context: EventContext): InboundEvent | undefined {
  try {
    return translate(envelope, context);
  } catch {
    // Only reachable through exotic objects (throwing getters, proxies): JSON never gets here.
    return undefined;
  }
}

function translate(envelope: unknown, context: EventContext): InboundEvent | undefined {
  const parsed = envelopeSchema.safeParse(envelope);
  if (!parsed.success) return undefined;
  const { team_id, event_id, event_time, event } = parsed.data;
  const delivery: Delivery = {
    team: team_id,
    eventId: `slack:${event_id}`,
    fallbackAt: event_time === undefined ? context.receivedAt : new Date(event_time * 1000),
    context,
  };
  switch (event.type) {
    case 'message':
      return translateMessage(event, delivery);
    case 'reaction_added':
    case 'reaction_removed':
      return translateReaction(event, delivery);
    case 'member_left_channel':
    case 'channel_left':
    case 'group_left':
      return translateLeft(event, delivery);
    default:
      // `app_mention` included: the same message also arrives as a `message` event, and
      // translating both would deliver one reply under two event ids.
      return undefined;
  }
}

function translateMessage(
  event: Record<string, unknown>,
  delivery: Delivery,
): InboundEvent | undefined {
  if (event.subtype === 'message_changed') return translateEdit(event, delivery);
  if (event.subtype === 'message_deleted') return translateDelete(event, delivery);
  return translateReply(event, delivery);
}

/**
 * Written by the bot itself or by any other bot or app. The bot's own replies carry both its
 * user id and its bot id; other apps' bot users carry a `bot_id` too, and legacy
 * integrations post `bot_message`s with a `bot_id` and no user.
 */
function isBotMessage(message: InnerMessage, context: EventContext): boolean {
  const own =
    message.user === context.botUserId ||
    (context.botId !== undefined && message.bot_id === context.botId);
  const otherBot =
    (message.bot_id !== undefined && message.bot_id !== null) || message.subtype === 'bot_message';
  return own || otherBot;
}

/** A reply in a thread: `thread_ts` names the root and differs from the message's own `ts`. */
function inThread(message: InnerMessage): message is InnerMessage & { thread_ts: string } {
  return typeof message.thread_ts === 'string' && message.thread_ts !== message.ts;
}

function ids(delivery: Delivery, channel: string) {
  const parts = { platform: 'slack' as const, workspace: delivery.team, channel };
  return {
    channel: channelId(parts),
    message: (ts: string) => messageId({ ...parts, message: ts }),
  };
}

function translateReply(event: unknown, delivery: Delivery): ThreadReplyEvent | undefined {
  const parsed = newMessageSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  // Top-level channel messages (and a thread's root) are chatter, not answers.
  if (isBotMessage(message, delivery.context) || !message.user || !inThread(message)) {
    return undefined;
  }
  const { channel, message: ref } = ids(delivery, message.channel);
  return {
    type: 'thread_reply',
    eventId: delivery.eventId,
    channel,
    // The message's own time, not the arrival: a retry arriving after the close must not
    // turn an on-time answer into a late one.
    at: slackTsToDate(message.ts),
    root: ref(message.thread_ts),
    message: ref(message.ts),
    member: memberId('slack', message.user),
    text: memberText(message.text ?? ''),
  };
}

function translateEdit(event: unknown, delivery: Delivery): ReplyEditedEvent | undefined {
  const parsed = messageChangedSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const edited = parsed.data.message;
  // A reply in a thread also changes its root (reply counts): the root is no reply, so that
  // `message_changed` falls out here with the top-level edits.
  if (isBotMessage(edited, delivery.context) || !edited.user || !inThread(edited)) {
    return undefined;
  }
  const { channel, message: ref } = ids(delivery, parsed.data.channel);
  return {
    type: 'reply_edited',
    eventId: delivery.eventId,
    channel,
    // When the edit happened: an edit after the close must not change a scored answer.
    at: slackTsToDate(parsed.data.ts),
    root: ref(edited.thread_ts),
    message: ref(edited.ts),
    member: memberId('slack', edited.user),
    text: memberText(edited.text ?? ''),
  };
}

function translateDelete(event: unknown, delivery: Delivery): ReplyDeletedEvent | undefined {
  const parsed = messageDeletedSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const previous = parsed.data.previous_message;
  // Without `previous_message` nothing says which thread the message was in.
  if (!previous || isBotMessage(previous, delivery.context)) return undefined;
  const deleted = { ...previous, ts: parsed.data.deleted_ts ?? previous.ts };
  if (!inThread(deleted)) return undefined;
  const { channel, message: ref } = ids(delivery, parsed.data.channel);
  return {
    type: 'reply_deleted',
    eventId: delivery.eventId,
    channel,
    at: slackTsToDate(parsed.data.ts),
    root: ref(deleted.thread_ts),
    message: ref(deleted.ts),
  };
}

function translateReaction(event: unknown, delivery: Delivery): ReactionEvent | undefined {
  const parsed = reactionSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const reaction = parsed.data;
  const { channel, message: ref } = ids(delivery, reaction.item.channel);
  return {
    type: reaction.type,
    eventId: delivery.eventId,
    channel,
    at: reaction.event_ts ? slackTsToDate(reaction.event_ts) : delivery.fallbackAt,
    message: ref(reaction.item.ts),
    member: memberId('slack', reaction.user),
    emoji: cleanText(reaction.reaction),
    // Other bots' reactions look like anyone's here (only `users.info` tells); the core
    // ignores every `fromBot` reaction, so no bot can vote.
    fromBot: reaction.user === delivery.context.botUserId,
  };
}

function translateLeft(event: unknown, delivery: Delivery): BotRemovedEvent | undefined {
  const member = memberLeftSchema.safeParse(event);
  if (member.success) {
    // Members leave channels all the time; only the bot's own departure matters.
    if (member.data.user !== delivery.context.botUserId) return undefined;
    return botRemoved(delivery, member.data.channel, member.data.event_ts);
  }
  const bot = botLeftSchema.safeParse(event);
  return bot.success ? botRemoved(delivery, bot.data.channel, bot.data.event_ts) : undefined;
}

function botRemoved(
  delivery: Delivery,
  channel: string,
  eventTs: string | null | undefined,
): BotRemovedEvent {
  return {
    type: 'bot_removed',
    eventId: delivery.eventId,
    channel: ids(delivery, channel).channel,
    // `member_left_channel` carries no timestamp of its own in Slack's documented shape.
    at: eventTs ? slackTsToDate(eventTs) : delivery.fallbackAt,
  };
}
