/**
 * Hostile modal submissions on Discord (interaction type 5), through real discord.js and the
 * engine:
 *
 * - blind mode: a normal answer, the hostile one and another normal answer are submitted
 *   through the drill's answer button and its modal; the reveal quotes every answer, so
 *   member text is rendered outside code and must come out inert;
 * - practice: the hostile text is submitted as the answer to a practice question.
 *
 * Neighbours are stored and scored; nothing the bot sent can ping.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_IDS, FAKE_USERS, type PayloadUser } from '../fakes/discord/index.ts';
import { drillId, expectRowAnswers, practised } from './answers.ts';
import {
  HOSTILE_CASES,
  NEIGHBOUR_AFTER,
  NEIGHBOUR_BEFORE,
  settleDropped,
  storedText,
} from './cases.ts';
import { discordOutboundText, discordPingProblems } from './discord-checks.ts';
import {
  answersStored,
  buttonOn,
  DISCORD_ADMIN,
  DISCORD_AFTER,
  DISCORD_BEFORE,
  DISCORD_HOSTILE,
  DISCORD_MEMBERS,
  DISCORD_PARTICIPANTS,
  type DiscordWorld,
  discordCommand,
  discordModalAnswer,
  replyText,
  until,
} from './discord-drive.ts';
import type { TestDatabase } from './engine.ts';

const RULES = { participants: DISCORD_PARTICIPANTS };

export function discordModalSubmissions(world: DiscordWorld, database: TestDatabase): void {
  describe('hostile modal submissions on Discord', () => {
    it.each(HOSTILE_CASES)('blind answer: $id', async (row) => {
      const { fake } = world;
      const from = fake.requests.count();
      await discordCommand(fake, FAKE_USERS.admin, 'mode', {
        ...DISCORD_ADMIN,
        values: { mode: 'blind' },
      });
      await discordCommand(fake, FAKE_USERS.admin, 'now', DISCORD_ADMIN);
      // The newest question: earlier rows' questions keep their buttons.
      const question = await until(
        () => fake.messages.all(FAKE_IDS.channelId).findLast((m) => buttonOn(m, 'drill-answer')),
        'the blind question',
      );
      const button = buttonOn(question, 'drill-answer') ?? '';
      expect(Number(button.split(':')[1])).toBe(await drillId(database.db));

      const answer = (user: PayloadUser, text: string) =>
        discordModalAnswer(fake, user, question, button, text);
      await answer(DISCORD_BEFORE, NEIGHBOUR_BEFORE);
      await answersStored(database, [DISCORD_MEMBERS.before]);
      const hostile = await answer(DISCORD_HOSTILE, row.text);
      const stored = storedText(row, 'discord');
      if (stored === null) {
        await settleDropped();
        expect(hostile.response, 'a dropped submission gets no reply').toBeUndefined();
      } else {
        expect(await replyText(fake, hostile)).toContain('Answer stored.');
      }
      await answer(DISCORD_AFTER, NEIGHBOUR_AFTER);
      await answersStored(database, [DISCORD_MEMBERS.after]);

      await discordCommand(fake, FAKE_USERS.admin, 'reveal', DISCORD_ADMIN);
      await expectRowAnswers(database.db, DISCORD_MEMBERS, stored);
      const sent = fake.requests.all().slice(from);
      // The blind reveal quotes the answer outside code.
      if (stored !== null) expect(discordOutboundText(sent)).toContain(row.probe);
      expect(discordPingProblems(sent, RULES)).toEqual([]);
    });

    it.each(HOSTILE_CASES)('practice answer: $id', async (row) => {
      const { fake } = world;
      const from = fake.requests.count();
      const asked = fake.interactions.all().length;
      await discordCommand(fake, DISCORD_HOSTILE, 'practice');
      const card = fake.interactions.all()[asked]?.originalMessageId;
      const message = card === undefined ? undefined : fake.messages.get(card);
      const button = message ? buttonOn(message, 'practice-answer') : undefined;
      if (!message || !button) throw new Error('no practice card with an answer button');
      const submitted = await discordModalAnswer(fake, DISCORD_HOSTILE, message, button, row.text);
      if (storedText(row, 'discord') === null) {
        await settleDropped();
        expect(submitted.response, 'a dropped submission gets no reply').toBeUndefined();
        expect(await practised(database.db, DISCORD_MEMBERS.hostile)).toBe(0);
      } else {
        expect(await replyText(fake, submitted)).toContain('key points');
        expect(await practised(database.db, DISCORD_MEMBERS.hostile)).toBe(1);
      }
      expect(discordPingProblems(fake.requests.all().slice(from), RULES)).toEqual([]);
    });
  });
}
