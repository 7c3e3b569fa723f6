/**
 * Two reveals in one workspace score at the same moment and add to the same members' week,
 * month and all-time rows (db/queries/points.ts). Each takes those rows in member order
 * (`awardAll`), so on PostgreSQL they wait for each other instead of deadlocking, whatever
 * order their answers came in. Found by the fault run of the chaos tests, where such a
 * deadlock left a drill unrevealed for a minute.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Award, awardAll } from '../../db/queries/points.ts';
import { rawRows } from '../../db/raw.ts';
import { channels, members, workspaces } from '../../db/schema.ts';
import { TEST_DATABASE_URL, useDatabase } from '../support/db.ts';

const WORKSPACE = 'slack:TORDER';
const CHANNELS = [`${WORKSPACE}:C1`, `${WORKSPACE}:C2`] as const;
const MEMBERS = Array.from({ length: 40 }, (_, n) => `slack:UO${String(n).padStart(2, '0')}`);
const ROUNDS = 8;
const DAY = '2026-03-18';

function awardsIn(channelId: string, memberIds: readonly string[], round: number): Award[] {
  return memberIds.map((memberId) => ({
    memberId,
    workspaceId: WORKSPACE,
    channelId,
    drillId: null,
    reason: 'participation' as const,
    points: 1,
    awardKey: `order:${channelId}:${memberId}:${round}`,
    earnedAt: new Date(`${DAY}T12:00:00Z`),
    day: DAY,
  }));
}

describe.skipIf(!TEST_DATABASE_URL)('awardAll on PostgreSQL', () => {
  const database = useDatabase('postgres');

  it('lets two transactions award the same members in opposite orders without a deadlock', async () => {
    const { db } = database;
    await db.insert(workspaces).values({ id: WORKSPACE, platform: 'slack' });
    await db
      .insert(channels)
      .values(CHANNELS.map((id) => ({ id, workspaceId: WORKSPACE, enrolledBy: MEMBERS[0] ?? '' })));
    await db.insert(members).values(MEMBERS.map((id) => ({ id, platform: 'slack' as const })));
    const backwards = [...MEMBERS].reverse();
    for (let round = 0; round < ROUNDS; round += 1) {
      // Each transaction on its own connection, started together: the first walks the
      // members forwards, the second backwards, as two reveals' answers may come in.
      await Promise.all([
        db.transaction((tx) => awardAll(tx, awardsIn(CHANNELS[0], MEMBERS, round))),
        db.transaction((tx) => awardAll(tx, awardsIn(CHANNELS[1], backwards, round))),
      ]);
    }
    const rollup = await rawRows<{ period: string; members: number; points: number }>(
      db,
      sql`select period, count(*)::int as members, sum(points)::int as points
          from points_rollup where workspace_id = ${WORKSPACE} group by period order by period`,
    );
    const each = { members: MEMBERS.length, points: MEMBERS.length * ROUNDS * 2 };
    expect(rollup).toEqual([
      { period: 'all', ...each },
      { period: 'month', ...each },
      { period: 'week', ...each },
    ]);
  });
});
