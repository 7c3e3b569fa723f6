import { describe, expect, it } from 'vitest';
import { FALLBACK_ZONE, ZoneFormat } from '../../src/core/zone-parts.ts';

const MIDNIGHT_UTC = new Date('2026-03-04T00:00:05Z');

describe('ZoneFormat', () => {
  const clock = new ZoneFormat('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit' });

  it('reads midnight as 00, never 12 or 24, even in a locale whose default cycle is 12 hours', () => {
    expect(clock.read(MIDNIGHT_UTC, 'UTC')).toEqual({ hour: '00', minute: '00', second: '05' });
    // 00:00:05 UTC is 19:00:05 the day before in New York (EST in March before the change).
    expect(clock.read(MIDNIGHT_UTC, 'America/New_York').hour).toBe('19');
  });

  it('keeps one formatter per zone, and none shared between styles', () => {
    const other = new ZoneFormat('en-US', { hour: 'numeric' });
    expect(clock.formatterFor('Europe/Berlin')).toBe(clock.formatterFor('Europe/Berlin'));
    expect(clock.formatterFor('Europe/Berlin')).not.toBe(clock.formatterFor('Asia/Tokyo'));
    expect(other.formatterFor('Europe/Berlin')).not.toBe(clock.formatterFor('Europe/Berlin'));
    expect(other.formatterFor('Europe/Berlin').resolvedOptions().minute).toBeUndefined();
  });

  it('refuses a zone Intl does not know when reading strictly, every time it is asked', () => {
    expect(() => clock.read(MIDNIGHT_UTC, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => clock.read(MIDNIGHT_UTC, 'Mars/Olympus')).toThrow(RangeError);
  });

  it('falls back to UTC for an unknown zone and says so', () => {
    expect(FALLBACK_ZONE).toBe('UTC');
    expect(clock.readOrFallback(MIDNIGHT_UTC, 'Mars/Olympus')).toEqual({
      parts: { hour: '00', minute: '00', second: '05' },
      zone: 'UTC',
    });
    expect(clock.readOrFallback(MIDNIGHT_UTC, '')).toMatchObject({ zone: 'UTC' });
    expect(clock.readOrFallback(MIDNIGHT_UTC, 'Asia/Kolkata')).toEqual({
      parts: { hour: '05', minute: '30', second: '05' },
      zone: 'Asia/Kolkata',
    });
  });

  it('still throws for an invalid date, which only a bug can make', () => {
    expect(() => clock.readOrFallback(new Date(Number.NaN), 'Mars/Olympus')).toThrow(RangeError);
  });
});
