/**
 * Question packs carrying the hostile strings, through the real content loader and the real
 * engine to Discord (real discord.js): one pack per row, its text in every pack and question
 * text field. A pack the loader takes is drilled (question, two normal answers, the reveal),
 * its tips and a practice question are asked for; every such post shows the text (escaped),
 * carries `allowed_mentions` with `parse: []` and pings nobody, and both answers are stored
 * and scored. A pack the loader refuses is left out with an error saying why.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_USERS } from '../fakes/discord/index.ts';
import { useDatabase } from '../support/db.ts';
import { answersByMember, expectNeighboursScored } from './answers.ts';
import { HOSTILE_CASES, NEIGHBOUR_AFTER, NEIGHBOUR_BEFORE } from './cases.ts';
import { discordOutboundText, discordPingProblems } from './discord-checks.ts';
import {
  answersStored,
  DISCORD_ADMIN,
  DISCORD_AFTER,
  DISCORD_BEFORE,
  DISCORD_MEMBERS,
  DISCORD_PARTICIPANTS,
  discordCommand,
  drillThread,
  useDiscordWorld,
} from './discord-drive.ts';
import { expectPackRefused, packRefusal, rowPack, writePackDir } from './pack-files.ts';

const PACK_DIR = writePackDir(HOSTILE_CASES.map(rowPack));

describe('hostile question packs rendered to Discord', () => {
  const database = useDatabase('pglite');
  const world = useDiscordWorld(database, [PACK_DIR]);

  it.each(HOSTILE_CASES)('$id', async (row) => {
    const { fake, engine } = world;
    const pack = `hostile-${row.id}`;
    const from = fake.requests.count();
    const refusal = packRefusal(row);
    const chosen = await discordCommand(fake, FAKE_USERS.admin, 'packs', {
      ...DISCORD_ADMIN,
      values: { packs: pack },
    });
    if (refusal) {
      expectPackRefused(engine.context.catalog(), pack, refusal, chosen.text);
      return;
    }
    expect(chosen.text).toContain(pack);
    await discordCommand(fake, FAKE_USERS.admin, 'now', DISCORD_ADMIN);
    const thread = drillThread(fake);
    fake.members.post({ channelId: thread, userId: DISCORD_BEFORE.id, content: NEIGHBOUR_BEFORE });
    fake.members.post({ channelId: thread, userId: DISCORD_AFTER.id, content: NEIGHBOUR_AFTER });
    await answersStored(database, [DISCORD_MEMBERS.after]);
    await discordCommand(fake, FAKE_USERS.admin, 'reveal', DISCORD_ADMIN);
    await discordCommand(fake, DISCORD_BEFORE, 'tips', { values: { pack } });
    await discordCommand(fake, DISCORD_BEFORE, 'practice', { values: { filter: pack } });

    expectNeighboursScored(await answersByMember(database.db), DISCORD_MEMBERS);
    const sent = fake.requests.all().slice(from);
    expect(discordOutboundText(sent)).toContain(row.probe);
    expect(discordPingProblems(sent, { participants: DISCORD_PARTICIPANTS })).toEqual([]);
  });
});
