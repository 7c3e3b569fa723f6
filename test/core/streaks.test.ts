import { describe, expect, it } from 'vitest';
import {
  currentStreak,
  longestStreak,
  type StreakHistory,
  streakBonus,
} from '../../src/core/streaks.ts';

/** A history from a pattern, oldest first: `x` answered on time, `.` missed (or late). */
function history(pattern: string): StreakHistory {
  return Array.from(pattern, (mark, index) => ({
    drillId: 100 + index,
    answeredOnTime: mark === 'x',
  }));
}

describe('currentStreak', () => {
  it.each([
    ['', 0],
    ['.', 0],
    ['x', 1],
    ['xxx', 3],
    ['xxx.', 0],
    ['xx.xxxx', 4],
    ['xxxxxxxxx.x', 1],
    ['.xxxxxxxxxx', 10],
  ])('%j -> %i', (pattern, expected) => {
    expect(currentStreak(history(pattern))).toBe(expected);
  });

  it('counts drills, not days: ids with gaps (weekends, pauses, skipped slots) do not break it', () => {
    const drills = [
      { drillId: 3, answeredOnTime: true },
      { drillId: 9, answeredOnTime: true },
      { drillId: 40, answeredOnTime: true },
    ];
    expect(currentStreak(drills)).toBe(3);
  });
});

describe('longestStreak', () => {
  it.each([
    ['', 0],
    ['...', 0],
    ['x', 1],
    ['xxx.xx', 3],
    ['x.xxxxx.xx', 5],
    ['xx.xxxx', 4],
    ['.x.x.x', 1],
  ])('%j -> %i', (pattern, expected) => {
    expect(longestStreak(history(pattern))).toBe(expected);
  });

  it('is never below the current streak', () => {
    for (const pattern of ['xx.xxx', 'xxxxx.x', 'x', '']) {
      const drills = history(pattern);
      expect(longestStreak(drills)).toBeGreaterThanOrEqual(currentStreak(drills));
    }
  });
});

describe('streakBonus', () => {
  it.each([
    [0, 0],
    [1, 0],
    [4, 0],
    [5, 1],
    [6, 0],
    [9, 0],
    [10, 2],
    [11, 0],
    [15, 0],
    [19, 0],
    [20, 3],
    [25, 0],
    [30, 3],
    [100, 3],
    [101, 0],
    [-5, 0],
    [-10, 0],
    [5.5, 0],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
  ])('streak %d -> +%d', (streak, bonus) => {
    expect(streakBonus(streak)).toBe(bonus);
  });

  it('pays 1 + 2 + 3 + 3 + 3 = 12 bonus points over a 40-drill streak, once per milestone (5, 10, 20, 30, 40)', () => {
    let total = 0;
    for (let streak = 1; streak <= 40; streak += 1) total += streakBonus(streak);
    expect(total).toBe(12);
  });
});
