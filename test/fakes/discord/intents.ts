/**
 * What a session receives, by its intents and shard, as Discord decides it:
 *
 * - an event whose intent was not requested is not sent at all (no GuildMessageReactions,
 *   no MESSAGE_REACTION_ADD), so a missing intent in the adapter shows up as a test that
 *   never sees its event, as it would in production;
 * - without MessageContent, guild messages arrive with `content`, `embeds`, `attachments`
 *   and `components` emptied, except the bot's own and those mentioning it;
 * - a guild's events go to shard `(guild_id >> 22) % num_shards`; DMs to shard 0.
 *
 * @see https://discord.com/developers/docs/events/gateway#list-of-intents
 * @see https://discord.com/developers/docs/events/gateway#message-content-intent
 * @see https://discord.com/developers/docs/events/gateway#sharding
 */
import { INTENT } from './constants.ts';

function field(data: unknown, name: string): unknown {
  return typeof data === 'object' && data !== null ? Reflect.get(data, name) : undefined;
}

function guildIdOf(type: string, data: unknown): string | undefined {
  // GUILD_CREATE / GUILD_DELETE name their guild `id`; everything else `guild_id`.
  const value =
    type === 'GUILD_CREATE' || type === 'GUILD_DELETE'
      ? field(data, 'id')
      : field(data, 'guild_id');
  return typeof value === 'string' ? value : undefined;
}

/** The intent bit an event needs, or 0 for events every session gets. */
export function requiredIntent(type: string, data: unknown): number {
  const inGuild = guildIdOf(type, data) !== undefined;
  if (type.startsWith('GUILD_') || type.startsWith('THREAD_') || type.startsWith('CHANNEL_'))
    return INTENT.guilds;
  if (type === 'MESSAGE_CREATE' || type === 'MESSAGE_UPDATE' || type === 'MESSAGE_DELETE') {
    return inGuild ? INTENT.guildMessages : INTENT.directMessages;
  }
  if (type.startsWith('MESSAGE_REACTION_'))
    return inGuild ? INTENT.guildMessageReactions : INTENT.directMessageReactions;
  return 0;
}

export function shardOf(type: string, data: unknown, shardCount: number): number {
  const guildId = guildIdOf(type, data);
  if (guildId === undefined || shardCount <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The data as a session without MessageContent receives it (unchanged when not affected). */
export function applyMessageContentRule(
  type: string,
  data: unknown,
  intents: number,
  botUserId: string,
): unknown {
  if ((intents & INTENT.messageContent) !== 0) return data;
  if (type !== 'MESSAGE_CREATE' && type !== 'MESSAGE_UPDATE') return data;
  if (typeof data !== 'object' || data === null || guildIdOf(type, data) === undefined) return data;
  const author = field(data, 'author');
  if (field(author, 'id') === botUserId) return data;
  const mentions = field(data, 'mentions');
  if (Array.isArray(mentions) && mentions.some((user) => field(user, 'id') === botUserId))
    return data;
  return { ...data, content: '', embeds: [], attachments: [], components: [] };
}
