/**
 * Typed builders for the session and guild events: READY, GUILD_CREATE (from the fake's
 * world), GUILD_DELETE (the bot removed, or an outage) and THREAD_CREATE.
 *
 * GUILD_CREATE carries the guild's channels, active threads, roles and the bot's own member:
 * discord.js caches exactly these, and a MESSAGE_CREATE in a channel it has not cached is
 * dropped silently (unless the Channel partial is on), so a thin GUILD_CREATE would make
 * tests fail for reasons production never has.
 *
 * @see https://discord.com/developers/docs/events/gateway-events#ready
 * @see https://discord.com/developers/docs/events/gateway-events#guild-create
 * @see https://discord.com/developers/docs/events/gateway-events#guild-delete
 * @see https://discord.com/developers/docs/events/gateway-events#thread-create
 */
import type {
  GatewayGuildCreateDispatchData,
  GatewayGuildDeleteDispatchData,
  GatewayReadyDispatchData,
  GatewayThreadCreateDispatchData,
} from 'discord.js';
import { API_VERSION, CHANNEL_TYPE, NO_FLAGS } from './constants.ts';
import { FAKE_IDS } from './options.ts';
import { apiUser, DEFAULT_TIMESTAMP, type PayloadUser } from './payloads-common.ts';
import type { GuildState, World } from './world.ts';
import {
  renderGuild,
  renderGuildChannel,
  renderMember,
  renderThread,
  renderUser,
} from './world-render.ts';

export interface ReadyInput {
  sessionId: string;
  resumeGatewayUrl: string;
  user: PayloadUser;
  applicationId: string;
  guildIds: string[];
  /** Echoed when the IDENTIFY named a shard. */
  shard?: [number, number];
}

export function readyPayload(input: ReadyInput): GatewayReadyDispatchData {
  return {
    v: API_VERSION,
    user: {
      ...apiUser(input.user),
      bot: true,
      verified: true,
      mfa_enabled: false,
      flags: NO_FLAGS,
    },
    guilds: input.guildIds.map((id) => ({ id, unavailable: true })),
    session_id: input.sessionId,
    resume_gateway_url: input.resumeGatewayUrl,
    application: { id: input.applicationId, flags: NO_FLAGS, flags_new: '0' },
    ...(input.shard ? { shard: input.shard } : {}),
  };
}

/** GUILD_CREATE for a guild of the fake's world, as the bot sees it right now. */
export function guildCreatePayload(
  world: World,
  guild: GuildState,
): GatewayGuildCreateDispatchData {
  const channels = world
    .guildChannels(guild.id)
    .map((channel) => renderGuildChannel(world, channel));
  const threads = world.activeThreads(guild.id).map((thread) => renderThread(world, thread));
  const members = [...guild.members.values()]
    .filter((m) => m.userId === world.botUserId)
    .map((m) => renderMember(world, m));
  return {
    ...renderGuild(guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members,
    channels,
    threads,
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/**
 * GUILD_DELETE. The bot removed (kicked, banned, guild deleted) has no `unavailable`; an
 * outage says `unavailable: true` and drillbot must not treat it as removal.
 */
export function guildDelete(
  guildId: string = FAKE_IDS.guildId,
  unavailable = false,
): GatewayGuildDeleteDispatchData {
  return unavailable ? { id: guildId, unavailable: true } : { id: guildId };
}

export interface ThreadCreateInput {
  /** The starter message's id, which a thread started from a message takes as its own. */
  id: string;
  parentId?: string;
  guildId?: string;
  name?: string;
  ownerId?: string;
  newlyCreated?: boolean;
  createdAt?: string;
}

export function threadCreate(input: ThreadCreateInput): GatewayThreadCreateDispatchData {
  const created = input.createdAt ?? DEFAULT_TIMESTAMP;
  return {
    id: input.id,
    type: CHANNEL_TYPE.publicThread,
    guild_id: input.guildId ?? FAKE_IDS.guildId,
    parent_id: input.parentId ?? FAKE_IDS.channelId,
    owner_id: input.ownerId ?? FAKE_IDS.botUserId,
    name: input.name ?? 'Drill',
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: NO_FLAGS,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: created,
      locked: false,
      create_timestamp: created,
    },
    ...(input.newlyCreated === false ? {} : { newly_created: true }),
  };
}

/** The bot's user as READY names it, from the world. */
export function botPayloadUser(world: World): PayloadUser {
  const user = renderUser(world.users.get(world.botUserId), world.botUserId);
  return { id: user.id, username: user.username, bot: true };
}
