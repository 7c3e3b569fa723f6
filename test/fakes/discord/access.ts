/**
 * What the bot may touch, answered with the error Discord gives: an unknown channel is 404
 * 10003; a channel it cannot see, or in a guild it was removed from, 403 50001 Missing
 * Access; a channel it sees but may not post in (or start threads in), 403 50013 Missing
 * Permissions. drillbot pauses a channel on these, so they must be the real codes.
 *
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
import type { PermissionName } from './constants.ts';
import { RestError } from './errors.ts';
import type { StoredMessage } from './message-store.ts';
import type { FakeDiscordState } from './state.ts';
import type { ChannelState, GuildState } from './world.ts';

export function channelForBot(
  state: FakeDiscordState,
  channelId: string,
  needs: readonly PermissionName[] = [],
): ChannelState {
  const { world } = state;
  const channel = world.channels.get(channelId);
  if (!channel) throw RestError.unknownChannel();
  if (channel.kind === 'dm') return channel;
  if (world.guilds.get(channel.guildId)?.botIsMember !== true) throw RestError.missingAccess();
  if (!world.botCan(channel, 'ViewChannel')) throw RestError.missingAccess();
  for (const permission of needs) {
    if (!world.botCan(channel, permission)) throw RestError.missingPermissions();
  }
  return channel;
}

/** Posting needs Send Messages, or Send Messages in Threads inside a thread. */
export function postingPermission(channel: ChannelState): PermissionName[] {
  if (channel.kind === 'dm') return [];
  return channel.kind === 'thread' ? ['SendMessagesInThreads'] : ['SendMessages'];
}

export function guildForBot(state: FakeDiscordState, guildId: string): GuildState {
  const guild = state.world.guilds.get(guildId);
  if (!guild) throw RestError.unknownGuild();
  if (!guild.botIsMember) throw RestError.missingAccess();
  return guild;
}

export function messageIn(
  state: FakeDiscordState,
  channel: ChannelState,
  messageId: string,
): StoredMessage {
  const stored = state.messages.get(messageId, channel.id);
  if (!stored || stored.ephemeral) throw RestError.unknownMessage();
  return stored;
}
