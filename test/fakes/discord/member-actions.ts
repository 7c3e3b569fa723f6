/**
 * What members (and Discord) do, applied to the fake's state and announced on the gateway in
 * one step: a member posts, edits, deletes, reacts; an interaction arrives; the bot is
 * removed from a guild. Keeping both sides in step matters because the adapter reads both:
 * it receives MESSAGE_CREATE and later pages `GET /channels/{id}/messages`, and those must
 * agree, as they do on Discord.
 */
import { z } from 'zod';
import type { DispatchResult } from './gateway-types.ts';
import type { InteractionRecord } from './interaction-store.ts';
import { createMessage, messageEventData } from './message-create.ts';
import { parseEmoji, type StoredMessage } from './message-store.ts';
import { FAKE_IDS } from './options.ts';
import type { PayloadMember, PayloadUser } from './payloads-common.ts';
import { guildDelete } from './payloads-guild.ts';
import { reactionAdd, reactionRemove } from './payloads-messages.ts';
import type { FakeDiscordState } from './state.ts';

export interface MemberPostInput {
  /** A channel or thread id; defaults to the default world's drill channel. */
  channelId?: string;
  userId?: string;
  content: string;
  replyTo?: string;
}

export interface MemberReactionInput {
  messageId: string;
  userId?: string;
  /** Unicode emoji or `name:id`; default 👍. */
  emoji?: string;
}

/** Everything an interaction builder needs about a member, computed from the world. */
export interface MemberContext {
  guildId: string;
  channelId: string;
  user: PayloadUser;
  member: PayloadMember;
  permissions: string;
  appPermissions: string;
}

/** The fields of an interaction payload the fake needs, narrowed from whatever was passed. */
const interactionSchema = z.looseObject({
  id: z.string(),
  token: z.string(),
  application_id: z.string(),
  type: z.number().int(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  member: z.looseObject({ user: z.looseObject({ id: z.string() }) }).optional(),
  user: z.looseObject({ id: z.string() }).optional(),
  message: z.looseObject({ id: z.string() }).optional(),
});

export class MemberActions {
  private readonly state: FakeDiscordState;
  private readonly dispatch: (type: string, data: unknown) => DispatchResult[];

  constructor(
    state: FakeDiscordState,
    dispatch: (type: string, data: unknown) => DispatchResult[],
  ) {
    this.state = state;
    this.dispatch = dispatch;
  }

  private existing(messageId: string): StoredMessage {
    const stored = this.state.messages.get(messageId);
    if (!stored) throw new Error(`fake discord: no message ${messageId}`);
    return stored;
  }

  /** A member's message: stored (so history has it) and sent as MESSAGE_CREATE. */
  post(input: MemberPostInput): StoredMessage {
    return this.postTracked(input).stored;
  }

  /**
   * `post`, also telling which gateway sessions the MESSAGE_CREATE went to: the chaos test
   * needs to know whether a live bot received a reply before it can demand that it was stored.
   */
  postTracked(input: MemberPostInput): { stored: StoredMessage; dispatched: DispatchResult[] } {
    const channelId = input.channelId ?? FAKE_IDS.channelId;
    const channel = this.state.world.channels.get(channelId);
    if (!channel) throw new Error(`fake discord: no channel ${channelId}`);
    const stored = createMessage(this.state, channel, input.userId ?? FAKE_IDS.memberId, {
      content: input.content,
      ...(input.replyTo ? { message_reference: { message_id: input.replyTo } } : {}),
    });
    const dispatched = this.dispatch('MESSAGE_CREATE', messageEventData(this.state, stored));
    return { stored, dispatched };
  }

  edit(messageId: string, content: string): StoredMessage {
    const stored = this.existing(messageId);
    stored.message.content = content;
    stored.message.edited_timestamp = new Date(this.state.options.now()).toISOString();
    this.dispatch('MESSAGE_UPDATE', messageEventData(this.state, stored));
    return stored;
  }

  delete(messageId: string): void {
    const stored = this.existing(messageId);
    stored.deleted = true;
    this.dispatch('MESSAGE_DELETE', {
      id: stored.message.id,
      channel_id: stored.message.channel_id,
      ...(stored.guildId === undefined ? {} : { guild_id: stored.guildId }),
    });
  }

  private reactionInput(stored: StoredMessage, userId: string, emojiText: string) {
    const user = this.state.world.users.get(userId);
    const member =
      stored.guildId === undefined
        ? undefined
        : this.state.world.guilds.get(stored.guildId)?.members.get(userId);
    return {
      user: { id: userId, username: user?.username ?? userId, bot: user?.bot ?? false },
      ...(member ? { member: { roles: member.roles, joinedAt: member.joinedAt } } : {}),
      channelId: stored.message.channel_id,
      messageId: stored.message.id,
      messageAuthorId: stored.message.author.id,
      guildId: stored.guildId ?? null,
      emoji: parseEmoji(emojiText),
    };
  }

  react(input: MemberReactionInput): void {
    const stored = this.existing(input.messageId);
    const userId = input.userId ?? FAKE_IDS.memberId;
    const emoji = input.emoji ?? '👍';
    if (this.state.messages.react(stored, parseEmoji(emoji), userId)) {
      this.dispatch('MESSAGE_REACTION_ADD', reactionAdd(this.reactionInput(stored, userId, emoji)));
    }
  }

  unreact(input: MemberReactionInput): void {
    const stored = this.existing(input.messageId);
    const userId = input.userId ?? FAKE_IDS.memberId;
    const emoji = input.emoji ?? '👍';
    if (this.state.messages.unreact(stored, parseEmoji(emoji), userId)) {
      this.dispatch(
        'MESSAGE_REACTION_REMOVE',
        reactionRemove(this.reactionInput(stored, userId, emoji)),
      );
    }
  }

  /** Registers an interaction (so its token works) and sends INTERACTION_CREATE. */
  interact(payload: unknown): InteractionRecord {
    const data = interactionSchema.parse(payload);
    const record = this.state.interactions.register({
      id: data.id,
      token: data.token,
      applicationId: data.application_id,
      type: data.type,
      guildId: data.guild_id,
      channelId: data.channel_id,
      userId: data.member?.user.id ?? data.user?.id ?? '',
      messageId: data.message?.id,
      createdAt: this.state.options.now(),
      response: undefined,
      originalMessageId: undefined,
      followupMessageIds: [],
    });
    this.dispatch('INTERACTION_CREATE', payload);
    return record;
  }

  /** A member's user, roles and channel permissions from the world, for interaction builders. */
  context(userId: string, channelId: string = FAKE_IDS.channelId): MemberContext {
    const { world } = this.state;
    const channel = world.channels.get(channelId);
    const guild = channel ? world.guildOf(channel) : undefined;
    const member = guild?.members.get(userId);
    const user = world.users.get(userId);
    if (!channel || !guild || !member)
      throw new Error(`fake discord: ${userId} is not a member where ${channelId} is`);
    return {
      guildId: guild.id,
      channelId,
      user: {
        id: userId,
        username: user?.username ?? userId,
        ...(user?.globalName ? { globalName: user.globalName } : {}),
        ...(user?.bot ? { bot: true } : {}),
      },
      member: { roles: member.roles, joinedAt: member.joinedAt, nick: member.nick },
      permissions: world.channelPermissions(channel, userId).toString(),
      appPermissions: world.channelPermissions(channel, world.botUserId).toString(),
    };
  }

  /** The bot is kicked (or the guild deleted): GUILD_DELETE without `unavailable`, REST then 403. */
  removeBotFromGuild(guildId: string = FAKE_IDS.guildId): void {
    const guild = this.state.world.guilds.get(guildId);
    if (!guild) throw new Error(`fake discord: no guild ${guildId}`);
    this.dispatch('GUILD_DELETE', guildDelete(guildId));
    guild.botIsMember = false;
  }
}
