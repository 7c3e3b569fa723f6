/**
 * zod shapes of the gateway dispatches the Discord adapter reads, written from Discord's
 * gateway events reference (https://discord.com/developers/docs/events/gateway-events). Each
 * schema names only the fields the translation uses; unknown fields are ignored, and a field
 * of the wrong type makes the whole event malformed (translated to nothing) rather than
 * half-read. Discord sends `null` for some absent fields, so optional ones accept it.
 */
import { z } from 'zod';
import { contentText, isoTime, nameText, snowflake } from './inbound-text.ts';

/** https://discord.com/developers/docs/resources/user#user-object */
export const userSchema = z.object({
  id: snowflake,
  username: nameText.nullish(),
  global_name: nameText.nullish(),
  /** Any bot account, ours included. */
  bot: z.boolean().nullish(),
  /** Discord's own system user. */
  system: z.boolean().nullish(),
});

/** The partial guild member sent with messages and interactions. */
const memberSchema = z.object({ nick: nameText.nullish() });

/**
 * Message types a member's answer can have: DEFAULT (0) and REPLY (19). Thread starters (21),
 * pins, joins and the other system messages are not answers.
 * https://discord.com/developers/docs/resources/message#message-object-message-types
 */
export const ANSWER_TYPES: ReadonlySet<number> = new Set([0, 19]);

/** https://discord.com/developers/docs/events/gateway-events#message-create */
export const messageCreateSchema = z.object({
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.nullish(),
  author: userSchema,
  member: memberSchema.nullish(),
  /** Empty without the MessageContent intent, and for attachment-only messages. */
  content: contentText,
  timestamp: isoTime,
  type: z.number().int(),
  /** Set on messages a webhook posted: never a member's answer. */
  webhook_id: snowflake.nullish(),
});

/**
 * https://discord.com/developers/docs/events/gateway-events#message-update. Updates may carry
 * only part of the message; an edit has `content`, an `author` and an `edited_timestamp`
 * (embed unfurls arrive as updates without one and are not edits).
 */
export const messageUpdateSchema = z.object({
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.nullish(),
  author: userSchema.nullish(),
  content: contentText.nullish(),
  edited_timestamp: isoTime.nullish(),
  type: z.number().int().nullish(),
  webhook_id: snowflake.nullish(),
});

/** https://discord.com/developers/docs/events/gateway-events#message-delete */
export const messageDeleteSchema = z.object({
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.nullish(),
});

/**
 * https://discord.com/developers/docs/events/gateway-events#message-reaction-add (and
 * `MESSAGE_REACTION_REMOVE`, which has no `member`). A custom emoji has an id (its name may
 * be null once deleted); a standard one only its name, the character itself.
 */
export const reactionSchema = z.object({
  user_id: snowflake,
  channel_id: snowflake,
  message_id: snowflake,
  guild_id: snowflake.nullish(),
  member: z.object({ user: userSchema.nullish() }).nullish(),
  emoji: z.object({ id: snowflake.nullish(), name: z.string().max(100).nullish() }),
});

/**
 * https://discord.com/developers/docs/events/gateway-events#guild-delete: `unavailable` set
 * means an outage, not a removal.
 */
export const guildDeleteSchema = z.object({
  id: snowflake,
  unavailable: z.boolean().nullish(),
});

/** https://discord.com/developers/docs/events/gateway-events#channel-delete */
export const channelDeleteSchema = z.object({
  id: snowflake,
  guild_id: snowflake.nullish(),
  type: z.number().int(),
});

/** Thread channel types: announcement (10), public (11) and private (12) threads. */
export const THREAD_TYPES: ReadonlySet<number> = new Set([10, 11, 12]);
