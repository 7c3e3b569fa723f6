/**
 * Hostile thread replies on Slack, through real Bolt (Socket Mode) and the real engine: for
 * every row of the table a drill is posted, a normal answer, the hostile one and another
 * normal answer arrive in its thread, the drill is revealed, and the hostile member asks for
 * their data back (`/drill export-me` echoes the stored text, so the escaping is exercised).
 *
 * Each row must be acknowledged (so Slack does not redeliver it forever), stored as the table
 * says or silently dropped, leave both neighbours stored and scored, and ping nobody in
 * anything the bot sent.
 */
import { describe, expect, it } from 'vitest';
import { expectRowAnswers } from './answers.ts';
import { HOSTILE_CASES, NEIGHBOUR_AFTER, NEIGHBOUR_BEFORE, storedText } from './cases.ts';
import type { TestDatabase } from './engine.ts';
import { slackPingProblems } from './slack-checks.ts';
import {
  SLACK_ADMIN,
  SLACK_AFTER,
  SLACK_BEFORE,
  SLACK_HOSTILE,
  SLACK_MEMBERS,
  SLACK_PARTICIPANTS,
  type SlackWorld,
  slackCommand,
  slackQuestion,
  slackReply,
} from './slack-drive.ts';

export function slackThreadReplies(world: SlackWorld, database: TestDatabase): void {
  describe('hostile thread replies on Slack', () => {
    it.each(HOSTILE_CASES)('$id', async (row) => {
      const { fake } = world;
      const from = fake.requests.count();
      expect((await slackCommand(fake, 'now', SLACK_ADMIN)).body.text).toBe('Drill posted.');
      const { ts } = slackQuestion(fake);

      await slackReply(fake, SLACK_BEFORE, NEIGHBOUR_BEFORE, ts);
      const ack = await slackReply(fake, SLACK_HOSTILE, row.text, ts);
      expect(ack.envelope_id).toBe(ack.envelope.envelope_id);
      await slackReply(fake, SLACK_AFTER, NEIGHBOUR_AFTER, ts);

      expect((await slackCommand(fake, 'reveal', SLACK_ADMIN)).body.text).toBe('Revealed.');
      const stored = storedText(row, 'slack');
      await expectRowAnswers(database.db, SLACK_MEMBERS, stored);

      const exported = await slackCommand(fake, 'export-me', SLACK_HOSTILE);
      // The stored text came back (the ping check below proves it came back inert).
      if (stored !== null) expect(exported.text).toContain(row.probe);
      expect(slackPingProblems(fake.requests.all().slice(from), SLACK_PARTICIPANTS)).toEqual([]);
    });
  });
}
