/**
 * Invalid schedules, zones and durations through `/drill` on Slack (real Bolt, real engine):
 * each is refused privately with an answer naming the bad value and the fix, and the
 * channel's settings stay exactly as they were.
 */
import { describe, expect, it } from 'vitest';
import { channelSettings } from './answers.ts';
import type { TestDatabase } from './engine.ts';
import { SCHEDULE_CASES } from './schedule-cases.ts';
import { slackPingProblems } from './slack-checks.ts';
import { SLACK_ADMIN, SLACK_PARTICIPANTS, type SlackWorld, slackCommand } from './slack-drive.ts';

export function slackInvalidSchedules(world: SlackWorld, database: TestDatabase): void {
  describe('invalid schedules and zones on Slack', () => {
    it.each(SCHEDULE_CASES)('$id', async (row) => {
      const { fake } = world;
      const set = await slackCommand(fake, 'schedule daily 18:30 Europe/London', SLACK_ADMIN);
      expect(set.text).toContain('daily 18:30');
      const before = await channelSettings(database.db);
      expect(Object.values(before)).toMatchObject([{ cron: '30 18 * * *', zone: 'Europe/London' }]);

      const from = fake.requests.count();
      const refused = await slackCommand(fake, row.slack, SLACK_ADMIN);
      expect(refused.body.response_type).toBe('ephemeral');
      expect(String(refused.body.text)).toMatch(row.answer);
      expect(await channelSettings(database.db)).toEqual(before);
      expect(slackPingProblems(fake.requests.all().slice(from), SLACK_PARTICIPANTS)).toEqual([]);
    });
  });
}
