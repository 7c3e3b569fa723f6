/**
 * Who the fake Discord is: the bot and its application, the tokens it accepts, the guilds
 * with their channels, roles and members, and the knobs of its protocol behaviour.
 *
 * Validated with zod because the standalone process receives these as JSON on its command
 * line, and a typo there should fail loudly at start rather than as a puzzling 401 or
 * "Unknown Channel" half-way through a chaos run.
 */
import { z } from 'zod';
import {
  PERMISSION,
  type PermissionName,
  PRIVILEGED_INTENTS,
  type PrivilegedIntentName,
} from './constants.ts';

/** Fixed, obviously fake ids shared by the fake's default world and the payload builders. */
export const FAKE_IDS = {
  applicationId: '1100000000000000001',
  botUserId: '1100000000000000001',
  botUsername: 'drillbot',
  guildId: '1200000000000000001',
  guildName: 'Drillbot Fake Guild',
  /** The channel drills run in. */
  channelId: '1300000000000000001',
  /** A second text channel, for "other channel" cases. */
  otherChannelId: '1300000000000000002',
  moderatorRoleId: '1400000000000000001',
  botRoleId: '1400000000000000002',
  pingRoleId: '1400000000000000003',
  /** A member without admin rights. */
  memberId: '1500000000000000001',
  /** A member whose role has Manage Server. */
  adminId: '1500000000000000002',
  /** A second plain member (votes, "another member" cases). */
  secondMemberId: '1500000000000000003',
  /** The guild owner (every permission, by ownership). */
  ownerId: '1500000000000000004',
  /** Another application's bot, whose messages drillbot must ignore. */
  otherBotId: '1500000000000000009',
} as const;

/**
 * The bot token the fake accepts unless the options name others. Shaped like a real one
 * (base64 user id, timestamp, HMAC) so nothing that splits on dots trips over it.
 */
export const FAKE_BOT_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.ZmFrZQ.fake-discord-token-for-tests-only';

const snowflake = z.string().regex(/^\d{1,20}$/, 'a snowflake (decimal digits)');
const permissionName = z.enum(Object.keys(PERMISSION) as [PermissionName, ...PermissionName[]]);
const privilegedIntentName = z.enum(
  Object.keys(PRIVILEGED_INTENTS) as [PrivilegedIntentName, ...PrivilegedIntentName[]],
);

export const fakeUserSchema = z.object({
  id: snowflake,
  username: z.string().min(1),
  globalName: z.string().optional(),
  bot: z.boolean().optional(),
  /** Direct messages to this user fail with 50007 (privacy settings, or a blocked bot). */
  dmsClosed: z.boolean().optional(),
});
export type FakeUserConfig = z.infer<typeof fakeUserSchema>;

export const fakeRoleSchema = z.object({
  id: snowflake,
  name: z.string().min(1),
  permissions: z.array(permissionName),
  mentionable: z.boolean().optional(),
});
export type FakeRoleConfig = z.infer<typeof fakeRoleSchema>;

export const fakeChannelSchema = z.object({
  id: snowflake,
  name: z.string().min(1),
  /** 0 text (default) or 5 announcement. */
  type: z.union([z.literal(0), z.literal(5)]).optional(),
  /**
   * Permissions denied to the bot here (as a member overwrite, so discord.js's
   * `permissionsFor` agrees with what REST enforces): `SendMessages` makes posts answer 403
   * 50013, `CreatePublicThreads` the thread start, `ViewChannel` everything (50001).
   */
  denyBot: z.array(permissionName).optional(),
});
export type FakeChannelConfig = z.infer<typeof fakeChannelSchema>;

export const fakeMemberSchema = z.object({
  userId: snowflake,
  roles: z.array(snowflake).optional(),
  nick: z.string().optional(),
});
export type FakeMemberConfig = z.infer<typeof fakeMemberSchema>;

export const fakeGuildSchema = z.object({
  id: snowflake,
  name: z.string().min(1),
  ownerId: snowflake,
  channels: z.array(fakeChannelSchema),
  /** Besides `@everyone`, whose id is the guild id as on Discord. */
  roles: z.array(fakeRoleSchema),
  everyonePermissions: z.array(permissionName).optional(),
  /** The bot's member is added by the fake; list the humans (and other bots). */
  members: z.array(fakeMemberSchema),
  /** Roles the bot's own member has (its managed role on a real guild). */
  botRoles: z.array(snowflake).optional(),
});
export type FakeGuildConfig = z.infer<typeof fakeGuildSchema>;

const port = z.number().int().min(0).max(65_535);

/** The JSON-safe part of the options (everything but the clock). */
export const fakeDiscordOptionsSchema = z.object({
  /** REST and gateway share this port; 0 (the default) picks a free one. */
  port: port.optional(),
  /** Bot tokens REST and IDENTIFY accept (without the `Bot ` prefix). */
  tokens: z.array(z.string().min(1)).optional(),
  applicationId: snowflake.optional(),
  botUserId: snowflake.optional(),
  botUsername: z.string().optional(),
  guilds: z.array(fakeGuildSchema).optional(),
  users: z.array(fakeUserSchema).optional(),
  /** HELLO's `heartbeat_interval`; large by default so tests never wait on heartbeats. */
  heartbeatIntervalMs: z.number().int().positive().optional(),
  /**
   * Privileged intents "enabled in the developer portal"; an IDENTIFY asking for one not
   * listed is closed with 4014, as Discord does. Default: all three.
   */
  privilegedIntents: z.array(privilegedIntentName).optional(),
  /** `shards` in `GET /gateway/bot`. */
  recommendedShards: z.number().int().min(1).optional(),
  maxConcurrency: z.number().int().min(1).optional(),
  /** How long a dropped session can still RESUME (and buffers dispatches for it). */
  resumeWindowMs: z.number().int().positive().optional(),
  /** How long an `enforce_nonce` nonce de-duplicates ("the past few minutes"). */
  nonceWindowMs: z.number().int().positive().optional(),
  /** The initial interaction response must arrive within this (Discord: 3 s), else 10062. */
  interactionDeadlineMs: z.number().int().positive().optional(),
  /** Follow-ups and edits work for this long after the interaction (Discord: 15 min). */
  interactionTokenLifetimeMs: z.number().int().positive().optional(),
  /**
   * Send the gateway events Discord sends for the bot's own REST actions (MESSAGE_CREATE for
   * its posts, THREAD_CREATE, MESSAGE_UPDATE, ...), so "drop our own messages" is tested.
   */
  echoRestEvents: z.boolean().optional(),
  /** When set, more requests than this in any second answer a global 429. */
  globalRateLimitPerSecond: z.number().int().positive().optional(),
});

export type FakeDiscordOptions = z.input<typeof fakeDiscordOptionsSchema> & {
  /** Wall clock in ms (snowflakes, timestamps, windows); in-process only. */
  now?: () => number;
};

export interface ResolvedFakeDiscordOptions {
  port: number;
  tokens: readonly string[];
  applicationId: string;
  botUserId: string;
  botUsername: string;
  guilds: readonly FakeGuildConfig[];
  users: readonly FakeUserConfig[];
  heartbeatIntervalMs: number;
  privilegedIntents: readonly PrivilegedIntentName[];
  recommendedShards: number;
  maxConcurrency: number;
  resumeWindowMs: number;
  nonceWindowMs: number;
  interactionDeadlineMs: number;
  interactionTokenLifetimeMs: number;
  echoRestEvents: boolean;
  globalRateLimitPerSecond: number | undefined;
  now: () => number;
}

/** What @everyone, so a plain member, may do in the default guild's channels. */
export const MEMBER_PERMISSION_NAMES: readonly PermissionName[] = [
  'ViewChannel',
  'SendMessages',
  'SendMessagesInThreads',
  'CreatePublicThreads',
  'AddReactions',
  'ReadMessageHistory',
  'EmbedLinks',
  'UseApplicationCommands',
];

/** The default world: one guild, two channels, a plain member, an admin, an owner, a bot. */
export const DEFAULT_GUILD: FakeGuildConfig = {
  id: FAKE_IDS.guildId,
  name: FAKE_IDS.guildName,
  ownerId: FAKE_IDS.ownerId,
  everyonePermissions: [...MEMBER_PERMISSION_NAMES],
  channels: [
    { id: FAKE_IDS.channelId, name: 'drills' },
    { id: FAKE_IDS.otherChannelId, name: 'general' },
  ],
  roles: [
    { id: FAKE_IDS.moderatorRoleId, name: 'Moderators', permissions: ['ManageGuild'] },
    {
      id: FAKE_IDS.botRoleId,
      name: 'drillbot',
      permissions: [
        ...MEMBER_PERMISSION_NAMES,
        'ManageThreads',
        'ManageMessages',
        'MentionEveryone',
      ],
    },
    { id: FAKE_IDS.pingRoleId, name: 'Drill ping', permissions: [], mentionable: true },
  ],
  members: [
    { userId: FAKE_IDS.memberId },
    { userId: FAKE_IDS.adminId, roles: [FAKE_IDS.moderatorRoleId] },
    { userId: FAKE_IDS.secondMemberId },
    { userId: FAKE_IDS.ownerId },
    { userId: FAKE_IDS.otherBotId },
  ],
  botRoles: [FAKE_IDS.botRoleId],
};

export const DEFAULT_USERS: FakeUserConfig[] = [
  { id: FAKE_IDS.memberId, username: 'ada', globalName: 'Ada' },
  { id: FAKE_IDS.adminId, username: 'grace', globalName: 'Grace' },
  { id: FAKE_IDS.secondMemberId, username: 'linus', globalName: 'Linus' },
  { id: FAKE_IDS.ownerId, username: 'margaret', globalName: 'Margaret' },
  { id: FAKE_IDS.otherBotId, username: 'otherbot', bot: true },
];

/** Fills every default, so the rest of the fake never deals with an absent option. */
export function resolveOptions(input: FakeDiscordOptions = {}): ResolvedFakeDiscordOptions {
  const parsed = fakeDiscordOptionsSchema.parse(input);
  return {
    port: parsed.port ?? 0,
    tokens: parsed.tokens ?? [FAKE_BOT_TOKEN],
    applicationId: parsed.applicationId ?? FAKE_IDS.applicationId,
    botUserId: parsed.botUserId ?? FAKE_IDS.botUserId,
    botUsername: parsed.botUsername ?? FAKE_IDS.botUsername,
    guilds: parsed.guilds ?? [DEFAULT_GUILD],
    users: parsed.users ?? DEFAULT_USERS,
    heartbeatIntervalMs: parsed.heartbeatIntervalMs ?? 600_000,
    privilegedIntents: parsed.privilegedIntents ?? [
      'MessageContent',
      'GuildMembers',
      'GuildPresences',
    ],
    recommendedShards: parsed.recommendedShards ?? 1,
    maxConcurrency: parsed.maxConcurrency ?? 1,
    resumeWindowMs: parsed.resumeWindowMs ?? 120_000,
    nonceWindowMs: parsed.nonceWindowMs ?? 5 * 60_000,
    interactionDeadlineMs: parsed.interactionDeadlineMs ?? 3_000,
    interactionTokenLifetimeMs: parsed.interactionTokenLifetimeMs ?? 15 * 60_000,
    echoRestEvents: parsed.echoRestEvents ?? true,
    globalRateLimitPerSecond: parsed.globalRateLimitPerSecond,
    now: input.now ?? Date.now,
  };
}
