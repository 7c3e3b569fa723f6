/**
 * Who the fake workspace is: the bot's identity, the tokens it accepts, the channels and users
 * that exist. Validated with zod because the standalone process receives these as JSON on its
 * command line, and a typo there should fail loudly at start rather than as a confusing
 * `invalid_auth` in the middle of a chaos run.
 */
import { z } from 'zod';

/** Scrubbed, obviously fake ids shared by the fake server and the payload builders. */
export const FAKE_IDS = {
  teamId: 'T0FAKE0001',
  teamDomain: 'drillbot-fake',
  teamName: 'Drillbot Fake Workspace',
  appId: 'A0FAKEAPP1',
  botId: 'B0FAKEBOT1',
  botUserId: 'U0FAKEBOT1',
  botName: 'drillbot',
} as const;

/** The bot token (`xoxb-`) accepted unless the options name others. */
export const FAKE_BOT_TOKEN = 'xoxb-0000-fake-bot-token';
/** The app-level token (`xapp-`) for `apps.connections.open` unless the options name others. */
export const FAKE_APP_TOKEN = 'xapp-1-fake-app-token';
/** A signing secret for HTTP-mode tests; the fake server itself never signs anything. */
export const FAKE_SIGNING_SECRET = 'fake-signing-secret-0000';

/** A workspace member, with the `users.info` flags the adapter's admin check reads. */
export const fakeUserSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  real_name: z.string().optional(),
  is_admin: z.boolean().optional(),
  is_owner: z.boolean().optional(),
  is_primary_owner: z.boolean().optional(),
  is_bot: z.boolean().optional(),
  deleted: z.boolean().optional(),
  tz: z.string().optional(),
});
export type FakeUserConfig = z.infer<typeof fakeUserSchema>;

export const fakeChannelSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  /** False makes posts and reads answer `not_in_channel`, as for an un-invited bot. */
  botIsMember: z.boolean().optional(),
});
export type FakeChannelConfig = z.infer<typeof fakeChannelSchema>;

const port = z.number().int().min(0).max(65_535);

/** The JSON-safe part of the options (everything but the clock). */
export const fakeSlackOptionsSchema = z.object({
  /** Web API and response_url port; 0 (the default) picks a free one. */
  port: port.optional(),
  /** Socket Mode WebSocket port; 0 (the default) picks a free one. */
  socketPort: port.optional(),
  teamId: z.string().optional(),
  teamDomain: z.string().optional(),
  teamName: z.string().optional(),
  appId: z.string().optional(),
  botId: z.string().optional(),
  botUserId: z.string().optional(),
  botName: z.string().optional(),
  botTokens: z.array(z.string().min(1)).optional(),
  appTokens: z.array(z.string().min(1)).optional(),
  channels: z.array(fakeChannelSchema).optional(),
  users: z.array(fakeUserSchema).optional(),
  /**
   * When true (the default) a channel id never seen before exists with the bot as a member,
   * so most tests need no set-up; set false to get `channel_not_found` like real Slack.
   */
  autoCreateChannels: z.boolean().optional(),
  /**
   * When true (the default) any user id not configured exists as an ordinary member (not an
   * admin), so only the admins need configuring; set false to get `user_not_found`.
   */
  autoCreateUsers: z.boolean().optional(),
  /** How long `deliver` waits for a Socket Mode ack; Slack's own window is 3 seconds. */
  ackTimeoutMs: z.number().int().positive().optional(),
  /**
   * When set, a chat.postMessage less than this many ms after the last accepted one in the
   * same channel answers 429 (Slack: 1000, one per second per channel); see channel-rate-limit.ts.
   */
  channelRateLimitMs: z.number().int().positive().optional(),
});

export type FakeSlackOptions = z.input<typeof fakeSlackOptionsSchema> & {
  /** Wall clock in ms for message timestamps; in-process only (a function is not JSON). */
  now?: () => number;
};

export interface ResolvedFakeSlackOptions {
  port: number;
  socketPort: number;
  teamId: string;
  teamDomain: string;
  teamName: string;
  appId: string;
  botId: string;
  botUserId: string;
  botName: string;
  botTokens: readonly string[];
  appTokens: readonly string[];
  channels: readonly FakeChannelConfig[];
  users: readonly FakeUserConfig[];
  autoCreateChannels: boolean;
  autoCreateUsers: boolean;
  ackTimeoutMs: number;
  channelRateLimitMs: number | undefined;
  now: () => number;
}

/** Fills every default, so the rest of the fake never deals with an absent option. */
export function resolveOptions(input: FakeSlackOptions = {}): ResolvedFakeSlackOptions {
  const parsed = fakeSlackOptionsSchema.parse(input);
  return {
    port: parsed.port ?? 0,
    socketPort: parsed.socketPort ?? 0,
    teamId: parsed.teamId ?? FAKE_IDS.teamId,
    teamDomain: parsed.teamDomain ?? FAKE_IDS.teamDomain,
    teamName: parsed.teamName ?? FAKE_IDS.teamName,
    appId: parsed.appId ?? FAKE_IDS.appId,
    botId: parsed.botId ?? FAKE_IDS.botId,
    botUserId: parsed.botUserId ?? FAKE_IDS.botUserId,
    botName: parsed.botName ?? FAKE_IDS.botName,
    botTokens: parsed.botTokens ?? [FAKE_BOT_TOKEN],
    appTokens: parsed.appTokens ?? [FAKE_APP_TOKEN],
    channels: parsed.channels ?? [],
    users: parsed.users ?? [],
    autoCreateChannels: parsed.autoCreateChannels ?? true,
    autoCreateUsers: parsed.autoCreateUsers ?? true,
    ackTimeoutMs: parsed.ackTimeoutMs ?? 3_000,
    channelRateLimitMs: parsed.channelRateLimitMs,
    now: input.now ?? Date.now,
  };
}
