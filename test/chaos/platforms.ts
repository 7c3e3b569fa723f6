/**
 * The two standalone fakes of a chaos run and what members and admins do on them: commands
 * (Slack slash commands over Socket Mode, Discord application commands over the gateway) and
 * thread replies, each recorded with whether the bot acknowledged it.
 */

import { FAKE_BOT_TOKEN as DISCORD_TOKEN } from '../fakes/discord/options.ts';
import { FAKE_USERS } from '../fakes/discord/payloads-common.ts';
import {
  drillCommand as discordCommand,
  MANAGE_SERVER_PERMISSIONS,
} from '../fakes/discord/payloads-interactions.ts';
import { type StandaloneFakeDiscord, spawnFakeDiscord } from '../fakes/discord/spawn.ts';
import {
  FAKE_APP_TOKEN,
  FAKE_IDS as SLACK_IDS,
  FAKE_BOT_TOKEN as SLACK_TOKEN,
} from '../fakes/slack/options.ts';
import { threadReply } from '../fakes/slack/payloads-events.ts';
import { drillCommand as slackCommand } from '../fakes/slack/payloads-interactive.ts';
import { type StandaloneFakeSlack, spawnFakeSlack } from '../fakes/slack/spawn.ts';
import {
  type ChaosChannel,
  DISCORD_ADMIN,
  discordOptions,
  SLACK_ADMIN,
  slackOptions,
} from './world.ts';

/** A member's reply as the driver sent it, and what the platform knows of its delivery. */
export interface SentReply {
  platform: 'slack' | 'discord';
  drillId: number;
  /** The platform's message id: Slack `ts`, Discord snowflake. */
  messageId: string;
  sentAt: number;
  /**
   * Slack: the bot acked the envelope (it acks only after storing). Discord has no ack; see
   * `discordSessions` for when a dispatch counts as received by a bot that lived on.
   */
  acked: boolean;
  /** Discord: the gateway sessions the MESSAGE_CREATE reached. */
  sessions: string[];
}

export class ChaosPlatforms {
  readonly slack: StandaloneFakeSlack;
  readonly discord: StandaloneFakeDiscord;

  private constructor(slack: StandaloneFakeSlack, discord: StandaloneFakeDiscord) {
    this.slack = slack;
    this.discord = discord;
  }

  static async start(channels: readonly ChaosChannel[]): Promise<ChaosPlatforms> {
    const [slack, discord] = await Promise.all([
      spawnFakeSlack({ options: slackOptions(channels) }),
      spawnFakeDiscord({ options: discordOptions(channels) }),
    ]);
    return new ChaosPlatforms(slack, discord);
  }

  /** What every drillbot process of the run is configured with. */
  botEnv(): Record<string, string> {
    return {
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_APP_TOKEN: FAKE_APP_TOKEN,
      SLACK_API_URL: this.slack.info.apiUrl,
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: this.discord.info.applicationId,
      DISCORD_API_URL: this.discord.info.apiUrl,
      DRILLBOT_ADMINS: `slack:${SLACK_ADMIN},discord:${DISCORD_ADMIN}`,
    };
  }

  /** An admin's `/drill <subcommand>` in a channel; Discord's options are named as registered. */
  async adminCommand(
    channel: ChaosChannel,
    subcommand: 'window' | 'schedule',
    value: string,
  ): Promise<void> {
    if (channel.platform === 'slack') {
      const payload = slackCommand({
        text: `${subcommand} ${value}`,
        channelId: channel.native,
        userId: SLACK_ADMIN,
        responseUrl: await this.slack.control.createResponseUrl(),
      });
      await this.slack.control.deliver({ payload }, { timeoutMs: 3_000, retries: 3 });
      return;
    }
    const options: Record<string, string> =
      subcommand === 'window'
        ? { duration: value }
        : { when: value.replace(/\s+UTC$/, ''), zone: 'UTC' };
    await this.discord.control.interact(
      discordCommand({
        subcommand,
        options,
        channelId: channel.native,
        user: FAKE_USERS.admin,
        permissions: MANAGE_SERVER_PERMISSIONS,
      }),
    );
  }

  /** A member's reply in a drill's thread (`threadId`: Slack parent ts, Discord thread id). */
  async reply(
    channel: ChaosChannel,
    drillId: number,
    threadId: string,
    member: string,
    text: string,
  ): Promise<SentReply> {
    const sentAt = Date.now();
    if (channel.platform === 'slack') {
      const stored = await this.slack.control.postAsUser({
        channel: channel.native,
        user: member,
        text,
        threadTs: threadId,
      });
      const payload = threadReply({
        channel: channel.native,
        user: member,
        text,
        threadTs: threadId,
        ts: stored.ts,
        teamId: SLACK_IDS.teamId,
      });
      // Slack retries an un-acked delivery (three times, a few seconds apart); so does this.
      const acked = await this.slack.control
        .deliver({ payload }, { timeoutMs: 3_000, retries: 3 })
        .then(
          () => true,
          () => false,
        );
      return {
        platform: 'slack',
        drillId,
        messageId: stored.ts,
        sentAt,
        acked,
        sessions: [],
      };
    }
    const { message, dispatched } = await this.discord.control.postTracked({
      channelId: threadId,
      userId: member,
      content: text,
    });
    return {
      platform: 'discord',
      drillId,
      messageId: message.id,
      sentAt,
      acked: false,
      sessions: dispatched.filter((d) => d.delivered).map((d) => d.sessionId),
    };
  }

  async stop(): Promise<void> {
    await Promise.all([this.slack.stop(), this.discord.stop()]);
  }
}
