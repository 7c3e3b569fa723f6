/**
 * The world's state in Discord's documented object shapes (user, role, member, channel,
 * thread, DM, guild), typed with discord.js's re-export of discord-api-types so the compiler
 * checks every required field against the reference. REST answers and gateway payloads
 * both render through here, so they can never disagree about what a channel looks like.
 *
 * @see https://discord.com/developers/docs/resources/channel#channel-object
 * @see https://discord.com/developers/docs/resources/guild#guild-object
 */
import type {
  APIChannel,
  APIDMChannel,
  APIGuild,
  APIGuildMember,
  APINewsChannel,
  APIOverwrite,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
  Locale,
} from 'discord.js';
import { CHANNEL_TYPE, NO_FLAGS } from './constants.ts';
import type {
  ChannelState,
  DmState,
  GuildChannelState,
  GuildState,
  MemberState,
  RoleState,
  ThreadState,
  UserState,
  World,
} from './world.ts';

/** A user the world does not know still renders (Discord would 404; payloads may name anyone). */
export function renderUser(user: UserState | undefined, id: string): APIUser {
  return {
    id,
    username: user?.username ?? `user-${id.slice(-4)}`,
    discriminator: '0',
    global_name: user?.globalName ?? null,
    avatar: null,
    ...(user?.bot ? { bot: true } : {}),
  };
}

export function renderRole(role: RoleState): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: false,
    mentionable: role.mentionable,
    flags: NO_FLAGS,
  };
}

/** `@everyone`: the role whose id is the guild's. */
export function renderEveryoneRole(guild: GuildState): APIRole {
  return renderRole({
    id: guild.id,
    name: '@everyone',
    permissions: guild.everyonePermissions,
    mentionable: false,
    position: 0,
  });
}

export function renderMember(world: World, member: MemberState): APIGuildMember {
  return {
    user: renderUser(world.users.get(member.userId), member.userId),
    nick: member.nick,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    deaf: false,
    mute: false,
    flags: NO_FLAGS,
    pending: false,
  };
}

function botOverwrites(world: World, channel: GuildChannelState): APIOverwrite[] {
  if (channel.denyBot === 0n) return [];
  // type 1 = member overwrite, so discord.js's permissionsFor(botMember) sees the denial.
  return [{ id: world.botUserId, type: 1, allow: '0', deny: channel.denyBot.toString() }];
}

export function renderGuildChannel(
  world: World,
  channel: GuildChannelState,
): APITextChannel | APINewsChannel {
  const common = {
    id: channel.id,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    permission_overwrites: botOverwrites(world, channel),
    nsfw: false,
    topic: null,
    last_message_id: channel.lastMessageId,
    parent_id: null,
    rate_limit_per_user: 0,
    flags: NO_FLAGS,
  };
  return channel.type === CHANNEL_TYPE.guildAnnouncement
    ? { ...common, type: CHANNEL_TYPE.guildAnnouncement }
    : { ...common, type: CHANNEL_TYPE.guildText };
}

export function renderThread(world: World, thread: ThreadState): APIThreadChannel {
  return {
    id: thread.id,
    type: thread.type,
    guild_id: thread.guildId,
    parent_id: thread.parentId,
    owner_id: thread.ownerId,
    name: thread.name,
    last_message_id: thread.lastMessageId,
    rate_limit_per_user: 0,
    flags: NO_FLAGS,
    message_count: thread.messageCount,
    member_count: 1,
    total_message_sent: thread.totalMessageSent,
    thread_metadata: {
      archived: thread.archived,
      auto_archive_duration: thread.autoArchiveDuration,
      archive_timestamp: thread.archiveTimestamp,
      locked: thread.locked,
      create_timestamp: thread.createTimestamp,
    },
    // The bot started (and so joined) every thread the fake knows.
    member: {
      id: thread.id,
      user_id: world.botUserId,
      join_timestamp: thread.createTimestamp,
      flags: NO_FLAGS,
    },
  };
}

export function renderDm(world: World, dm: DmState): APIDMChannel {
  return {
    id: dm.id,
    type: CHANNEL_TYPE.dm,
    name: null,
    last_message_id: dm.lastMessageId,
    recipients: [renderUser(world.users.get(dm.recipientId), dm.recipientId)],
    flags: NO_FLAGS,
  };
}

export function renderChannel(world: World, channel: ChannelState): APIChannel {
  switch (channel.kind) {
    case 'guild':
      return renderGuildChannel(world, channel);
    case 'thread':
      return renderThread(world, channel);
    case 'dm':
      return renderDm(world, channel);
  }
}

/** The guild object of `GET /guilds/{id}` (GUILD_CREATE adds channels, members, ...). */
export function renderGuild(guild: GuildState): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    roles: [renderEveryoneRole(guild), ...[...guild.roles.values()].map(renderRole)],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: NO_FLAGS,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US' as Locale,
    public_updates_channel_id: null,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}
