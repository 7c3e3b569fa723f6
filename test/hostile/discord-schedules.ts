/**
 * Invalid schedules, zones and durations through `/drill` on Discord (native options, real
 * discord.js, real engine): each is refused privately with an answer naming the bad value and
 * the fix, and the channel's settings stay exactly as they were.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_USERS } from '../fakes/discord/index.ts';
import { channelSettings } from './answers.ts';
import { discordPingProblems } from './discord-checks.ts';
import {
  DISCORD_ADMIN,
  DISCORD_PARTICIPANTS,
  type DiscordWorld,
  discordCommand,
} from './discord-drive.ts';
import type { TestDatabase } from './engine.ts';
import { SCHEDULE_CASES } from './schedule-cases.ts';

export function discordInvalidSchedules(world: DiscordWorld, database: TestDatabase): void {
  describe('invalid schedules and zones on Discord', () => {
    it.each(SCHEDULE_CASES)('$id', async (row) => {
      const { fake } = world;
      const set = await discordCommand(fake, FAKE_USERS.admin, 'schedule', {
        ...DISCORD_ADMIN,
        values: { when: 'daily 18:30', zone: 'Europe/London' },
      });
      expect(set.text).toContain('daily 18:30');
      const before = await channelSettings(database.db);
      expect(Object.values(before)).toMatchObject([{ cron: '30 18 * * *', zone: 'Europe/London' }]);

      const from = fake.requests.count();
      const refused = await discordCommand(fake, FAKE_USERS.admin, row.discord.subcommand, {
        ...DISCORD_ADMIN,
        values: row.discord.values,
      });
      expect(refused.ephemeral).toBe(true);
      expect(refused.text).toMatch(row.answer);
      expect(await channelSettings(database.db)).toEqual(before);
      const sent = fake.requests.all().slice(from);
      expect(discordPingProblems(sent, { participants: DISCORD_PARTICIPANTS })).toEqual([]);
    });
  });
}
