/**
 * Who and what the chaos runs use: channels on each fake, their staggered seconds schedules,
 * the members who answer, and the fakes' options. Kept in one place so the driver, the
 * enrolment and the audit agree on ids.
 */

import type { FakeDiscordOptions } from '../fakes/discord/options.ts';
import { DEFAULT_GUILD, DEFAULT_USERS, FAKE_IDS as DISCORD_IDS } from '../fakes/discord/options.ts';
import { FAKE_IDS as SLACK_IDS } from '../fakes/slack/options.ts';

export type ChaosPlatform = 'slack' | 'discord';

export interface ChaosChannel {
  platform: ChaosPlatform;
  /** The platform's own channel id (Slack `C…`, Discord snowflake). */
  native: string;
  /** The core's id (src/core/ids.ts). */
  core: string;
  /** Seconds past each 15 s boundary this channel's drills start: spreads the load. */
  offsetSeconds: number;
}

/** Every channel posts every 15 s and closes after 10 s, the shortest window the bot allows. */
export const SLOT_SECONDS = 15;
export const WINDOW_SECONDS = 10;

export const SLACK_ADMIN = 'U0CHAOSADM';
export const SLACK_MEMBERS = ['U0CHAOS001', 'U0CHAOS002', 'U0CHAOS003', 'U0CHAOS004', 'U0CHAOS005'];
export const DISCORD_ADMIN = DISCORD_IDS.adminId;
export const DISCORD_MEMBERS = Array.from(
  { length: 5 },
  (_, i) => `16000000000000000${String(i + 1).padStart(2, '0')}`,
);

export function chaosChannels(perPlatform: number): ChaosChannel[] {
  const channels: ChaosChannel[] = [];
  for (let i = 0; i < perPlatform; i += 1) {
    const offsetSeconds = (i * 4) % SLOT_SECONDS;
    const slack = `C0CHAOS${String(i).padStart(3, '0')}`;
    channels.push({
      platform: 'slack',
      native: slack,
      core: `slack:${SLACK_IDS.teamId}:${slack}`,
      offsetSeconds,
    });
    const discord = `13000000000000001${String(i).padStart(2, '0')}`;
    channels.push({
      platform: 'discord',
      native: discord,
      core: `discord:${DISCORD_IDS.guildId}:${discord}`,
      offsetSeconds: (offsetSeconds + 2) % SLOT_SECONDS,
    });
  }
  return channels;
}

/** `/drill schedule` text for a channel: a six-field cron with seconds first. */
export function scheduleText(channel: ChaosChannel): string {
  return `${channel.offsetSeconds}-59/${SLOT_SECONDS} * * * * * UTC`;
}

export function slackOptions(channels: readonly ChaosChannel[]) {
  return {
    channels: channels
      .filter((channel) => channel.platform === 'slack')
      .map((channel) => ({ id: channel.native, name: channel.native.toLowerCase() })),
    users: [{ id: SLACK_ADMIN, name: 'chaos-admin', is_admin: true }],
    // Slack's own: a delivery not acked within 3 s is retried.
    ackTimeoutMs: 3_000,
  };
}

export function discordOptions(channels: readonly ChaosChannel[]): FakeDiscordOptions {
  return {
    guilds: [
      {
        ...DEFAULT_GUILD,
        channels: channels
          .filter((channel) => channel.platform === 'discord')
          .map((channel) => ({ id: channel.native, name: `drills-${channel.native.slice(-2)}` })),
        members: [...DEFAULT_GUILD.members, ...DISCORD_MEMBERS.map((userId) => ({ userId }))],
      },
    ],
    users: [
      ...DEFAULT_USERS,
      ...DISCORD_MEMBERS.map((id, i) => ({ id, username: `chaos${i + 1}` })),
    ],
    // Heartbeats at a realistic pace, so a session whose process died is noticed.
    heartbeatIntervalMs: 5_000,
  };
}
