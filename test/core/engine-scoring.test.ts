/**
 * Scoring through the engine: realistic answers in a drill's thread, a reveal, and the exact
 * ledger rows, day aggregates and streaks it writes, once.
 */
import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ledgerTotals } from '../../db/queries/points.ts';
import { answers, memberChannelStats, pointsDaily, pointsLedger } from '../../db/schema.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import { Driver } from '../support/drive.ts';
import { buildEngine, type TestEngine } from '../support/engine.ts';
import { FakeClock, MINUTE } from '../support/fake-clock.ts';
import { FakePlatform } from '../support/fake-platform.ts';
import { seedDrill } from '../support/rows.ts';
import {
  bareTermList,
  bulletPoints,
  lightlyEditedCopy,
  mistake,
  offTopic,
  partial,
  questionPastedBack,
  strong,
} from './fixtures/leaked-key-answers.ts';

const CHANNEL = 'slack:T0001:C0001';
const ADMIN = 'slack:UADMIN';

describe.each(ENGINES)('scoring at the reveal on %s', (engine) => {
  const database = useDatabase(engine);
  let clock: FakeClock;
  let platform: FakePlatform;
  let drive: Driver;
  let bot: TestEngine;
  let root: string;
  let drillId: number;

  beforeEach(async () => {
    clock = new FakeClock('2026-03-10T09:00:00Z'); // a Tuesday
    platform = new FakePlatform('slack');
    platform.platformAdmins.add(ADMIN);
    drive = new Driver(platform, clock);
    bot = await buildEngine({ db: database.db, clock, platform });
    await drive.command(CHANNEL, ADMIN, 'schedule weekdays 09:00 Europe/London');
    // The drill on cloud-leaked-access-key, as the rotation would have posted it.
    root = `${CHANNEL}:q1`;
    drillId = await seedDrill(database.db, {
      snapshotId: bot.context.catalog().snapshotId('cloud-security', 'cloud-leaked-access-key'),
      slotAt: clock.now(),
      messageRef: root,
      revealAt: new Date('2026-03-10T17:00:00Z'),
    });
  });

  async function answerAll(): Promise<void> {
    const texts: [string, string][] = [
      ['slack:UANA', strong],
      ['slack:UBEN', partial],
      ['slack:UCHLOE', mistake],
      ['slack:UDMITRI', offTopic],
      ['slack:UEVE', bareTermList],
      ['slack:UFARID', lightlyEditedCopy],
      ['slack:UGUS', questionPastedBack],
      ['slack:UHANA', bulletPoints],
    ];
    for (const [member, text] of texts) {
      clock.advance(MINUTE);
      await drive.reply(root, member, text);
    }
  }

  it('writes one ledger row per reason earned, with exact points', async () => {
    await answerAll();
    clock.set('2026-03-10T17:00:00Z');
    await bot.service.tick();
    const rows = await database.db
      .select({
        member: pointsLedger.memberId,
        reason: pointsLedger.reason,
        points: pointsLedger.points,
        key: pointsLedger.awardKey,
      })
      .from(pointsLedger)
      .orderBy(asc(pointsLedger.memberId), asc(pointsLedger.id));
    const key = (member: string, reason: string) => `drill:${drillId}:${member}:${reason}`;
    expect(rows).toEqual([
      {
        member: 'slack:UANA',
        reason: 'participation',
        points: 1,
        key: key('slack:UANA', 'participation'),
      },
      { member: 'slack:UANA', reason: 'coverage', points: 3, key: key('slack:UANA', 'coverage') },
      {
        member: 'slack:UBEN',
        reason: 'participation',
        points: 1,
        key: key('slack:UBEN', 'participation'),
      },
      { member: 'slack:UBEN', reason: 'coverage', points: 1, key: key('slack:UBEN', 'coverage') },
      {
        member: 'slack:UCHLOE',
        reason: 'participation',
        points: 1,
        key: key('slack:UCHLOE', 'participation'),
      },
      {
        member: 'slack:UDMITRI',
        reason: 'participation',
        points: 1,
        key: key('slack:UDMITRI', 'participation'),
      },
      {
        member: 'slack:UEVE',
        reason: 'participation',
        points: 1,
        key: key('slack:UEVE', 'participation'),
      },
      {
        member: 'slack:UFARID',
        reason: 'participation',
        points: 1,
        key: key('slack:UFARID', 'participation'),
      },
      {
        member: 'slack:UGUS',
        reason: 'participation',
        points: 1,
        key: key('slack:UGUS', 'participation'),
      },
      {
        member: 'slack:UHANA',
        reason: 'participation',
        points: 1,
        key: key('slack:UHANA', 'participation'),
      },
      { member: 'slack:UHANA', reason: 'coverage', points: 3, key: key('slack:UHANA', 'coverage') },
    ]);
    // Each answer row carries the same total and why a gamed answer earned participation only.
    const scored = await database.db.select().from(answers).orderBy(asc(answers.memberId));
    expect(
      scored.map((row) => [row.memberId, row.points, (row.score as { flags: string[] }).flags]),
    ).toEqual([
      ['slack:UANA', 4, []],
      ['slack:UBEN', 2, []],
      ['slack:UCHLOE', 1, []],
      ['slack:UDMITRI', 1, []],
      ['slack:UEVE', 1, ['bare-term-list']],
      ['slack:UFARID', 1, ['copy']],
      ['slack:UGUS', 1, ['repeats-question']],
      ['slack:UHANA', 4, []],
    ]);
    // The day aggregates hold exactly the ledger, on the local day of the reveal in London.
    const daily = await database.db
      .select()
      .from(pointsDaily)
      .where(eq(pointsDaily.channelId, CHANNEL));
    expect(new Set(daily.map((row) => row.day))).toEqual(new Set(['2026-03-10']));
    const totals = await ledgerTotals(database.db);
    expect(Object.fromEntries(daily.map((row) => [row.memberId, row.points]))).toEqual(
      Object.fromEntries(totals),
    );
    // Everyone who answered on time starts a streak.
    expect(await database.db.select().from(memberChannelStats)).toHaveLength(8);
    // The reveal shows the best answers and everyone's points, with why a gamed one earned less.
    const reveal = platform.reveals()[0]?.text ?? '';
    expect(reveal).toContain(
      'Best answers: @UANA (7/7 key points), @UHANA (7/7 key points), @UBEN (2/7 key points)',
    );
    expect(reveal).toContain('@UEVE 1 pt (a list of terms: taking part only)');
    // Each answerer hears privately what they missed.
    expect(platform.privateTo('slack:UBEN')[0]?.text).toContain(
      'Your answer covered 2 of 7 key points. You earned 2 points.',
    );
  });

  it('scores once even when the reveal is retried after its post failed', async () => {
    await answerAll();
    platform.failNext('postInThread', 'unavailable');
    clock.set('2026-03-10T17:00:00Z');
    await bot.service.tick();
    expect(platform.reveals()).toHaveLength(0);
    clock.advance(10 * MINUTE);
    await bot.service.tick();
    expect(platform.reveals()).toHaveLength(1);
    expect(await database.db.select().from(pointsLedger)).toHaveLength(11);
  });

  it('gives a streak bonus at five drills in a row and breaks the streak of a member who missed one', async () => {
    const answerDrill = async (day: number, members: string[]) => {
      clock.set(`2026-03-${String(day).padStart(2, '0')}T09:00:00Z`);
      const id =
        day === 10
          ? drillId
          : await seedDrill(database.db, {
              snapshotId: bot.context
                .catalog()
                .snapshotId('cloud-security', 'cloud-leaked-access-key'),
              slotAt: clock.now(),
              messageRef: `${CHANNEL}:q${day}`,
              revealAt: new Date(clock.now().getTime() + 8 * 3_600_000),
            });
      for (const member of members) {
        clock.advance(MINUTE);
        await drive.reply(day === 10 ? root : `${CHANNEL}:q${day}`, member, partial);
      }
      clock.set(`2026-03-${String(day).padStart(2, '0')}T17:00:00Z`);
      await bot.service.tick();
      return id;
    };
    for (const day of [10, 11, 12, 13]) await answerDrill(day, ['slack:UANA', 'slack:UBEN']);
    const fifth = await answerDrill(16, ['slack:UANA']);
    const bonus = await database.db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.reason, 'streak_bonus'));
    expect(bonus.map((row) => [row.memberId, row.drillId, row.points])).toEqual([
      ['slack:UANA', fifth, 1],
    ]);
    const stats = await database.db
      .select()
      .from(memberChannelStats)
      .orderBy(asc(memberChannelStats.memberId));
    expect(stats.map((row) => [row.memberId, row.currentStreak, row.longestStreak])).toEqual([
      ['slack:UANA', 5, 5],
      ['slack:UBEN', 0, 4],
    ]);
    expect(await drive.command(CHANNEL, 'slack:UANA', 'stats')).toContain(
      'Streak: 5 drills in a row (best 5).',
    );
  });
});
