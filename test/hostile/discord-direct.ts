/**
 * `/drill` from a direct message with the bot on Discord (an interaction without `guild_id`),
 * through real discord.js and the engine. Help and practice work there; everything that
 * belongs to a channel is refused with an answer saying where to run it, and nothing is
 * enrolled.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_USERS } from '../fakes/discord/index.ts';
import { channelSettings, practised } from './answers.ts';
import { discordPingProblems } from './discord-checks.ts';
import {
  DISCORD_HOSTILE,
  DISCORD_MEMBERS,
  DISCORD_PARTICIPANTS,
  type DiscordWorld,
  replyText,
  sendDirectCommand,
} from './discord-drive.ts';
import type { TestDatabase } from './engine.ts';

const IN_A_CHANNEL = /works in a channel; this is a direct message\. Run it in the channel/;

const REFUSED: ReadonlyArray<{ id: string; subcommand: string; values: Record<string, string> }> = [
  { id: 'now', subcommand: 'now', values: {} },
  { id: 'schedule', subcommand: 'schedule', values: { when: 'weekdays 09:00', zone: 'UTC' } },
  { id: 'answer', subcommand: 'answer', values: { text: '@everyone <@&987654321098765432> hi' } },
  { id: 'leaderboard', subcommand: 'leaderboard', values: {} },
  { id: 'flag', subcommand: 'flag', values: { reason: '<@123456789012345678> broke it' } },
];

export function discordDirectMessages(world: DiscordWorld, database: TestDatabase): void {
  describe('/drill from a direct message on Discord', () => {
    it.each(REFUSED)('refuses $id and enrols nothing', async ({ subcommand, values }) => {
      const { fake } = world;
      const from = fake.requests.count();
      // Even a member who administers the guild: in a DM there is no guild to check.
      const record = sendDirectCommand(fake, FAKE_USERS.admin, subcommand, values);
      expect(await replyText(fake, record)).toMatch(IN_A_CHANNEL);
      expect(await channelSettings(database.db)).toEqual({});
      const sent = fake.requests.all().slice(from);
      expect(discordPingProblems(sent, { participants: DISCORD_PARTICIPANTS })).toEqual([]);
    });

    it('answers help and runs a practice round in the direct message', async () => {
      const { fake } = world;
      const from = fake.requests.count();
      const help = await replyText(fake, sendDirectCommand(fake, DISCORD_HOSTILE, 'help'));
      expect(help).toContain('/drill practice');
      const card = await replyText(fake, sendDirectCommand(fake, DISCORD_HOSTILE, 'practice'));
      expect(card).toContain('Practice');
      const scored = await replyText(
        fake,
        sendDirectCommand(fake, DISCORD_HOSTILE, 'practice', {
          answer: '@everyone least privilege and an audit log',
        }),
      );
      expect(scored).toMatch(/You covered \d+ of \d+ key points/);
      expect(await practised(database.db, DISCORD_MEMBERS.hostile)).toBe(1);
      expect(await channelSettings(database.db)).toEqual({});
      const sent = fake.requests.all().slice(from);
      expect(discordPingProblems(sent, { participants: DISCORD_PARTICIPANTS })).toEqual([]);
    });
  });
}
