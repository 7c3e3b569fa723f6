import { describe, expect, it } from 'vitest';
import { canonicalZone } from '../../src/core/schedule-zone.ts';

describe('canonicalZone', () => {
  it.each([
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['ASIA/KOLKATA', 'Asia/Kolkata'],
    ['america/new_york', 'America/New_York'],
    ['europe/kyiv', 'Europe/Kyiv'],
    ['utc', 'UTC'],
    ['est', 'EST'],
  ])('spells %j as %j, correcting case only, never swapping in an alias', (typed, expected) => {
    expect(canonicalZone(typed)).toBe(expected);
  });

  it.each(['Mars/Olympus', '+02:00', '', ' Europe/London'])('refuses %j', (typed) => {
    expect(canonicalZone(typed)).toBeUndefined();
  });
});
