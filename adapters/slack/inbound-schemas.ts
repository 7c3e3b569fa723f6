/**
 * zod shapes of the Events API payloads the Slack adapter reads, written from Slack's event
 * reference (https://docs.slack.dev/reference/events). Each schema names only the fields the
 * translation uses; unknown fields are ignored, and a field of the wrong type makes the whole
 * event malformed (translated to nothing) rather than half-read.
 */
import { z } from 'zod';
import { MAX_EPOCH_SECONDS, slackId, slackText, slackTs } from './inbound-text.ts';

/** The outer `event_callback` wrapper: https://docs.slack.dev/apis/events-api/#callback-field */
export const envelopeSchema = z.object({
  type: z.literal('event_callback'),
  team_id: slackId,
  /** `Ev…`; the same on every retry of one delivery, so it is the dedupe key. */
  event_id: z.string().regex(/^[A-Za-z0-9]{2,64}$/),
  /** Seconds since the epoch; the fallback time for events without a timestamp of their own. */
  event_time: z.number().int().min(0).max(MAX_EPOCH_SECONDS).optional(),
  event: z.looseObject({ type: z.string().max(100) }),
});

/**
 * The fields of a message that decide whether it is a member's thread reply. Slack sends
 * `null` for some absent fields, so optional ones accept it.
 * https://docs.slack.dev/reference/events/message
 */
const messageFields = {
  subtype: z.string().max(100).nullish(),
  user: slackId.nullish(),
  /** Any value here means a bot or an app posted it, whatever its shape. */
  bot_id: z.string().max(100).nullish(),
  text: slackText.nullish(),
  ts: slackTs,
  thread_ts: slackTs.nullish(),
};

/** A message as carried inside `message_changed` / `message_deleted`. */
export const innerMessageSchema = z.object(messageFields);
export type InnerMessage = z.infer<typeof innerMessageSchema>;

/**
 * A new message. Only the subtypes a member's reply can have pass: none, `thread_broadcast`
 * (a reply also sent to the channel) and `file_share` (a reply with an attachment, whose text
 * is still the answer). Joins, topic changes, `bot_message` and the rest are not replies.
 */
export const newMessageSchema = z.object({
  ...messageFields,
  type: z.literal('message'),
  subtype: z.enum(['thread_broadcast', 'file_share']).nullish(),
  channel: slackId,
});

/** https://docs.slack.dev/reference/events/message/message_changed */
export const messageChangedSchema = z.object({
  type: z.literal('message'),
  subtype: z.literal('message_changed'),
  channel: slackId,
  /** When the change happened (the edited message keeps its own `ts`). */
  ts: slackTs,
  message: innerMessageSchema,
});

/** https://docs.slack.dev/reference/events/message/message_deleted */
export const messageDeletedSchema = z.object({
  type: z.literal('message'),
  subtype: z.literal('message_deleted'),
  channel: slackId,
  ts: slackTs,
  deleted_ts: slackTs.nullish(),
  /** The only place that says which thread the deleted message was in. */
  previous_message: innerMessageSchema.nullish(),
});

/**
 * https://docs.slack.dev/reference/events/reaction_added (and `reaction_removed`). Reactions
 * to files and file comments have another `item.type` and are not votes.
 */
export const reactionSchema = z.object({
  type: z.enum(['reaction_added', 'reaction_removed']),
  user: slackId,
  reaction: z.string().min(1).max(200),
  item: z.object({ type: z.literal('message'), channel: slackId, ts: slackTs }),
  event_ts: slackTs.nullish(),
});

/** https://docs.slack.dev/reference/events/member_left_channel */
export const memberLeftSchema = z.object({
  type: z.literal('member_left_channel'),
  user: slackId,
  channel: slackId,
  event_ts: slackTs.nullish(),
});

/**
 * https://docs.slack.dev/reference/events/channel_left and `group_left`: sent to the bot
 * itself when it leaves or is removed from a public or private channel.
 */
export const botLeftSchema = z.object({
  type: z.enum(['channel_left', 'group_left']),
  channel: slackId,
  event_ts: slackTs.nullish(),
});
