/**
 * Board pages (db/queries/board-page.ts): the ranked first page and a member's place, read
 * in one query, equal what ranking every row of `boardRows` gives, for channel and workspace
 * boards, whole periods (read from the workspace rollup) and other ranges (from the days);
 * and the rollup `award` keeps equals the sums of the day rows, through corrections and a
 * forgotten member.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { boardPage, rollupFor } from '../../db/queries/board-page.ts';
import { award, type BoardQuery, boardRows } from '../../db/queries/points.ts';
import { rawRows } from '../../db/raw.ts';
import { channels, members, workspaces } from '../../db/schema.ts';
import {
  localDay,
  periodRange,
  rankBoard,
  rankLeaders,
  rankOf,
} from '../../src/core/leaderboard.ts';
import { ENGINES, useDatabase } from '../support/db.ts';

const WORKSPACE = 'slack:TPAGE';
const BERLIN = `${WORKSPACE}:C1`;
const AUCKLAND = `${WORKSPACE}:C2`;
const ZONE = { [BERLIN]: 'Europe/Berlin', [AUCKLAND]: 'Pacific/Auckland' } as const;
const member = (n: number) => `slack:UP${String(n).padStart(2, '0')}`;
const NOW = new Date('2026-03-18T12:00:00Z');

describe('rollupFor', () => {
  it.each([
    [null, null, { period: 'all', start: '0001-01-01' }],
    ['2026-03-16', '2026-03-23', { period: 'week', start: '2026-03-16' }],
    ['2026-12-28', '2027-01-04', { period: 'week', start: '2026-12-28' }],
    ['2026-03-01', '2026-04-01', { period: 'month', start: '2026-03-01' }],
    ['2026-12-01', '2027-01-01', { period: 'month', start: '2026-12-01' }],
    ['2026-02-01', '2026-03-01', { period: 'month', start: '2026-02-01' }],
    ['2026-03-17', '2026-03-24', undefined], // a Tuesday
    ['2026-03-16', '2026-03-22', undefined],
    ['2026-03-02', '2026-04-01', undefined],
    ['2026-03-01', null, undefined],
  ] as const)('%s .. %s', (from, to, expected) => {
    expect(rollupFor(from, to)).toEqual(expected);
  });
});

async function seed(db: Db): Promise<void> {
  await db.insert(workspaces).values({ id: WORKSPACE, platform: 'slack' });
  await db.insert(channels).values([
    { id: BERLIN, workspaceId: WORKSPACE, zone: ZONE[BERLIN] },
    { id: AUCKLAND, workspaceId: WORKSPACE, zone: ZONE[AUCKLAND] },
  ]);
  await db.insert(members).values(
    Array.from({ length: 24 }, (_, n) => ({
      id: member(n),
      platform: 'slack' as const,
      // Shared and missing names, so ties are ordered by name, then id.
      displayName: n % 7 === 0 ? null : `Member ${n % 5}`,
      optedOutAt: n % 11 === 5 ? new Date('2026-03-01T00:00:00Z') : null,
    })),
  );
  let key = 0;
  // Points on days around week and month ends in both zones: few distinct totals, many ties.
  for (let day = 0; day < 40; day += 1) {
    for (let n = 0; n < 24; n += 1) {
      if ((n + day) % 3 !== 0) continue;
      const channelId = n % 2 === 0 ? BERLIN : AUCKLAND;
      const earnedAt = new Date(Date.UTC(2026, 1, 12 + day, (n * 5) % 24, 30));
      key += 1;
      await award(db, {
        memberId: member(n),
        workspaceId: WORKSPACE,
        channelId,
        drillId: null,
        reason: 'adjustment',
        points: 1 + ((n * day) % 3),
        awardKey: `page-test:${key}`,
        earnedAt,
        day: localDay(earnedAt, ZONE[channelId]),
      });
    }
  }
  // A correction, as taking back a vote point writes it.
  const earnedAt = new Date('2026-03-17T10:00:00Z');
  await award(db, {
    memberId: member(3),
    workspaceId: WORKSPACE,
    channelId: AUCKLAND,
    drillId: null,
    reason: 'votes',
    points: -2,
    awardKey: 'page-test:correction',
    earnedAt,
    day: localDay(earnedAt, ZONE[AUCKLAND]),
  });
}

/** The rollup as it should be: the day rows summed per week, month and all time. */
async function rollupMismatches(db: Db): Promise<number> {
  const [row] = await rawRows<{ n: number }>(
    db,
    sql`with expected as (
          select d.workspace_id, p.period,
                 case p.period when 'week' then d.day - (extract(isodow from d.day)::int - 1)
                               when 'month' then d.day - (extract(day from d.day)::int - 1)
                               else date '0001-01-01' end as period_start,
                 d.member_id, sum(d.points)::int as points
          from points_daily d cross join (values ('week'), ('month'), ('all')) p(period)
          group by 1, 2, 3, 4
        ), actual as (
          select workspace_id, period, period_start, member_id, points from points_rollup
        )
        select count(*)::int as n from (
          (select * from expected except select * from actual)
          union all (select * from actual except select * from expected)
        ) diff`,
  );
  return row?.n ?? -1;
}

describe.each(ENGINES)('board pages on %s', (engine) => {
  const database = useDatabase(engine);

  beforeEach(async () => {
    await seed(database.db);
  });

  it('keeps the workspace rollup equal to the day sums, and forgets with the member', async () => {
    const [count] = await rawRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from points_rollup`,
    );
    expect(count?.n).toBeGreaterThan(24);
    expect(await rollupMismatches(database.db)).toBe(0);
    await database.db.delete(members).where(eq(members.id, member(4)));
    expect(await rollupMismatches(database.db)).toBe(0);
  });

  const week = (channel: keyof typeof ZONE) => periodRange('week', NOW, ZONE[channel]);
  const month = (channel: keyof typeof ZONE) => periodRange('month', NOW, ZONE[channel]);
  const cases: [string, BoardQuery][] = [
    ['channel week', { scope: { channelId: BERLIN }, ...week(BERLIN) }],
    ['channel month', { scope: { channelId: AUCKLAND }, ...month(AUCKLAND) }],
    ['channel all time', { scope: { channelId: BERLIN }, from: null, to: null }],
    ['workspace week (rollup)', { scope: { workspaceId: WORKSPACE }, ...week(AUCKLAND) }],
    ['workspace month (rollup)', { scope: { workspaceId: WORKSPACE }, ...month(BERLIN) }],
    ['workspace all time (rollup)', { scope: { workspaceId: WORKSPACE }, from: null, to: null }],
    [
      'workspace, not a whole period',
      { scope: { workspaceId: WORKSPACE }, from: '2026-02-20', to: '2026-03-04' },
    ],
    [
      'nobody in range',
      { scope: { workspaceId: WORKSPACE }, from: '2027-01-04', to: '2027-01-11' },
    ],
  ];

  it.each(cases)('%s: page and places equal ranking every row', async (_name, query) => {
    const all = await boardRows(database.db, query);
    for (const pageSize of [1, 3, 10]) {
      for (const asking of [member(0), member(3), member(5), member(23), 'slack:UNOBODY']) {
        const page = await boardPage(database.db, query, { limit: pageSize, member: asking });
        expect(rankLeaders(page.leaders, page.total, { pageSize })).toEqual(
          rankBoard(all, { pageSize }),
        );
        const expected = rankOf(all, asking);
        expect(
          page.member
            ? {
                ...page.member.row,
                rank: page.member.rank,
                total: page.total,
                tied: page.member.tied,
              }
            : undefined,
        ).toEqual(expected);
      }
    }
  });
});
