/**
 * Creating a message, shared by every way one appears: the bot's `POST /channels/{id}/messages`,
 * an interaction response or follow-up, and a member's message injected by a test.
 *
 * The documented limits are enforced (2,000 characters of content, 10 embeds and 6,000
 * characters across them, no empty message, a nonce of at most 25 characters) because
 * drillbot must split long reveals itself, and only a fake that refuses an oversized
 * message can show that it does.
 *
 * @see https://discord.com/developers/docs/resources/message#create-message
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
import { z } from 'zod';
import { MESSAGE_TYPE, NO_FLAGS } from './constants.ts';
import { parseFormBody, RestError } from './errors.ts';
import {
  type AllowedMentions,
  allowedMentionsSchema,
  resolveMentions,
  validateAllowedMentions,
} from './mentions.ts';
import type { StoredMessage } from './message-store.ts';
import type { FakeDiscordState, FakeMessage } from './state.ts';
import type { ChannelState } from './world.ts';
import { renderUser } from './world-render.ts';

const embedSchema = z.looseObject({
  title: z.string().optional(),
  description: z.string().optional(),
  fields: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
  footer: z.looseObject({ text: z.string() }).optional(),
  author: z.looseObject({ name: z.string() }).optional(),
});

export const messageBodySchema = z.looseObject({
  content: z.string().optional(),
  embeds: z.array(embedSchema).optional(),
  components: z.array(z.unknown()).optional(),
  flags: z.number().int().optional(),
  nonce: z.union([z.string(), z.number()]).optional(),
  enforce_nonce: z.boolean().optional(),
  allowed_mentions: allowedMentionsSchema.nullable().optional(),
  message_reference: z.looseObject({ message_id: z.string().optional() }).optional(),
  tts: z.boolean().optional(),
  sticker_ids: z.array(z.string()).optional(),
  attachments: z.array(z.unknown()).optional(),
  poll: z.unknown().optional(),
});
export type MessageBody = z.infer<typeof messageBodySchema>;

/** Parses a message body, answering 50035 (with the zod path) for a malformed one. */
export function parseMessageBody(body: unknown): MessageBody {
  return parseFormBody(messageBodySchema, body ?? {});
}

function embedLength(embed: z.infer<typeof embedSchema>): number {
  const fields = (embed.fields ?? []).reduce(
    (sum, field) => sum + field.name.length + field.value.length,
    0,
  );
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

/** Throws what Discord throws for a body over its limits. `partial` is for edits. */
export function checkMessageLimits(body: MessageBody, partial = false): void {
  if ((body.content?.length ?? 0) > 2000) {
    throw RestError.invalidField(
      'content',
      'BASE_TYPE_MAX_LENGTH',
      'Must be 2000 or fewer in length.',
    );
  }
  const embeds = body.embeds ?? [];
  if (embeds.length > 10)
    throw RestError.invalidField(
      'embeds',
      'BASE_TYPE_MAX_LENGTH',
      'Must be 10 or fewer in length.',
    );
  if (embeds.reduce((sum, embed) => sum + embedLength(embed), 0) > 6000) {
    throw RestError.invalidField(
      'embeds',
      'MAX_EMBED_SIZE_EXCEEDED',
      'Embed size exceeds maximum size of 6000',
    );
  }
  if (typeof body.nonce === 'string' && body.nonce.length > 25) {
    throw RestError.invalidField('nonce', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  }
  validateAllowedMentions(body.allowed_mentions ?? undefined);
  const empty =
    !body.content &&
    embeds.length === 0 &&
    !body.components?.length &&
    !body.sticker_ids?.length &&
    !body.poll &&
    !body.attachments?.length;
  if (empty && !partial) throw new RestError(400, 50006, 'Cannot send an empty message');
}

export interface CreateMessageExtras {
  type?: number;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: FakeMessage['interaction_metadata'];
  ephemeral?: boolean;
  /** Flags the platform adds (e.g. LOADING for a deferred reply). */
  extraFlags?: number;
}

/** Stores a new message in `channel` by `authorId`; the caller has done permission checks. */
export function createMessage(
  state: FakeDiscordState,
  channel: ChannelState,
  authorId: string,
  body: MessageBody,
  extras: CreateMessageExtras = {},
): StoredMessage {
  const { world, ids, options } = state;
  const allowed: AllowedMentions | undefined = body.allowed_mentions ?? undefined;
  const id = ids.next();
  const reference = body.message_reference?.message_id;
  const message: FakeMessage = {
    id,
    channel_id: channel.id,
    author: renderUser(world.users.get(authorId), authorId),
    content: body.content ?? '',
    timestamp: new Date(options.now()).toISOString(),
    edited_timestamp: null,
    tts: body.tts ?? false,
    ...resolveMentions(world, channel, body.content ?? '', allowed),
    attachments: [],
    embeds: body.embeds ?? [],
    pinned: false,
    type: extras.type ?? (reference ? MESSAGE_TYPE.reply : MESSAGE_TYPE.default),
    flags: (body.flags ?? NO_FLAGS) | (extras.extraFlags ?? 0),
    ...(body.components ? { components: body.components } : {}),
    ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
    ...(reference
      ? { message_reference: { type: 0, message_id: reference, channel_id: channel.id } }
      : {}),
    ...(extras.webhookId ? { webhook_id: extras.webhookId } : {}),
    ...(extras.applicationId ? { application_id: extras.applicationId } : {}),
    ...(extras.interactionMetadata ? { interaction_metadata: extras.interactionMetadata } : {}),
  };
  const stored = state.messages.add({
    message,
    guildId: channel.kind === 'dm' ? undefined : channel.guildId,
    createdAt: options.now(),
    allowedMentions: allowed,
    enforceNonce: body.enforce_nonce ?? false,
    ephemeral: extras.ephemeral ?? false,
    deleted: false,
    reactions: new Map(),
  });
  if (!stored.ephemeral) {
    channel.lastMessageId = id;
    if (channel.kind === 'thread') {
      channel.messageCount += 1;
      channel.totalMessageSent += 1;
      // Posting in an archived (not locked) thread unarchives it, as on Discord.
      channel.archived = false;
    }
  }
  return stored;
}

/**
 * MESSAGE_CREATE / MESSAGE_UPDATE data for a stored message: the message plus the gateway's
 * extra fields (`guild_id`, the author's `member` without `user`, `channel_type`).
 *
 * @see https://discord.com/developers/docs/events/gateway-events#message-create-message-create-extra-fields
 */
export function messageEventData(
  state: FakeDiscordState,
  stored: StoredMessage,
): Record<string, unknown> {
  const data: Record<string, unknown> = { ...state.messages.render(stored, state.world.botUserId) };
  const channel = state.world.channels.get(stored.message.channel_id);
  if (channel) data.channel_type = channel.kind === 'dm' ? 1 : channel.type;
  if (stored.guildId === undefined) return data;
  data.guild_id = stored.guildId;
  const member = state.world.guilds.get(stored.guildId)?.members.get(stored.message.author.id);
  if (member && stored.message.webhook_id === undefined) {
    data.member = {
      roles: [...member.roles],
      joined_at: member.joinedAt,
      nick: member.nick,
      deaf: false,
      mute: false,
      flags: 0,
    };
  }
  return data;
}
