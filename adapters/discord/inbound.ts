/**
 * Discord gateway dispatches -> the core's inbound events. Pure translation: no discord.js,
 * no I/O, no decisions beyond what the Platform contract asks of every adapter (drop the
 * bot's own messages and other bots' at the edge). Anything irrelevant or malformed becomes
 * `undefined`, and no input, however hostile, makes these functions throw: one odd dispatch
 * must never stop the shard that received it.
 *
 * Where things live on Discord: a drill question is a message in the channel, and its thread
 * is a channel whose id equals the question's message id
 * (https://discord.com/developers/docs/resources/channel#start-thread-from-message). So a
 * reply in thread T of channel C in guild G has
 *   channel  `discord:G:C`      (the drill's channel, where the core keeps the drill)
 *   root     `discord:G:C:T`    (the question message, as `postMessage` returned it)
 *   message  `discord:G:T:<id>` (where the reply itself lives, to react to or look up).
 * A dispatch names only the thread; its parent comes from the adapter (`parentOf`, fed by
 * THREAD_CREATE / GUILD_CREATE), since the core needs the channel.
 *
 * Event ids are stable across gateway resumes, which replay dispatches as they were:
 * `discord:<message id>` for a reply, `discord:<message id>:edit:<edited_timestamp>` for an
 * edit, `discord:<message id>:delete`, `discord:channel-deleted:<channel id>`. Reactions and
 * guild removals have no id of their own and may happen again (a reaction added, removed and
 * added again), so they take the dispatch's place in its session (`discord:dispatch:<session
 * id>:<sequence>`) when the adapter passes it, else their arrival time; replaying a reaction is
 * harmless anyway, as a vote is a set membership in the core.
 *
 * Interactions (commands, buttons, modals) are translated in ./inbound-interaction.ts.
 */
import { memberId } from '../../src/core/ids.ts';
import type {
  InboundEvent,
  ReactionEvent,
  ReplyDeletedEvent,
  ReplyEditedEvent,
  ThreadReplyEvent,
} from '../../src/core/platform.ts';
import {
  fromBot,
  type GatewayContext,
  inChannel,
  inThread,
  occurrenceId,
} from './inbound-context.ts';
import {
  type GuildRemovedEvent,
  translateChannelDelete,
  translateGuildDelete,
} from './inbound-removed.ts';
import {
  ANSWER_TYPES,
  messageCreateSchema,
  messageDeleteSchema,
  messageUpdateSchema,
  reactionSchema,
} from './inbound-schemas.ts';
import { cleanText, displayName } from './inbound-text.ts';

export type { GatewayContext } from './inbound-context.ts';
export {
  type DiscordCommandEvent,
  type DiscordFormEvent,
  type DiscordFormRequest,
  type DiscordInteraction,
  translateInteraction,
} from './inbound-interaction.ts';
export type { GuildRemovedEvent } from './inbound-removed.ts';

/** What a gateway dispatch becomes: a core event, or the guild-level marker of inbound-removed.ts. */
export type DiscordInbound = InboundEvent | GuildRemovedEvent;

/**
 * Translates one gateway dispatch (`t` and `d` of an op-0 payload): MESSAGE_CREATE,
 * MESSAGE_UPDATE, MESSAGE_DELETE, MESSAGE_REACTION_ADD/REMOVE, GUILD_DELETE, CHANNEL_DELETE.
 * MESSAGE_DELETE_BULK is not translated: only moderators' purges send it, and the answers it
 * removes stay as they were.
 */
export function translateGatewayEvent(
  type: string,
  data: unknown,
  context: GatewayContext,
): DiscordInbound | undefined {
  try {
    switch (type) {
      case 'MESSAGE_CREATE':
        return translateReply(data, context);
      case 'MESSAGE_UPDATE':
        return translateEdit(data, context);
      case 'MESSAGE_DELETE':
        return translateDelete(data, context);
      case 'MESSAGE_REACTION_ADD':
        return translateReaction('reaction_added', data, context);
      case 'MESSAGE_REACTION_REMOVE':
        return translateReaction('reaction_removed', data, context);
      case 'GUILD_DELETE':
        return translateGuildDelete(data, context);
      case 'CHANNEL_DELETE':
        return translateChannelDelete(data, context);
      default:
        return undefined;
    }
  } catch {
    // Only reachable through exotic objects (throwing getters, proxies) or a throwing
    // context: JSON never gets here.
    return undefined;
  }
}

function translateReply(data: unknown, context: GatewayContext): ThreadReplyEvent | undefined {
  const parsed = messageCreateSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  if (fromBot(message.author, message.webhook_id, context) || !ANSWER_TYPES.has(message.type))
    return undefined;
  // Top-level channel messages are chatter, not answers.
  const ids = inThread(message.channel_id, message.id, message.guild_id, context);
  if (!ids) return undefined;
  const name = displayName(
    message.member?.nick,
    message.author.global_name,
    message.author.username,
  );
  return {
    type: 'thread_reply',
    eventId: `discord:${message.id}`,
    channel: ids.channel,
    // The message's own time, not the arrival: a replay after the close must not turn an
    // on-time answer into a late one.
    at: new Date(message.timestamp),
    root: ids.root,
    message: ids.message,
    member: memberId('discord', message.author.id),
    ...(name === undefined ? {} : { memberName: name }),
    text: cleanText(message.content),
  };
}

function translateEdit(data: unknown, context: GatewayContext): ReplyEditedEvent | undefined {
  const parsed = messageUpdateSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const update = parsed.data;
  const { author, content, edited_timestamp: edited } = update;
  if (!author || typeof content !== 'string' || !edited) return undefined;
  if (fromBot(author, update.webhook_id, context)) return undefined;
  if (update.type !== undefined && update.type !== null && !ANSWER_TYPES.has(update.type))
    return undefined;
  const ids = inThread(update.channel_id, update.id, update.guild_id, context);
  if (!ids) return undefined;
  return {
    type: 'reply_edited',
    eventId: `discord:${update.id}:edit:${edited}`,
    channel: ids.channel,
    // When the edit happened: an edit after the close must not change a scored answer.
    at: new Date(edited),
    root: ids.root,
    message: ids.message,
    member: memberId('discord', author.id),
    text: cleanText(content),
  };
}

/**
 * A delete names no author: the bot's own deleted messages pass too, and the core, which
 * knows no answer by their id, ignores them.
 */
function translateDelete(data: unknown, context: GatewayContext): ReplyDeletedEvent | undefined {
  const parsed = messageDeleteSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const deleted = parsed.data;
  const ids = inThread(deleted.channel_id, deleted.id, deleted.guild_id, context);
  if (!ids) return undefined;
  return {
    type: 'reply_deleted',
    eventId: `discord:${deleted.id}:delete`,
    channel: ids.channel,
    at: context.receivedAt,
    root: ids.root,
    message: ids.message,
  };
}

function translateReaction(
  type: ReactionEvent['type'],
  data: unknown,
  context: GatewayContext,
): ReactionEvent | undefined {
  const parsed = reactionSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const reaction = parsed.data;
  // A custom emoji by id (its name can change or vanish), a standard one by its character.
  const emoji = reaction.emoji.id ?? cleanText(reaction.emoji.name ?? '');
  if (emoji === '') return undefined;
  // A vote is on a reply in a thread; a reaction elsewhere is passed on with its own channel.
  const ids =
    inThread(reaction.channel_id, reaction.message_id, reaction.guild_id, context) ??
    inChannel(reaction.channel_id, reaction.message_id, reaction.guild_id, context);
  if (!ids) return undefined;
  const kind = type === 'reaction_added' ? 'reaction-add' : 'reaction-remove';
  return {
    type,
    eventId: occurrenceId(kind, `${reaction.message_id}:${reaction.user_id}:${emoji}`, context),
    channel: ids.channel,
    at: context.receivedAt,
    message: ids.message,
    member: memberId('discord', reaction.user_id),
    emoji,
    // Passed on rather than dropped, as the contract has it; the core ignores them.
    fromBot: reaction.user_id === context.botUserId || reaction.member?.user?.bot === true,
  };
}
