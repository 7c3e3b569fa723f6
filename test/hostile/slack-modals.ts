/**
 * Hostile modal submissions on Slack (`view_submission`), through real Bolt and the engine:
 *
 * - blind mode: a normal answer, the hostile one and another normal answer are submitted
 *   through the drill's "Answer privately" button and its modal; the reveal quotes every
 *   answer, so member text is rendered outside code and must come out inert;
 * - practice: the hostile text is submitted as the answer to a practice question.
 *
 * Each submission is acknowledged; neighbours are stored and scored; nothing pings.
 */
import { describe, expect, it } from 'vitest';
import { expectRowAnswers, practised } from './answers.ts';
import { HOSTILE_CASES, NEIGHBOUR_AFTER, NEIGHBOUR_BEFORE, storedText } from './cases.ts';
import type { TestDatabase } from './engine.ts';
import { slackOutboundText, slackPingProblems } from './slack-checks.ts';
import {
  buttonValue,
  SLACK_ADMIN,
  SLACK_AFTER,
  SLACK_BEFORE,
  SLACK_HOSTILE,
  SLACK_MEMBERS,
  SLACK_PARTICIPANTS,
  type SlackWorld,
  slackCommand,
  slackModalAnswer,
  slackQuestion,
} from './slack-drive.ts';

export function slackModalSubmissions(world: SlackWorld, database: TestDatabase): void {
  describe('hostile modal submissions on Slack', () => {
    it.each(HOSTILE_CASES)('blind answer: $id', async (row) => {
      const { fake } = world;
      const from = fake.requests.count();
      await slackCommand(fake, 'mode blind', SLACK_ADMIN);
      await slackCommand(fake, 'now', SLACK_ADMIN);
      const { ts, drillId } = slackQuestion(fake);
      const button = { actionId: 'drill-answer' as const, value: drillId, messageTs: ts };

      await slackModalAnswer(fake, SLACK_BEFORE, button, NEIGHBOUR_BEFORE);
      await slackModalAnswer(fake, SLACK_HOSTILE, button, row.text);
      await slackModalAnswer(fake, SLACK_AFTER, button, NEIGHBOUR_AFTER);

      expect((await slackCommand(fake, 'reveal', SLACK_ADMIN)).body.text).toBe('Revealed.');
      const stored = storedText(row, 'slack');
      await expectRowAnswers(database.db, SLACK_MEMBERS, stored);
      const sent = fake.requests.all().slice(from);
      // The blind reveal quotes the answer outside code.
      if (stored !== null) expect(slackOutboundText(sent)).toContain(row.probe);
      expect(slackPingProblems(sent, SLACK_PARTICIPANTS)).toEqual([]);
    });

    it.each(HOSTILE_CASES)('practice answer: $id', async (row) => {
      const { fake } = world;
      const from = fake.requests.count();
      const card = await slackCommand(fake, 'practice', SLACK_HOSTILE);
      const value = buttonValue(card.body, 'practice-answer');
      if (value === undefined) throw new Error(`no practice answer button in ${card.text}`);
      const answered = fake.requests.count('chat.postEphemeral');
      await slackModalAnswer(
        fake,
        SLACK_HOSTILE,
        { actionId: 'practice-answer', value, messageTs: '1700000000.000100' },
        row.text,
      );
      if (storedText(row, 'slack') === null) {
        // Dropped at the edge: acknowledged, and nothing was scored or answered.
        expect(await practised(database.db, SLACK_MEMBERS.hostile)).toBe(0);
        expect(fake.requests.count('chat.postEphemeral')).toBe(answered);
      } else {
        const result = await fake.requests.waitFor('chat.postEphemeral', { count: answered + 1 });
        expect(JSON.stringify(result.body)).toContain('key points');
        expect(await practised(database.db, SLACK_MEMBERS.hostile)).toBe(1);
      }
      expect(slackPingProblems(fake.requests.all().slice(from), SLACK_PARTICIPANTS)).toEqual([]);
    });
  });
}
