/**
 * What every payload builder shares: who acts (a user and, in a guild, their member) and
 * where (guild and channel), with defaults from the fake's default world, so a test names
 * only what it cares about: `threadMessage({ channelId: thread, content: 'my answer' })`.
 */
import type { APIGuildMember, APIUser } from 'discord.js';
import { NO_FLAGS } from './constants.ts';
import { FAKE_IDS } from './options.ts';

export interface PayloadUser {
  id: string;
  username: string;
  globalName?: string;
  bot?: boolean;
}

/** The default world's users, ready to pass as `user`/`author`. */
export const FAKE_USERS = {
  bot: { id: FAKE_IDS.botUserId, username: FAKE_IDS.botUsername, bot: true },
  member: { id: FAKE_IDS.memberId, username: 'ada', globalName: 'Ada' },
  admin: { id: FAKE_IDS.adminId, username: 'grace', globalName: 'Grace' },
  secondMember: { id: FAKE_IDS.secondMemberId, username: 'linus', globalName: 'Linus' },
  owner: { id: FAKE_IDS.ownerId, username: 'margaret', globalName: 'Margaret' },
  otherBot: { id: FAKE_IDS.otherBotId, username: 'otherbot', bot: true },
} as const satisfies Record<string, PayloadUser>;

/** A member's guild-side facts; defaults to no roles, joined at the epoch of the test world. */
export interface PayloadMember {
  roles?: string[];
  nick?: string | null;
  joinedAt?: string;
}

export const DEFAULT_JOINED_AT = '2024-01-01T00:00:00.000Z';

/** The `timestamp` builders use when none is given (a Monday 09:00 UTC, a drill slot). */
export const DEFAULT_TIMESTAMP = '2025-01-06T09:00:00.000Z';

export function apiUser(user: PayloadUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName ?? null,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
  };
}

/** A guild member object with `user` (interactions, reactions). */
export function apiMember(
  user: PayloadUser,
  member: PayloadMember = {},
  permissions?: string,
): APIGuildMember & { permissions?: string } {
  return {
    user: apiUser(user),
    ...apiMemberNoUser(member),
    ...(permissions === undefined ? {} : { permissions }),
  };
}

/** The same member without `user`, as MESSAGE_CREATE carries it beside `author`. */
export function apiMemberNoUser(member: PayloadMember = {}): Omit<APIGuildMember, 'user'> {
  return {
    nick: member.nick ?? null,
    roles: member.roles ?? [],
    joined_at: member.joinedAt ?? DEFAULT_JOINED_AT,
    deaf: false,
    mute: false,
    flags: NO_FLAGS,
    pending: false,
  };
}

let counter = 0;

/**
 * A unique snowflake-looking id for payloads built outside the fake (the fake's own state
 * uses its generator). Derived from the clock so ids still sort by creation.
 */
export function payloadId(): string {
  counter = (counter + 1) % 4096;
  const ms = BigInt(Date.now()) - 1_420_070_400_000n;
  return ((ms << 22n) | (31n << 17n) | BigInt(counter)).toString();
}
