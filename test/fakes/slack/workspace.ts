/**
 * Channels, the bot's membership in them, and users, as the Web API methods see them.
 *
 * Membership matters because an un-invited bot gets `not_in_channel`, and the adapter has to
 * turn that into instructions for the admin; users matter because the admin check reads
 * `is_admin` / `is_owner` from `users.info`.
 */
import type { FakeChannelConfig, FakeUserConfig, ResolvedFakeSlackOptions } from './options.ts';

/** The `users.info` user object (the fields Slack documents that an adapter might read). */
export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  tz: string;
  tz_label: string;
  tz_offset: number;
  updated: number;
  profile: { real_name: string; display_name: string; bot_id?: string; api_app_id?: string };
}

export type ChannelAccess = 'ok' | 'channel_not_found' | 'not_in_channel';

interface ChannelState {
  id: string;
  name: string;
  botIsMember: boolean;
}

export class Workspace {
  private readonly channels = new Map<string, ChannelState>();
  private readonly users = new Map<string, FakeUserConfig>();
  private readonly options: ResolvedFakeSlackOptions;

  constructor(options: ResolvedFakeSlackOptions) {
    this.options = options;
    for (const channel of options.channels) this.addChannel(channel);
    this.upsertUser({ id: options.botUserId, name: options.botName, is_bot: true });
    for (const user of options.users) this.upsertUser(user);
  }

  addChannel(config: FakeChannelConfig): void {
    this.channels.set(config.id, {
      id: config.id,
      name: config.name ?? config.id.toLowerCase(),
      botIsMember: config.botIsMember ?? true,
    });
  }

  /** Invites or removes the bot; removal is what makes posts answer `not_in_channel`. */
  setBotMembership(channel: string, isMember: boolean): void {
    const existing = this.channels.get(channel);
    if (existing) existing.botIsMember = isMember;
    else this.addChannel({ id: channel, botIsMember: isMember });
  }

  /** Whether the bot may post to or read a channel, creating it first when that is allowed. */
  access(channel: string): ChannelAccess {
    let state = this.channels.get(channel);
    if (!state && this.options.autoCreateChannels) {
      this.addChannel({ id: channel });
      state = this.channels.get(channel);
    }
    if (!state) return 'channel_not_found';
    return state.botIsMember ? 'ok' : 'not_in_channel';
  }

  /** Adds a user or changes their flags (later values win, unset flags stay). */
  upsertUser(config: FakeUserConfig): void {
    this.users.set(config.id, { ...this.users.get(config.id), ...config });
  }

  user(id: string): SlackUser | undefined {
    const config = this.users.get(id) ?? (this.autoCreates(id) ? { id } : undefined);
    if (!config) return undefined;
    const name = config.name ?? id.toLowerCase();
    const realName = config.real_name ?? name;
    const isBot = config.is_bot ?? false;
    return {
      id,
      team_id: this.options.teamId,
      name,
      real_name: realName,
      deleted: config.deleted ?? false,
      // Independent flags, so an adapter that reads only `is_admin` fails the owner case.
      is_admin: config.is_admin ?? false,
      is_owner: config.is_owner ?? false,
      is_primary_owner: config.is_primary_owner ?? false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: isBot,
      is_app_user: false,
      tz: config.tz ?? 'Europe/London',
      tz_label: 'Local time',
      tz_offset: 0,
      updated: 1_700_000_000,
      profile: {
        real_name: realName,
        display_name: name,
        ...(isBot && id === this.options.botUserId
          ? { bot_id: this.options.botId, api_app_id: this.options.appId }
          : {}),
      },
    };
  }

  /** Slack user ids start with U (or W on Enterprise Grid); anything else is never a user. */
  private autoCreates(id: string): boolean {
    return this.options.autoCreateUsers && /^[UW][A-Z0-9]{2,}$/.test(id);
  }
}
