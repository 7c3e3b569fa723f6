/**
 * Invariants of periods and ranking over many random instants, zones and boards. The exact
 * cases (zone boundaries, DST days, year ends) are in leaderboard.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BoardRow,
  localDay,
  periodRange,
  rankBoard,
  rankOf,
} from '../../src/core/leaderboard.ts';
import { currentStreak, longestStreak } from '../../src/core/streaks.ts';

const ZONES = [
  'UTC',
  'Australia/Sydney',
  'America/Los_Angeles',
  'America/Santiago',
  'Europe/London',
  'Asia/Kolkata',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
] as const;

const DAY = 86_400_000;
const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) })
  .map((ms) => new Date(ms));
const zone = fc.constantFrom(...ZONES);

/** Whole days from `from` to `to`, two ISO dates. */
const daysBetween = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;

describe('periodRange properties', () => {
  it('the week holds the local day of now, starts on a Monday and spans 7 days', () => {
    fc.assert(
      fc.property(instant, zone, (now, tz) => {
        const { from, to } = periodRange('week', now, tz);
        const today = localDay(now, tz);
        expect(from !== null && to !== null && from <= today && today < to).toBe(true);
        expect(new Date(`${from}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(daysBetween(from ?? '', to ?? '')).toBe(7);
      }),
      { numRuns: 2000 },
    );
  });

  it('the month holds the local day of now and runs from the 1st to the next 1st', () => {
    fc.assert(
      fc.property(instant, zone, (now, tz) => {
        const { from, to } = periodRange('month', now, tz);
        const today = localDay(now, tz);
        expect(from).toBe(`${today.slice(0, 7)}-01`);
        expect(to?.endsWith('-01')).toBe(true);
        expect(today < (to ?? '')).toBe(true);
        expect(daysBetween(from ?? '', to ?? '')).toBeGreaterThanOrEqual(28);
        expect(daysBetween(from ?? '', to ?? '')).toBeLessThanOrEqual(31);
      }),
      { numRuns: 2000 },
    );
  });

  it('consecutive weeks meet: the first instant whose local day is `to` starts the next week', () => {
    fc.assert(
      fc.property(instant, zone, (now, tz) => {
        const week = periodRange('week', now, tz);
        // Walk forward an hour at a time until the local day reaches `to` (at most 8 days).
        let later = now.getTime();
        while (localDay(new Date(later), tz) !== week.to) later += 3_600_000;
        expect(periodRange('week', new Date(later), tz).from).toBe(week.to);
      }),
      { numRuns: 200 },
    );
  });
});

const rowsArb = fc
  .uniqueArray(
    fc.record({
      memberId: fc.string({ minLength: 1, maxLength: 6 }),
      name: fc.constantFrom('alice', 'Alice', 'bob', 'Bob', 'carol', 'dave', 'Zoë', 'zoe'),
      points: fc.integer({ min: 0, max: 8 }),
    }),
    { selector: (row) => row.memberId, maxLength: 60 },
  )
  .map((rows): BoardRow[] => rows);

describe('rankBoard properties', () => {
  it('pages put together are the whole board; ranks are 1 + members with more points', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 25 }), (rows, pageSize) => {
        const first = rankBoard(rows, { pageSize });
        const all = Array.from({ length: first.pages }, (_, index) =>
          rankBoard(rows, { pageSize, page: index + 1 }),
        ).flatMap((board) => board.entries);
        expect(all).toHaveLength(rows.length);
        expect(new Set(all.map((entry) => entry.memberId)).size).toBe(rows.length);
        all.forEach((entry, index) => {
          const ahead = rows.filter((other) => other.points > entry.points).length;
          expect(entry.rank).toBe(ahead + 1);
          const before = all[index - 1];
          if (before) expect(before.points).toBeGreaterThanOrEqual(entry.points);
          expect(rankOf(rows, entry.memberId)?.rank).toBe(entry.rank);
        });
      }),
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer(), (rows, seed) => {
        const shuffled = [...rows].sort(
          (a, b) => ((hash(a.memberId) ^ seed) >>> 0) - ((hash(b.memberId) ^ seed) >>> 0),
        );
        expect(rankBoard(shuffled, { pageSize: 25 })).toEqual(rankBoard(rows, { pageSize: 25 }));
      }),
    );
  });
});

describe('streak properties', () => {
  it('0 <= current <= longest <= drills, and a miss at the end resets the current one', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 80 }), (marks) => {
        const history = marks.map((answeredOnTime, drillId) => ({ drillId, answeredOnTime }));
        const current = currentStreak(history);
        expect(current).toBeGreaterThanOrEqual(0);
        expect(current).toBeLessThanOrEqual(longestStreak(history));
        expect(longestStreak(history)).toBeLessThanOrEqual(history.length);
        const missed = [...history, { drillId: history.length, answeredOnTime: false }];
        expect(currentStreak(missed)).toBe(0);
        const answered = [...history, { drillId: history.length, answeredOnTime: true }];
        expect(currentStreak(answered)).toBe(current + 1);
      }),
    );
  });
});

function hash(value: string): number {
  let h = 2166136261;
  for (const char of value) h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 16777619);
  return h;
}
