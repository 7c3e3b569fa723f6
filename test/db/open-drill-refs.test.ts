/**
 * openDrillRefs (db/queries/open-drill-refs.ts): the threads a new Discord gateway session
 * reads back. Open drills, and drills revealed since the given time: a reply heard by a
 * session that was lost while the database was down is read back after the reveal and kept
 * as late (the chaos fault run lost three such replies before).
 */
import { describe, expect, it } from 'vitest';
import { openDrillRefs } from '../../db/queries/open-drill-refs.ts';
import { channels, workspaces } from '../../db/schema.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import { ALICE, seedChannel, seedDrill } from '../support/rows.ts';

const GUILD = 'discord:1200';
const CHANNEL = `${GUILD}:1300`;
const SINCE = new Date('2026-03-02T17:00:00Z');
const ref = (n: number) => `${CHANNEL}:14${n}`;

describe.each(ENGINES)('openDrillRefs (%s)', (engine) => {
  const database = useDatabase(engine);

  it('lists open drills and drills revealed since the given time, of that platform only', async () => {
    const { db } = database;
    await seedChannel(db);
    await db.insert(workspaces).values({ id: GUILD, platform: 'discord' });
    await db.insert(channels).values({ id: CHANNEL, workspaceId: GUILD, enrolledBy: ALICE });
    const slot = (n: number) => new Date(Date.parse('2026-03-02T09:00:00Z') + n * 60_000);
    await seedDrill(db, { channelId: CHANNEL, slotAt: slot(1), messageRef: ref(1) });
    await seedDrill(db, {
      channelId: CHANNEL,
      slotAt: slot(2),
      messageRef: ref(2),
      status: 'revealed',
      revealedAt: new Date(SINCE.getTime() + 1_000),
    });
    await seedDrill(db, {
      channelId: CHANNEL,
      slotAt: slot(3),
      messageRef: ref(3),
      status: 'revealed',
      revealedAt: new Date(SINCE.getTime() - 1_000),
    });
    await seedDrill(db, {
      channelId: CHANNEL,
      slotAt: slot(4),
      messageRef: ref(4),
      status: 'withdrawn',
    });
    await seedDrill(db, { slotAt: slot(5), messageRef: 'slack:T0001:C0001:1.5' });
    expect((await openDrillRefs(db, 'discord', SINCE)).sort()).toEqual([ref(1), ref(2)]);
  });
});
