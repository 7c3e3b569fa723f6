import { describe, expect, it } from 'vitest';
import { canonicalZone, localTime, utcOffsetMs } from '../../src/core/schedule-zone.ts';

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

describe('localTime and utcOffsetMs', () => {
  it('reads the wall clock as numbers, midnight as hour 0', () => {
    expect(localTime(new Date('2026-03-04T00:00:05.900Z'), 'UTC')).toEqual({
      year: 2026,
      month: 3,
      day: 4,
      hour: 0,
      minute: 0,
      second: 5,
    });
    expect(localTime(new Date('2026-03-29T01:00:00Z'), 'Europe/London').hour).toBe(2);
  });

  it('gives the offset on each side of a daylight-saving change', () => {
    expect(utcOffsetMs(new Date('2026-03-29T00:59:59Z'), 'Europe/London')).toBe(0);
    expect(utcOffsetMs(new Date('2026-03-29T01:00:00Z'), 'Europe/London')).toBe(3_600_000);
    expect(utcOffsetMs(new Date('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(19_800_000);
  });

  it('throws for an unknown zone rather than counting slots in another one', () => {
    expect(() => localTime(new Date(0), 'Mars/Olympus')).toThrow(RangeError);
  });
});
