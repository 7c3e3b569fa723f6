/**
 * Hostile `/drill` arguments on Slack, through real Bolt and the engine. For every row of the
 * table, with a drill open: a normal `/drill answer`, then the hostile text as the argument of
 * `/drill answer` and of every other command taking text (all at once, as a busy channel
 * would), then another normal answer, then the reveal. Every command is answered privately;
 * the neighbours are stored and scored; settings are unchanged; nothing pings.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_IDS } from '../fakes/slack/index.ts';
import { channelSettings, expectRowAnswers } from './answers.ts';
import {
  HOSTILE_CASES,
  NEIGHBOUR_AFTER,
  NEIGHBOUR_BEFORE,
  settleDropped,
  storedText,
} from './cases.ts';
import { BATTERY, REFUSAL } from './command-battery.ts';
import type { TestDatabase } from './engine.ts';
import { slackOutboundText, slackPingProblems } from './slack-checks.ts';
import {
  SLACK_ADMIN,
  SLACK_AFTER,
  SLACK_BEFORE,
  SLACK_CHANNEL,
  SLACK_HOSTILE,
  SLACK_MEMBERS,
  SLACK_PARTICIPANTS,
  type SlackWorld,
  sendSlackCommand,
  slackCommand,
} from './slack-drive.ts';

export function slackCommandArguments(world: SlackWorld, database: TestDatabase): void {
  describe('hostile /drill arguments on Slack', () => {
    it.each(HOSTILE_CASES)('$id', async (row) => {
      const { fake } = world;
      const from = fake.requests.count();
      await slackCommand(fake, 'now', SLACK_ADMIN);
      const settings = await channelSettings(database.db);
      await slackCommand(fake, `answer ${NEIGHBOUR_BEFORE}`, SLACK_BEFORE);

      const stored = storedText(row, 'slack');
      const commands = [
        { text: `answer ${row.text}`, user: SLACK_HOSTILE },
        ...BATTERY.map((command) => ({
          text: command.slack(row.text),
          user: command.admin ? SLACK_ADMIN : SLACK_HOSTILE,
        })),
      ];
      // All at once, as in a busy channel; each is acknowledged whatever it carries.
      const sent = await Promise.all(
        commands.map((command) => sendSlackCommand(fake, command.text, command.user)),
      );
      if (stored === null) {
        // Longer than Slack ever sends: dropped at the edge, acknowledged, answered by nothing.
        await settleDropped();
        for (const { responseUrl } of sent)
          expect(fake.responseUrls.posts(responseUrl)).toEqual([]);
      } else {
        const [answered, flagged, ...refused] = await Promise.all(
          sent.map(async ({ responseUrl }) => (await fake.responseUrls.waitFor(responseUrl)).body),
        );
        expect(answered?.text).toBe('Answer stored; it counts with your thread replies.');
        expect(flagged?.text).toBe('Thanks: the question is flagged for the pack maintainers.');
        for (const reply of [answered, flagged, ...refused]) {
          expect(reply?.response_type).toBe('ephemeral');
        }
        // Every other command refuses the text, saying what it expected instead.
        for (const reply of refused) expect(String(reply?.text)).toMatch(REFUSAL);
      }
      await slackCommand(fake, `answer ${NEIGHBOUR_AFTER}`, SLACK_AFTER);
      await slackCommand(fake, 'reveal', SLACK_ADMIN);

      await expectRowAnswers(database.db, SLACK_MEMBERS, stored);
      expect(await channelSettings(database.db)).toEqual(settings);
      expect(slackPingProblems(fake.requests.all().slice(from), SLACK_PARTICIPANTS)).toEqual([]);
    });

    it('takes <!channel> as the drill ping, but never posts it as a broadcast', async () => {
      const { fake } = world;
      const from = fake.requests.count();
      // Only a user group or @here may notify when a drill posts; anything else is shown as text.
      const set = await slackCommand(fake, 'ping <!channel>', SLACK_ADMIN);
      expect(set.body.response_type).toBe('ephemeral');
      expect(await channelSettings(database.db)).toMatchObject({
        [`slack:${FAKE_IDS.teamId}:${SLACK_CHANNEL}`]: { ping: '<!channel>' },
      });
      await slackCommand(fake, 'now', SLACK_ADMIN);
      const sent = fake.requests.all().slice(from);
      expect(slackPingProblems(sent, SLACK_PARTICIPANTS)).toEqual([]);
      expect(slackOutboundText(sent)).toContain('&lt;!channel&gt;');
    });
  });
}
