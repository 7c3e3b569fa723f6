/**
 * Question packs carrying the hostile strings, through the real content loader and the real
 * engine to Slack (real Bolt): one pack per row, its text in the title, description, tips,
 * question, evaluation note, framework lead, key point labels and details, and the mistake.
 * A pack the loader takes is drilled (question, two normal answers, the reveal), its tips and
 * a practice question are asked for; every such post shows the text (escaped) and pings
 * nobody, and both answers are stored and scored. A pack the loader refuses is left out with
 * an error saying why, and asking for it gets a clear answer.
 */
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../support/db.ts';
import { answersByMember, expectNeighboursScored } from './answers.ts';
import { HOSTILE_CASES, NEIGHBOUR_AFTER, NEIGHBOUR_BEFORE } from './cases.ts';
import { expectPackRefused, packRefusal, rowPack, writePackDir } from './pack-files.ts';
import { slackOutboundText, slackPingProblems } from './slack-checks.ts';
import {
  SLACK_ADMIN,
  SLACK_AFTER,
  SLACK_BEFORE,
  SLACK_MEMBERS,
  SLACK_PARTICIPANTS,
  slackCommand,
  slackQuestion,
  slackReply,
  useSlackWorld,
} from './slack-drive.ts';

const PACK_DIR = writePackDir(HOSTILE_CASES.map(rowPack));

describe('hostile question packs rendered to Slack', () => {
  const database = useDatabase('pglite');
  const world = useSlackWorld(database, [PACK_DIR]);

  it.each(HOSTILE_CASES)('$id', async (row) => {
    const { fake, engine } = world;
    const pack = `hostile-${row.id}`;
    const from = fake.requests.count();
    const refusal = packRefusal(row);
    const chosen = await slackCommand(fake, `packs ${pack}`, SLACK_ADMIN);
    if (refusal) {
      expectPackRefused(engine.context.catalog(), pack, refusal, String(chosen.body.text));
      return;
    }
    expect(String(chosen.body.text)).toContain(pack);
    expect((await slackCommand(fake, 'now', SLACK_ADMIN)).body.text).toBe('Drill posted.');
    const { ts } = slackQuestion(fake);
    await slackReply(fake, SLACK_BEFORE, NEIGHBOUR_BEFORE, ts);
    await slackReply(fake, SLACK_AFTER, NEIGHBOUR_AFTER, ts);
    expect((await slackCommand(fake, 'reveal', SLACK_ADMIN)).body.text).toBe('Revealed.');
    await slackCommand(fake, `tips ${pack}`, SLACK_BEFORE);
    await slackCommand(fake, `practice ${pack}`, SLACK_BEFORE);

    expectNeighboursScored(await answersByMember(database.db), SLACK_MEMBERS);
    const sent = fake.requests.all().slice(from);
    expect(slackOutboundText(sent)).toContain(row.probe);
    expect(slackPingProblems(sent, SLACK_PARTICIPANTS)).toEqual([]);
  });
});
