/**
 * Hostile `/drill` arguments on Discord (native string options), through real discord.js and
 * the engine. For every row of the table, with a drill open: a normal `/drill answer`, then
 * the hostile text as the `answer` option and as every other string option (all at once),
 * then another normal answer, then the reveal. Every command is answered privately; the
 * neighbours are stored and scored; settings are unchanged; nothing can ping.
 */
import { describe, expect, it } from 'vitest';
import { MAX_OPTION_TEXT } from '../../adapters/discord/commands-spec.ts';
import {
  FAKE_IDS,
  FAKE_USERS,
  type InteractionRecord,
  type PayloadUser,
} from '../fakes/discord/index.ts';
import { channelSettings, expectRowAnswers } from './answers.ts';
import {
  HOSTILE_CASES,
  type HostileCase,
  NEIGHBOUR_AFTER,
  NEIGHBOUR_BEFORE,
  settleDropped,
  storedText,
} from './cases.ts';
import { BATTERY, REFUSAL } from './command-battery.ts';
import { discordPingProblems } from './discord-checks.ts';
import {
  DISCORD_ADMIN,
  DISCORD_AFTER,
  DISCORD_BEFORE,
  DISCORD_HOSTILE,
  DISCORD_MEMBERS,
  DISCORD_PARTICIPANTS,
  type DiscordWorld,
  discordCommand,
  replyText,
  sendDiscordCommand,
} from './discord-drive.ts';
import type { TestDatabase } from './engine.ts';

/**
 * What a string option stores: Discord caps option text (more never arrives, so the adapter
 * drops it) and options are one line, so line breaks become spaces; then trimmed.
 */
function optionStored(row: HostileCase): string | null {
  // Counted in code points, as the adapter's check (zod) counts.
  if ([...row.text].length > MAX_OPTION_TEXT) return null;
  return (
    storedText(row, 'discord')
      ?.replace(/[\r\n]+/g, ' ')
      .trim() ?? null
  );
}

export function discordCommandArguments(world: DiscordWorld, database: TestDatabase): void {
  describe('hostile /drill arguments on Discord', () => {
    it.each(HOSTILE_CASES)('$id', async (row) => {
      const { fake } = world;
      const from = fake.requests.count();
      await discordCommand(fake, FAKE_USERS.admin, 'now', DISCORD_ADMIN);
      const settings = await channelSettings(database.db);
      const answer = (user: PayloadUser, text: string) =>
        sendDiscordCommand(fake, user, 'answer', { values: { text } });
      await replyText(fake, answer(DISCORD_BEFORE, NEIGHBOUR_BEFORE));

      const stored = optionStored(row);
      const sent: InteractionRecord[] = [
        answer(DISCORD_HOSTILE, row.text),
        ...BATTERY.flatMap(({ discord, admin }) =>
          discord
            ? [
                sendDiscordCommand(
                  fake,
                  admin ? FAKE_USERS.admin : DISCORD_HOSTILE,
                  discord.subcommand,
                  {
                    values: { [discord.option]: row.text },
                    ...(admin ? DISCORD_ADMIN : {}),
                  },
                ),
              ]
            : [],
        ),
      ];
      if (stored === null) {
        await settleDropped();
        for (const record of sent) expect(record.response).toBeUndefined();
      } else {
        const [answered, flagged, ...refused] = await Promise.all(
          sent.map((record) => replyText(fake, record)),
        );
        expect(answered).toContain('Answer stored; it counts with your thread replies.');
        expect(flagged).toContain('Thanks: the question is flagged for the pack maintainers.');
        for (const reply of refused) expect(JSON.parse(reply ?? '[]')[0]).toMatch(REFUSAL);
      }
      await replyText(fake, answer(DISCORD_AFTER, NEIGHBOUR_AFTER));
      await discordCommand(fake, FAKE_USERS.admin, 'reveal', DISCORD_ADMIN);

      await expectRowAnswers(database.db, DISCORD_MEMBERS, stored);
      expect(await channelSettings(database.db)).toEqual(settings);
      const requests = fake.requests.all().slice(from);
      expect(discordPingProblems(requests, { participants: DISCORD_PARTICIPANTS })).toEqual([]);
    });

    it('takes the @everyone role as the drill ping, and still notifies nobody with it', async () => {
      const { fake } = world;
      const from = fake.requests.count();
      // Discord gives the @everyone role the guild's own id.
      const everyone = { role: { type: 'role', id: FAKE_IDS.guildId } } as const;
      await discordCommand(fake, FAKE_USERS.admin, 'ping', { ...DISCORD_ADMIN, values: everyone });
      expect(await channelSettings(database.db)).toMatchObject({
        [`discord:${FAKE_IDS.guildId}:${FAKE_IDS.channelId}`]: { ping: '@everyone' },
      });
      await discordCommand(fake, FAKE_USERS.admin, 'now', DISCORD_ADMIN);
      const requests = fake.requests.all().slice(from);
      expect(discordPingProblems(requests, { participants: DISCORD_PARTICIPANTS })).toEqual([]);
      const posted = fake.messages.all(FAKE_IDS.channelId).at(-1)?.message;
      expect(posted).toMatchObject({ mention_everyone: false, mention_roles: [] });
    });
  });
}
