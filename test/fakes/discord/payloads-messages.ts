/**
 * Typed builders for the message events drillbot consumes: a member's message (in a drill's
 * thread, usually), its edit, its deletion, and reactions added or removed. Each returns the
 * `d` of the documented dispatch; send it with `fake.dispatch(type, data)`, or use the
 * fake's `postAsMember`/`editAsMember`/... which also keep REST state in step.
 *
 * @see https://discord.com/developers/docs/events/gateway-events#message-create
 * @see https://discord.com/developers/docs/events/gateway-events#message-reaction-add
 */
import type {
  APIPartialEmoji,
  GatewayMessageCreateDispatchData,
  GatewayMessageDeleteDispatchData,
  GatewayMessageReactionAddDispatchData,
  GatewayMessageReactionRemoveDispatchData,
  GatewayMessageUpdateDispatchData,
} from 'discord.js';
import { CHANNEL_TYPE, MESSAGE_TYPE, NO_FLAGS } from './constants.ts';
import { FAKE_IDS } from './options.ts';
import {
  apiMember,
  apiMemberNoUser,
  apiUser,
  DEFAULT_TIMESTAMP,
  FAKE_USERS,
  type PayloadMember,
  type PayloadUser,
  payloadId,
} from './payloads-common.ts';

export interface MemberMessageInput {
  /** The channel or thread; defaults to the default world's drill channel. */
  channelId?: string;
  /** Omit the guild (and member) for a DM. Defaults to the default guild. */
  guildId?: string | null;
  /** 11 (public thread) for a message in a drill's thread; 0 (text) by default. */
  channelType?: 0 | 1 | 5 | 10 | 11;
  author?: PayloadUser;
  member?: PayloadMember;
  content: string;
  id?: string;
  timestamp?: string;
  /** Another message this one replies to. */
  replyTo?: string;
}

/** A member's message; with MessageContent not granted the fake blanks `content` itself. */
export function memberMessage(input: MemberMessageInput): GatewayMessageCreateDispatchData {
  const guildId = input.guildId === undefined ? FAKE_IDS.guildId : input.guildId;
  const channelId = input.channelId ?? FAKE_IDS.channelId;
  const author = input.author ?? FAKE_USERS.member;
  return {
    id: input.id ?? payloadId(),
    channel_id: channelId,
    author: apiUser(author),
    content: input.content,
    timestamp: input.timestamp ?? DEFAULT_TIMESTAMP,
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: input.replyTo ? MESSAGE_TYPE.reply : MESSAGE_TYPE.default,
    flags: NO_FLAGS,
    channel_type:
      input.channelType ?? (guildId === null ? CHANNEL_TYPE.dm : CHANNEL_TYPE.guildText),
    ...(input.replyTo
      ? { message_reference: { type: 0, message_id: input.replyTo, channel_id: channelId } }
      : {}),
    ...(guildId === null ? {} : { guild_id: guildId, member: apiMemberNoUser(input.member) }),
  };
}

/** A member's reply in a drill's thread: `memberMessage` with the thread as its channel. */
export function threadMessage(
  input: Omit<MemberMessageInput, 'channelId' | 'channelType'> & { threadId: string },
): GatewayMessageCreateDispatchData {
  return memberMessage({
    ...input,
    channelId: input.threadId,
    channelType: CHANNEL_TYPE.publicThread,
  });
}

/** MESSAGE_UPDATE for an edit: the full message with new content and `edited_timestamp`. */
export function messageEdit(
  original: GatewayMessageCreateDispatchData,
  content: string,
  editedTimestamp = new Date(Date.parse(original.timestamp) + 60_000).toISOString(),
): GatewayMessageUpdateDispatchData {
  return { ...original, content, edited_timestamp: editedTimestamp };
}

export function messageDelete(message: {
  id: string;
  channel_id: string;
  guild_id?: string;
}): GatewayMessageDeleteDispatchData {
  return {
    id: message.id,
    channel_id: message.channel_id,
    ...(message.guild_id === undefined ? {} : { guild_id: message.guild_id }),
  };
}

/** `👍` is `{ id: null, name: '👍' }`; a custom emoji is `{ id, name }`. */
export function unicodeEmoji(name: string): APIPartialEmoji {
  return { id: null, name };
}

export interface ReactionInput {
  user?: PayloadUser;
  member?: PayloadMember;
  channelId?: string;
  messageId: string;
  /** The author of the message reacted to (MESSAGE_REACTION_ADD carries it). */
  messageAuthorId?: string;
  guildId?: string | null;
  emoji?: APIPartialEmoji;
}

export function reactionAdd(input: ReactionInput): GatewayMessageReactionAddDispatchData {
  const user = input.user ?? FAKE_USERS.member;
  const guildId = input.guildId === undefined ? FAKE_IDS.guildId : input.guildId;
  return {
    ...reactionRemove(input),
    burst_colors: [],
    ...(input.messageAuthorId ? { message_author_id: input.messageAuthorId } : {}),
    ...(guildId === null ? {} : { member: apiMember(user, input.member) }),
  };
}

export function reactionRemove(input: ReactionInput): GatewayMessageReactionRemoveDispatchData {
  const guildId = input.guildId === undefined ? FAKE_IDS.guildId : input.guildId;
  return {
    user_id: (input.user ?? FAKE_USERS.member).id,
    channel_id: input.channelId ?? FAKE_IDS.channelId,
    message_id: input.messageId,
    emoji: input.emoji ?? unicodeEmoji('👍'),
    burst: false,
    type: 0,
    ...(guildId === null ? {} : { guild_id: guildId }),
  };
}
