/**
 * What exists on the fake Discord besides messages: users, guilds with their roles, members
 * and channels, threads, DM channels, and whether the bot is still in each guild.
 *
 * Permissions are computed the documented way (owner, then `@everyone` plus role
 * permissions, Administrator means everything, then the channel's overwrite for the bot)
 * because drillbot's admin check and its "missing permission" handling both depend on it,
 * and a fake that said yes to everything could not test either.
 *
 * @see https://discord.com/developers/docs/topics/permissions#permission-overwrites
 */
import { ALL_PERMISSIONS, CHANNEL_TYPE, PERMISSION, type PermissionName } from './constants.ts';
import type {
  FakeChannelConfig,
  FakeGuildConfig,
  FakeUserConfig,
  ResolvedFakeDiscordOptions,
} from './options.ts';
import type { SnowflakeGenerator } from './snowflake.ts';

export interface UserState {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  dmsClosed: boolean;
}

export interface RoleState {
  id: string;
  name: string;
  permissions: bigint;
  mentionable: boolean;
  position: number;
}

export interface MemberState {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

interface BaseChannel {
  id: string;
  name: string;
  lastMessageId: string | null;
}

export interface GuildChannelState extends BaseChannel {
  kind: 'guild';
  guildId: string;
  type: 0 | 5;
  position: number;
  /** Bits denied to the bot by a member overwrite. */
  denyBot: bigint;
}

export interface ThreadState extends BaseChannel {
  kind: 'thread';
  guildId: string;
  parentId: string;
  type: 10 | 11;
  ownerId: string;
  archived: boolean;
  locked: boolean;
  autoArchiveDuration: 60 | 1440 | 4320 | 10080;
  archiveTimestamp: string;
  createTimestamp: string;
  messageCount: number;
  totalMessageSent: number;
}

export interface DmState extends BaseChannel {
  kind: 'dm';
  recipientId: string;
}

export type ChannelState = GuildChannelState | ThreadState | DmState;

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  everyonePermissions: bigint;
  roles: Map<string, RoleState>;
  members: Map<string, MemberState>;
  /** False once the bot was removed (GUILD_DELETE): its REST calls there answer 403. */
  botIsMember: boolean;
}

export function permissionBits(names: readonly PermissionName[]): bigint {
  return names.reduce((bits, name) => bits | PERMISSION[name], 0n);
}

export class World {
  readonly users = new Map<string, UserState>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  private readonly options: ResolvedFakeDiscordOptions;
  private readonly ids: SnowflakeGenerator;

  constructor(options: ResolvedFakeDiscordOptions, ids: SnowflakeGenerator) {
    this.options = options;
    this.ids = ids;
    this.upsertUser({ id: options.botUserId, username: options.botUsername, bot: true });
    for (const user of options.users) this.upsertUser(user);
    for (const guild of options.guilds) this.addGuild(guild);
  }

  get botUserId(): string {
    return this.options.botUserId;
  }

  private nowIso(): string {
    return new Date(this.options.now()).toISOString();
  }

  upsertUser(config: FakeUserConfig): UserState {
    const user: UserState = {
      id: config.id,
      username: config.username,
      globalName: config.globalName ?? null,
      bot: config.bot ?? false,
      dmsClosed: config.dmsClosed ?? false,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Adds a guild the bot is in (with the bot's own member carrying the bot role, if any). */
  addGuild(config: FakeGuildConfig): GuildState {
    const joinedAt = this.nowIso();
    const guild: GuildState = {
      id: config.id,
      name: config.name,
      ownerId: config.ownerId,
      joinedAt,
      everyonePermissions: permissionBits(
        config.everyonePermissions ?? ['ViewChannel', 'SendMessages'],
      ),
      roles: new Map(),
      members: new Map(),
      botIsMember: true,
    };
    config.roles.forEach((role, index) => {
      guild.roles.set(role.id, {
        id: role.id,
        name: role.name,
        permissions: permissionBits(role.permissions),
        mentionable: role.mentionable ?? false,
        position: index + 1,
      });
    });
    guild.members.set(this.botUserId, {
      userId: this.botUserId,
      roles: config.botRoles ?? [],
      nick: null,
      joinedAt,
    });
    for (const member of config.members) {
      guild.members.set(member.userId, {
        userId: member.userId,
        roles: member.roles ?? [],
        nick: member.nick ?? null,
        joinedAt,
      });
    }
    this.guilds.set(guild.id, guild);
    config.channels.forEach((channel, index) => {
      this.addChannel(guild.id, channel, index);
    });
    return guild;
  }

  addChannel(
    guildId: string,
    config: FakeChannelConfig,
    position = this.channels.size,
  ): GuildChannelState {
    const channel: GuildChannelState = {
      kind: 'guild',
      id: config.id,
      guildId,
      name: config.name,
      type: config.type ?? CHANNEL_TYPE.guildText,
      position,
      denyBot: permissionBits(config.denyBot ?? []),
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Changes what the bot is denied in a channel (e.g. to take away SendMessages mid-test). */
  setBotDenied(channelId: string, denied: readonly PermissionName[]): void {
    const channel = this.channels.get(channelId);
    if (channel?.kind !== 'guild') throw new Error(`fake discord: no guild channel ${channelId}`);
    channel.denyBot = permissionBits(denied);
  }

  /** A public thread started from `messageId`: Discord gives it the message's id. */
  startThread(
    parent: GuildChannelState,
    messageId: string,
    name: string,
    autoArchive: ThreadState['autoArchiveDuration'],
  ): ThreadState {
    const now = this.nowIso();
    const thread: ThreadState = {
      kind: 'thread',
      id: messageId,
      guildId: parent.guildId,
      parentId: parent.id,
      type:
        parent.type === CHANNEL_TYPE.guildAnnouncement
          ? CHANNEL_TYPE.announcementThread
          : CHANNEL_TYPE.publicThread,
      name,
      ownerId: this.botUserId,
      archived: false,
      locked: false,
      autoArchiveDuration: autoArchive,
      archiveTimestamp: now,
      createTimestamp: now,
      messageCount: 0,
      totalMessageSent: 0,
      lastMessageId: null,
    };
    this.channels.set(thread.id, thread);
    return thread;
  }

  /** The one DM channel per recipient, created on first use as `POST /users/@me/channels` does. */
  dmWith(userId: string): DmState {
    for (const channel of this.channels.values()) {
      if (channel.kind === 'dm' && channel.recipientId === userId) return channel;
    }
    const dm: DmState = {
      kind: 'dm',
      id: this.ids.next(),
      name: '',
      recipientId: userId,
      lastMessageId: null,
    };
    this.channels.set(dm.id, dm);
    return dm;
  }

  guildOf(channel: ChannelState): GuildState | undefined {
    return channel.kind === 'dm' ? undefined : this.guilds.get(channel.guildId);
  }

  /** Threads of a guild, for GUILD_CREATE (Discord lists the active ones). */
  activeThreads(guildId: string): ThreadState[] {
    return [...this.channels.values()].filter(
      (channel): channel is ThreadState =>
        channel.kind === 'thread' && channel.guildId === guildId && !channel.archived,
    );
  }

  guildChannels(guildId: string): GuildChannelState[] {
    return [...this.channels.values()].filter(
      (channel): channel is GuildChannelState =>
        channel.kind === 'guild' && channel.guildId === guildId,
    );
  }

  /** A member's guild-wide permissions: ownership, then `@everyone` and role grants. */
  basePermissions(guildId: string, userId: string): bigint {
    const guild = this.guilds.get(guildId);
    const member = guild?.members.get(userId);
    if (!guild || !member) return 0n;
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    let bits = guild.everyonePermissions;
    for (const roleId of member.roles) bits |= guild.roles.get(roleId)?.permissions ?? 0n;
    return (bits & PERMISSION.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
  }

  /** Permissions in a channel (threads use their parent's), with the bot's overwrite applied. */
  channelPermissions(channel: ChannelState, userId: string): bigint {
    if (channel.kind === 'dm') return ALL_PERMISSIONS;
    const base = this.basePermissions(channel.guildId, userId);
    if ((base & PERMISSION.Administrator) !== 0n) return base;
    const parent = channel.kind === 'thread' ? this.channels.get(channel.parentId) : channel;
    const denied = userId === this.botUserId && parent?.kind === 'guild' ? parent.denyBot : 0n;
    return base & ~denied;
  }

  botCan(channel: ChannelState, permission: PermissionName): boolean {
    return (this.channelPermissions(channel, this.botUserId) & PERMISSION[permission]) !== 0n;
  }
}
