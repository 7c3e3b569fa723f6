/**
 * The bot losing a whole guild or one channel, as ./inbound.ts reports them: GUILD_DELETE (not
 * an outage) and CHANNEL_DELETE. Losing access through permissions sends no dispatch that says
 * so; the adapter learns it when a post fails, and the core pauses the channel then.
 */
import { channelId, workspaceId } from '../../src/core/ids.ts';
import type { BotRemovedEvent } from '../../src/core/platform.ts';
import { type GatewayContext, guildFor, occurrenceId } from './inbound-context.ts';
import { channelDeleteSchema, guildDeleteSchema, THREAD_TYPES } from './inbound-schemas.ts';

/**
 * The bot was removed from a whole guild (GUILD_DELETE without `unavailable`). A guild has
 * many channels and only the store knows which are enrolled, so the adapter turns this into
 * one `bot_removed` per enrolled channel of `workspace` (event id `<eventId>:<channel>`).
 */
export interface GuildRemovedEvent {
  type: 'guild_removed';
  eventId: string;
  /** `discord:<guild id>`. */
  workspace: string;
  at: Date;
}

/** GUILD_DELETE: the bot was kicked or the guild deleted, unless it is only unavailable. */
export function translateGuildDelete(
  data: unknown,
  context: GatewayContext,
): GuildRemovedEvent | undefined {
  const parsed = guildDeleteSchema.safeParse(data);
  // An unavailable guild is an outage: the bot is still in it and drills carry on after.
  if (!parsed.success || parsed.data.unavailable === true) return undefined;
  return {
    type: 'guild_removed',
    eventId: occurrenceId('guild-removed', parsed.data.id, context),
    workspace: workspaceId('discord', parsed.data.id),
    at: context.receivedAt,
  };
}

/** A deleted channel is lost for good; a deleted thread is only a drill's thread. */
export function translateChannelDelete(
  data: unknown,
  context: GatewayContext,
): BotRemovedEvent | undefined {
  const parsed = channelDeleteSchema.safeParse(data);
  if (!parsed.success || THREAD_TYPES.has(parsed.data.type)) return undefined;
  const guild = guildFor(parsed.data.guild_id, parsed.data.id, context);
  if (guild === undefined) return undefined;
  return {
    type: 'bot_removed',
    // Channel ids are never reused, so the id is stable and unique.
    eventId: `discord:channel-deleted:${parsed.data.id}`,
    channel: channelId({ platform: 'discord', workspace: guild, channel: parsed.data.id }),
    at: context.receivedAt,
  };
}
