/**
 * storeThreadReply (db/queries/thread-replies.ts) once a drill's answers are frozen for
 * scoring but the reveal has not been posted yet (its post failing and retried, the database
 * down in between). A reply stored then can no longer be scored, so it is late and the answer
 * it starts is not on time; before the freeze the same reply is on time. The chaos fault run
 * found such answers left "on time" and never scored.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { storeThreadReply } from '../../db/queries/thread-replies.ts';
import { answerMessages, answers, drills } from '../../db/schema.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import { ALICE, BOB, seedChannel, seedDrill, seedMembers } from '../support/rows.ts';

const ROOT = 'slack:T0001:C0001:1000.0001';
const SENT = new Date('2026-03-02T12:00:00Z');

describe.each(ENGINES)('storeThreadReply (%s)', (engine) => {
  const database = useDatabase(engine);

  async function reply(member: string, n: number) {
    return storeThreadReply(database.db, {
      eventId: `slack:Ev${n}`,
      at: SENT,
      root: ROOT,
      memberId: member,
      platform: 'slack',
      platformMessageId: `slack:T0001:C0001:1000.${1000 + n}`,
      text: `reply ${n}`,
    });
  }

  async function stored(member: string) {
    const [row] = await database.db
      .select({ onTime: answers.onTime, late: answerMessages.late })
      .from(answers)
      .innerJoin(answerMessages, eq(answerMessages.answerId, answers.id))
      .where(eq(answers.memberId, member));
    return row;
  }

  it('keeps a reply sent before the reveal on time until the answers are frozen, late after', async () => {
    const { db } = database;
    await seedChannel(db);
    await seedMembers(db);
    const drillId = await seedDrill(db, { messageRef: ROOT });
    expect((await reply(ALICE, 1)).stored).toBe(true);
    expect(await stored(ALICE)).toEqual({ onTime: true, late: false });

    // Scored, not yet revealed: the reveal's post is being retried.
    await db.update(drills).set({ scoredAt: SENT }).where(eq(drills.id, drillId));
    expect((await reply(BOB, 2)).stored).toBe(true);
    expect(await stored(BOB)).toEqual({ onTime: false, late: true });
  });
});
