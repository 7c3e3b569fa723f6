/**
 * Hostile thread replies on Discord, through real discord.js and the real engine: for every
 * row of the table a drill is posted (with a configured ping role, the one mention allowed),
 * a normal answer, the hostile one and another normal answer arrive in its thread, the drill
 * is revealed, and the hostile member asks for their data back (`/drill export-me` echoes the
 * stored text, so the escaping is exercised).
 *
 * Each row must be stored as the table says or silently dropped, leave both neighbours stored
 * and scored, and make nothing the bot sent able to ping: `allowed_mentions` with `parse: []`
 * everywhere, and no live `@everyone`, role or member mention from member text.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_IDS, FAKE_USERS, ROUTES } from '../fakes/discord/index.ts';
import { expectRowAnswers } from './answers.ts';
import { HOSTILE_CASES, NEIGHBOUR_AFTER, NEIGHBOUR_BEFORE, storedText } from './cases.ts';
import { discordOutboundText, discordPingProblems } from './discord-checks.ts';
import {
  answersStored,
  DISCORD_ADMIN,
  DISCORD_AFTER,
  DISCORD_BEFORE,
  DISCORD_HOSTILE,
  DISCORD_MEMBERS,
  DISCORD_PARTICIPANTS,
  type DiscordWorld,
  discordCommand,
  drillThread,
} from './discord-drive.ts';
import type { TestDatabase } from './engine.ts';

const PING = { role: { type: 'role', id: FAKE_IDS.pingRoleId } } as const;

export function discordThreadReplies(world: DiscordWorld, database: TestDatabase): void {
  describe('hostile thread replies on Discord', () => {
    it.each(HOSTILE_CASES)('$id', async (row) => {
      const { fake } = world;
      const from = fake.requests.count();
      await discordCommand(fake, FAKE_USERS.admin, 'ping', { ...DISCORD_ADMIN, values: PING });
      expect((await discordCommand(fake, FAKE_USERS.admin, 'now', DISCORD_ADMIN)).text).toContain(
        'Drill posted.',
      );
      const thread = drillThread(fake);
      // The question post may notify the configured role, and nobody else.
      const question = fake.requests.last(ROUTES.createMessage)?.body;
      expect(question).toMatchObject({
        content: expect.stringContaining(`<@&${FAKE_IDS.pingRoleId}>`),
        allowed_mentions: { parse: [], roles: [FAKE_IDS.pingRoleId] },
      });

      const post = (userId: string, content: string) =>
        fake.members.post({ channelId: thread, userId, content });
      post(DISCORD_BEFORE.id, NEIGHBOUR_BEFORE);
      post(DISCORD_HOSTILE.id, row.text);
      post(DISCORD_AFTER.id, NEIGHBOUR_AFTER);
      // Message events are handled in gateway order: once the last is stored, all were seen.
      await answersStored(database, [DISCORD_MEMBERS.after]);

      expect(
        (await discordCommand(fake, FAKE_USERS.admin, 'reveal', DISCORD_ADMIN)).text,
      ).toContain('Revealed.');
      const stored = storedText(row, 'discord');
      await expectRowAnswers(database.db, DISCORD_MEMBERS, stored);

      await discordCommand(fake, DISCORD_HOSTILE, 'export-me');
      // A long export goes out as the reply plus follow-ups, which may still be on their way
      // when the command's reply is in: wait for them (bounded) before reading.
      if (stored !== null) {
        const deadline = Date.now() + 5_000;
        while (
          !discordOutboundText(fake.requests.all().slice(from)).includes(row.probe) &&
          Date.now() < deadline
        ) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
      const sent = fake.requests.all().slice(from);
      if (stored !== null) expect(discordOutboundText(sent)).toContain(row.probe);
      expect(
        discordPingProblems(sent, {
          participants: DISCORD_PARTICIPANTS,
          pingRole: FAKE_IDS.pingRoleId,
        }),
      ).toEqual([]);
    });
  });
}
