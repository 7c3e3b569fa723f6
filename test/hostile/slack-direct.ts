/**
 * `/drill` from a direct message on Slack (a `D…` channel, `channel_name: directmessage`),
 * through real Bolt and the engine. Help and practice work there; everything that belongs to
 * a channel is refused with an answer saying where to run it, and nothing is enrolled.
 */
import { describe, expect, it } from 'vitest';
import { channelSettings, practised } from './answers.ts';
import type { TestDatabase } from './engine.ts';
import { slackPingProblems } from './slack-checks.ts';
import {
  SLACK_ADMIN,
  SLACK_HOSTILE,
  SLACK_MEMBERS,
  SLACK_PARTICIPANTS,
  type SlackWorld,
  slackCommand,
} from './slack-drive.ts';

const DM = { channel: 'D0DIRECT01', channelName: 'directmessage' };
const IN_A_CHANNEL = /works in a channel; this is a direct message\. Run it in the channel/;

const REFUSED = [
  { id: 'now, by an admin', text: 'now', user: SLACK_ADMIN },
  { id: 'now, by a member', text: 'now', user: SLACK_HOSTILE },
  { id: 'schedule, by an admin', text: 'schedule weekdays 09:00 Europe/London', user: SLACK_ADMIN },
  { id: 'zone, by an admin', text: 'zone Mars/Olympus', user: SLACK_ADMIN },
  { id: 'answer', text: 'answer <!channel> least privilege', user: SLACK_HOSTILE },
  { id: 'leaderboard', text: 'leaderboard', user: SLACK_HOSTILE },
  { id: 'flag', text: 'flag @everyone <@U0VICTIM01>', user: SLACK_HOSTILE },
];

export function slackDirectMessages(world: SlackWorld, database: TestDatabase): void {
  describe('/drill from a direct message on Slack', () => {
    it.each(REFUSED)('refuses $id and enrols nothing', async ({ text, user }) => {
      const { fake } = world;
      const from = fake.requests.count();
      const reply = await slackCommand(fake, text, user, DM);
      expect(reply.body.response_type).toBe('ephemeral');
      // Zone is refused by the parser first, naming the bad zone; the rest by the DM rule.
      expect(String(reply.body.text)).toMatch(
        text.startsWith('zone') ? /not a time zone/ : IN_A_CHANNEL,
      );
      expect(await channelSettings(database.db)).toEqual({});
      expect(
        fake.requests
          .all()
          .slice(from)
          .map((request) => request.method),
      ).not.toContain('chat.postMessage');
      expect(slackPingProblems(fake.requests.all().slice(from), SLACK_PARTICIPANTS)).toEqual([]);
    });

    it('answers help and runs a practice round in the direct message', async () => {
      const { fake } = world;
      const from = fake.requests.count();
      expect((await slackCommand(fake, 'help', SLACK_HOSTILE, DM)).text).toContain(
        '/drill practice',
      );
      const card = await slackCommand(fake, 'practice', SLACK_HOSTILE, DM);
      expect(card.text).toContain('Practice');
      const scored = await slackCommand(
        fake,
        'practice answer <!here> least privilege and an audit log',
        SLACK_HOSTILE,
        DM,
      );
      expect(scored.text).toMatch(/You covered \d+ of \d+ key points/);
      expect(await practised(database.db, SLACK_MEMBERS.hostile)).toBe(1);
      expect(await channelSettings(database.db)).toEqual({});
      expect(slackPingProblems(fake.requests.all().slice(from), SLACK_PARTICIPANTS)).toEqual([]);
    });
  });
}
