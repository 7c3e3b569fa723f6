import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { isDrillError } from '../../src/core/errors.ts';
import {
  canonicalZone,
  isValidZone,
  nextSlot,
  parseWhen,
  type WhenSpec,
} from '../../src/core/schedule.ts';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const SYDNEY = 'Australia/Sydney';
const KOLKATA = 'Asia/Kolkata';

const at = (iso: string) => new Date(iso);
const iso = (dates: readonly Date[]) => dates.map((date) => date.toISOString());

/** `count` consecutive slots after `after`, each from the previous one. */
function slots(cron: string, zone: string, after: string, count: number): string[] {
  const found: Date[] = [];
  let cursor = at(after);
  for (let i = 0; i < count; i++) {
    cursor = nextSlot(cron, zone, cursor);
    found.push(cursor);
  }
  return iso(found);
}

function when(text: string): WhenSpec {
  const parsed = parseWhen(text);
  if ('error' in parsed) throw new Error(`expected "${text}" to parse: ${parsed.error}`);
  return parsed;
}

function whenError(text: string): string {
  const parsed = parseWhen(text);
  if (!('error' in parsed)) throw new Error(`expected "${text}" to fail, got ${parsed.cron}`);
  return parsed.error;
}

// What croner does by itself, pinned so that an upgrade changing it fails here first.
describe('croner at DST edges, without our options', () => {
  const native = (pattern: string, zone: string, from: string, count: number) =>
    iso(new Cron(pattern, { timezone: zone, paused: true }).nextRuns(count, at(from)));

  it('runs a single time of day in the spring-forward gap at the end of the gap', () => {
    // 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z): 02:30 does not exist.
    expect(native('30 2 * * *', NY, '2026-03-07T12:00:00Z', 2)).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('runs a single time of day that occurs twice once, at its first occurrence', () => {
    // 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z): 01:30 is 05:30Z and again 06:30Z.
    expect(native('30 1 * * *', NY, '2026-10-31T12:00:00Z', 2)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('treats a list of hours as an interval job: skips the gap and repeats the hour', () => {
    // The reason for fixedTimeRule 'no-wildcard': these break the project's rules.
    expect(native('30 2,14 * * *', NY, '2026-03-07T20:00:00Z', 2)).toEqual([
      '2026-03-08T18:30:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
    expect(native('30 1,13 * * *', NY, '2026-10-31T20:00:00Z', 3)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:30:00.000Z',
      '2026-11-01T18:30:00.000Z',
    ]);
  });

  it('keeps a seconds cadence through both DST changes', () => {
    expect(native('*/5 * * * * *', NY, '2026-03-08T06:59:50Z', 3)).toEqual([
      '2026-03-08T06:59:55.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:00:05.000Z',
    ]);
    expect(native('*/5 * * * * *', NY, '2026-11-01T05:59:50Z', 3)).toEqual([
      '2026-11-01T05:59:55.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T06:00:05.000Z',
    ]);
  });
});

describe('parseWhen: presets', () => {
  it('reads weekdays and daily with a zero-padded label', () => {
    expect(when('weekdays 09:00')).toEqual({ cron: '0 9 * * 1-5', label: 'weekdays 09:00' });
    expect(when('daily 18:30')).toEqual({ cron: '30 18 * * *', label: 'daily 18:30' });
    expect(when('Daily 7:05')).toEqual({ cron: '5 7 * * *', label: 'daily 07:05' });
    expect(when('WEEKDAYS 0:00')).toEqual({ cron: '0 0 * * 1-5', label: 'weekdays 00:00' });
    expect(when('daily 23:59')).toEqual({ cron: '59 23 * * *', label: 'daily 23:59' });
  });

  it('reads day lists in any case and order, labelled Monday first', () => {
    expect(when('mon,wed,fri 09:00')).toEqual({
      cron: '0 9 * * 1,3,5',
      label: 'mon,wed,fri 09:00',
    });
    expect(when('Fri,MON 9:00')).toEqual({ cron: '0 9 * * 1,5', label: 'mon,fri 09:00' });
    expect(when('sun,sat 10:15')).toEqual({ cron: '15 10 * * 0,6', label: 'sat,sun 10:15' });
    expect(when('tue 08:00')).toEqual({ cron: '0 8 * * 2', label: 'tue 08:00' });
  });

  it('names a list of Monday to Friday or of every day by its preset', () => {
    expect(when('fri,thu,wed,tue,mon 09:00')).toEqual(when('weekdays 09:00'));
    expect(when('mon,tue,wed,thu,fri,sat,sun 09:00')).toEqual(when('daily 09:00'));
  });

  it('accepts quotes and extra spaces around a preset', () => {
    expect(when('  "weekdays   09:00" ')).toEqual(when('weekdays 09:00'));
    expect(when("'daily 6:00'")).toEqual(when('daily 06:00'));
  });

  it('names the bad time and shows the time form', () => {
    expect(whenError('weekdays 25:00')).toBe(
      '"25:00" is not a time: use HH:MM from 00:00 to 23:59',
    );
    expect(whenError('daily 12:60')).toBe('"12:60" is not a time: use HH:MM from 00:00 to 23:59');
    expect(whenError('daily 9am')).toBe('"9am" is not a time: use HH:MM from 00:00 to 23:59');
    expect(whenError('daily 9:5')).toContain('"9:5" is not a time');
    expect(whenError('daily 009:00')).toContain('"009:00" is not a time');
    expect(whenError('mon,wed 24:00')).toContain('"24:00" is not a time');
  });

  it('names the bad day, a repeated day, or a missing time', () => {
    expect(whenError('mon,tues 09:00')).toBe(
      '"tues" is not a day: use three-letter day names separated by commas (mon,tue,wed,thu,fri,sat,sun) and a time, such as mon,wed,fri 09:00',
    );
    expect(whenError('monday 09:00')).toMatch(/^"monday 09:00" is not a schedule: use weekdays/);
    expect(whenError('Mun 09:00')).toContain('"mun" is not a day');
    expect(whenError('mon,,fri 09:00')).toContain('"mon,,fri" is not a day');
    expect(whenError('mon,wed,Mon 09:00')).toBe(
      '"mon" appears twice in "mon,wed,mon": name each day once',
    );
    expect(whenError('weekdays')).toBe(
      '"weekdays" needs a time: use weekdays HH:MM, daily HH:MM, days such as mon,wed,fri HH:MM, or a cron expression of 5 fields (6 with seconds first)',
    );
  });
});

describe('parseWhen: cron expressions', () => {
  it('takes 5 fields, or 6 with seconds first, labelled as written', () => {
    expect(when('0 9 * * 1-5')).toEqual({ cron: '0 9 * * 1-5', label: '0 9 * * 1-5' });
    expect(when('*/5 * * * * *')).toEqual({ cron: '*/5 * * * * *', label: '*/5 * * * * *' });
    expect(when('0 9 * * mon-fri')).toEqual({ cron: '0 9 * * mon-fri', label: '0 9 * * mon-fri' });
    expect(when('0 0 9 1,15 * *').cron).toBe('0 0 9 1,15 * *');
  });

  it('strips single or double quotes and collapses spaces', () => {
    expect(when('"0  9 * * 1-5"').cron).toBe('0 9 * * 1-5');
    expect(when("'*/5 * * * * *'").cron).toBe('*/5 * * * * *');
  });

  it('names a value out of its field range', () => {
    const fields =
      '(fields are minute hour day-of-month month day-of-week, with an optional seconds field first)';
    expect(whenError('61 * * * *')).toBe(
      `"61 * * * *" is not a valid cron expression: minute 61 is out of range 0-59 ${fields}`,
    );
    expect(whenError('0 24 * * *')).toContain('hour 24 is out of range 0-23');
    expect(whenError('0 9 32 * *')).toContain('day-of-month 32 is out of range 1-31');
    expect(whenError('0 9 0 * *')).toContain('day-of-month 0 is out of range 1-31');
    expect(whenError('0 9 * 13 *')).toContain('month 13 is out of range 1-12');
    expect(whenError('0 9 * * 8')).toContain('day-of-week 8 is out of range 0-7');
    expect(whenError('60 0 9 * * *')).toContain('second 60 is out of range 0-59');
    expect(whenError('0 9-25 * * *')).toContain('hour 25 is out of range 0-23');
  });

  it("passes croner's reason for other syntax errors", () => {
    expect(whenError('*/0 * * * *')).toContain('"*/0 * * * *" is not a valid cron expression');
    expect(whenError('*/0 * * * *')).toContain('stepping');
    expect(whenError('5-1 * * * *')).toContain("'5-1'");
    expect(whenError('a b c d e')).toContain('illegal characters');
  });

  it('refuses an expression that never runs', () => {
    expect(whenError('0 0 31 2 *')).toMatch(/^"0 0 31 2 \*" never runs: no date matches it/);
  });

  it('counts the fields of a cron of the wrong length', () => {
    expect(whenError('0 9 * *')).toMatch(/^"0 9 \* \*" has 4 fields: a cron expression has 5 or 6/);
    expect(whenError('0 0 9 * * 1-5 2026')).toContain('has 7 fields');
  });

  it('shows the accepted forms for anything else', () => {
    const forms =
      'use weekdays HH:MM, daily HH:MM, days such as mon,wed,fri HH:MM, or a cron expression of 5 fields (6 with seconds first)';
    expect(whenError('every day at 9')).toBe(`"every day at 9" is not a schedule: ${forms}`);
    expect(whenError('@daily')).toBe(`"@daily" is not a schedule: ${forms}`);
    expect(whenError('hello')).toBe(`"hello" is not a schedule: ${forms}`);
    expect(whenError('daily 09:00 extra')).toBe(`"daily 09:00 extra" is not a schedule: ${forms}`);
    expect(whenError('')).toBe(`a schedule is needed: ${forms}`);
    expect(whenError('""')).toBe(`a schedule is needed: ${forms}`);
  });
});

describe('isValidZone and canonicalZone', () => {
  it('accepts IANA names, UTC, and what Intl accepts', () => {
    for (const zone of [NY, LONDON, SYDNEY, KOLKATA, 'UTC', 'Etc/GMT+5', 'US/Eastern']) {
      expect(isValidZone(zone), zone).toBe(true);
    }
  });

  it('refuses empty, padded, unknown and (on this Node) offset zones', () => {
    for (const zone of ['', ' ', ' UTC', 'Mars/Olympus', 'local', 'Z']) {
      expect(isValidZone(zone), JSON.stringify(zone)).toBe(false);
    }
    expect(isValidZone('+02:00')).toBe(canAcceptOffsets());
  });

  it('spells a zone the way the IANA list does', () => {
    expect(canonicalZone('america/new_york')).toBe(NY);
    expect(canonicalZone('utc')).toBe('UTC');
    expect(canonicalZone('Asia/Kolkata')).toBe(KOLKATA);
    expect(canonicalZone('Europe/London')).toBe(LONDON);
    // Only in older ICU spelling in some Node builds: lower case resolves to the same zone.
    expect(['Asia/Kolkata', 'Asia/Calcutta']).toContain(canonicalZone('asia/kolkata'));
    expect(canonicalZone('Mars/Olympus')).toBeUndefined();
  });
});

function canAcceptOffsets(): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: '+02:00' });
    return true;
  } catch {
    return false;
  }
}

describe('nextSlot: ordinary days', () => {
  it('returns the first slot strictly after the given instant', () => {
    expect(nextSlot('0 9 * * *', 'UTC', at('2026-01-10T08:59:59.999Z'))).toEqual(
      at('2026-01-10T09:00:00Z'),
    );
    expect(nextSlot('0 9 * * *', 'UTC', at('2026-01-10T09:00:00.000Z'))).toEqual(
      at('2026-01-11T09:00:00Z'),
    );
    expect(nextSlot('0 9 * * *', 'UTC', at('2026-01-10T09:00:00.500Z'))).toEqual(
      at('2026-01-11T09:00:00Z'),
    );
  });

  it('skips the weekend for weekdays', () => {
    // Friday 2026-01-09 09:00 UTC has passed: next is Monday the 12th.
    expect(slots(when('weekdays 09:00').cron, 'UTC', '2026-01-09T10:00:00Z', 2)).toEqual([
      '2026-01-12T09:00:00.000Z',
      '2026-01-13T09:00:00.000Z',
    ]);
  });

  it('follows a day list', () => {
    // 2026-01-05 is a Monday.
    expect(slots(when('mon,wed,fri 18:30').cron, LONDON, '2026-01-05T00:00:00Z', 4)).toEqual([
      '2026-01-05T18:30:00.000Z',
      '2026-01-07T18:30:00.000Z',
      '2026-01-09T18:30:00.000Z',
      '2026-01-12T18:30:00.000Z',
    ]);
  });

  it('throws a coded error for a bad expression, a bad zone, or one that never runs', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return isDrillError(error, 'USAGE') ? error.message : 'other error';
      }
      return 'no error';
    };
    expect(codeOf(() => nextSlot('61 * * * *', 'UTC', at('2026-01-01T00:00:00Z')))).toContain(
      'invalid cron expression',
    );
    expect(codeOf(() => nextSlot('0 9 * * *', 'Mars/Olympus', at('2026-01-01T00:00:00Z')))).toBe(
      'cannot evaluate "0 9 * * *" in zone "Mars/Olympus"',
    );
    expect(codeOf(() => nextSlot('0 0 31 2 *', 'UTC', at('2026-01-01T00:00:00Z')))).toBe(
      'cron expression "0 0 31 2 *" never runs',
    );
  });
});

describe('nextSlot: America/New_York (spring 2026-03-08 07:00Z, fall 2026-11-01 06:00Z)', () => {
  it('runs a daily time in the gap at 03:00, then at the usual time', () => {
    expect(slots(when('daily 02:30').cron, NY, '2026-03-07T00:00:00Z', 3)).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:00:00.000Z', // 02:30 does not exist: 03:00 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
    expect(slots(when('daily 02:00').cron, NY, '2026-03-07T12:00:00Z', 1)).toEqual([
      '2026-03-08T07:00:00.000Z',
    ]);
    expect(slots(when('daily 02:59').cron, NY, '2026-03-07T12:00:00Z', 1)).toEqual([
      '2026-03-08T07:00:00.000Z',
    ]);
  });

  it('runs a time in the gap at the first valid minute even with seconds set', () => {
    expect(slots('15 30 2 * * *', NY, '2026-03-07T12:00:00Z', 2)).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:15.000Z',
    ]);
  });

  it('runs a repeated time once, at its first occurrence', () => {
    expect(slots(when('daily 01:30').cron, NY, '2026-10-31T00:00:00Z', 3)).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; 01:30 EST (06:30Z) does not run
      '2026-11-02T06:30:00.000Z',
    ]);
    // Asked from the repeated hour itself, before and after the first 01:30.
    expect(nextSlot('30 1 * * *', NY, at('2026-11-01T05:15:00Z'))).toEqual(
      at('2026-11-01T05:30:00Z'),
    );
    expect(nextSlot('30 1 * * *', NY, at('2026-11-01T05:30:00Z'))).toEqual(
      at('2026-11-02T06:30:00Z'),
    );
    expect(nextSlot('30 1 * * *', NY, at('2026-11-01T06:15:00Z'))).toEqual(
      at('2026-11-02T06:30:00Z'),
    );
  });

  it('applies the same rules to lists of explicit times (our correction to croner)', () => {
    expect(slots('30 2,14 * * *', NY, '2026-03-07T20:00:00Z', 3)).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T18:30:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
    expect(slots('30 1,13 * * *', NY, '2026-10-31T20:00:00Z', 3)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T18:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('keeps weekdays 09:00 at 09:00 local across both changes', () => {
    expect(slots(when('weekdays 09:00').cron, NY, '2026-03-06T12:00:00Z', 3)).toEqual([
      '2026-03-06T14:00:00.000Z', // Friday, EST
      '2026-03-09T13:00:00.000Z', // Monday, EDT
      '2026-03-10T13:00:00.000Z',
    ]);
    expect(slots(when('weekdays 09:00').cron, NY, '2026-10-30T12:00:00Z', 2)).toEqual([
      '2026-10-30T13:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
    ]);
  });

  it('gives every 5 s across both changes with a seconds cron', () => {
    expect(slots('*/5 * * * * *', NY, '2026-03-08T06:59:50Z', 4)).toEqual([
      '2026-03-08T06:59:55.000Z', // 01:59:55 EST
      '2026-03-08T07:00:00.000Z', // 03:00:00 EDT
      '2026-03-08T07:00:05.000Z',
      '2026-03-08T07:00:10.000Z',
    ]);
    expect(slots('*/5 * * * * *', NY, '2026-11-01T05:59:50Z', 4)).toEqual([
      '2026-11-01T05:59:55.000Z', // 01:59:55 EDT
      '2026-11-01T06:00:00.000Z', // 01:00:00 EST, the second pass
      '2026-11-01T06:00:05.000Z',
      '2026-11-01T06:00:10.000Z',
    ]);
  });
});

describe('nextSlot: Europe/London (spring 2026-03-29 01:00Z, fall 2026-10-25 01:00Z)', () => {
  it('moves 01:30 in the gap to 02:00 BST', () => {
    expect(slots(when('daily 01:30').cron, LONDON, '2026-03-28T00:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('runs 01:30 once on the fall-back day, in BST', () => {
    expect(slots(when('daily 01:30').cron, LONDON, '2026-10-24T00:00:00Z', 3)).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('keeps weekdays 09:00 local', () => {
    expect(slots(when('weekdays 09:00').cron, LONDON, '2026-03-27T00:00:00Z', 2)).toEqual([
      '2026-03-27T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
    ]);
  });

  it('gives every 10 s through the repeated hour', () => {
    expect(slots('*/10 * * * * *', LONDON, '2026-10-25T00:59:45Z', 3)).toEqual([
      '2026-10-25T00:59:50.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T01:00:10.000Z',
    ]);
  });
});

describe('nextSlot: Australia/Sydney (fall 2026-04-04 16:00Z, spring 2026-10-03 16:00Z)', () => {
  it('moves 02:30 in the October gap to 03:00 AEDT', () => {
    expect(slots(when('daily 02:30').cron, SYDNEY, '2026-10-02T00:00:00Z', 3)).toEqual([
      '2026-10-02T16:30:00.000Z', // Oct 3 02:30 AEST
      '2026-10-03T16:00:00.000Z', // Oct 4 03:00 AEDT
      '2026-10-04T15:30:00.000Z', // Oct 5 02:30 AEDT
    ]);
  });

  it('runs 02:30 once on the April fall-back day, in daylight time', () => {
    expect(slots(when('daily 02:30').cron, SYDNEY, '2026-04-03T00:00:00Z', 3)).toEqual([
      '2026-04-03T15:30:00.000Z',
      '2026-04-04T15:30:00.000Z', // Apr 5 02:30 AEDT; 02:30 AEST (16:30Z) does not run
      '2026-04-05T16:30:00.000Z',
    ]);
  });

  it('keeps weekdays 09:00 local over the April weekend', () => {
    expect(slots(when('weekdays 09:00').cron, SYDNEY, '2026-04-02T00:00:00Z', 2)).toEqual([
      '2026-04-02T22:00:00.000Z', // Fri Apr 3 09:00 AEDT
      '2026-04-05T23:00:00.000Z', // Mon Apr 6 09:00 AEST
    ]);
  });

  it('gives every 5 s across both changes', () => {
    expect(slots('*/5 * * * * *', SYDNEY, '2026-04-04T15:59:55Z', 2)).toEqual([
      '2026-04-04T16:00:00.000Z',
      '2026-04-04T16:00:05.000Z',
    ]);
    expect(slots('*/5 * * * * *', SYDNEY, '2026-10-03T15:59:55Z', 2)).toEqual([
      '2026-10-03T16:00:00.000Z',
      '2026-10-03T16:00:05.000Z',
    ]);
  });
});

describe('nextSlot: Asia/Kolkata (+05:30, no DST)', () => {
  it('keeps the half-hour offset all year', () => {
    expect(slots(when('daily 09:00').cron, KOLKATA, '2026-03-07T00:00:00Z', 3)).toEqual([
      '2026-03-07T03:30:00.000Z',
      '2026-03-08T03:30:00.000Z',
      '2026-03-09T03:30:00.000Z',
    ]);
    expect(nextSlot(when('daily 09:00').cron, KOLKATA, at('2026-11-01T00:00:00Z'))).toEqual(
      at('2026-11-01T03:30:00Z'),
    );
  });

  it('puts an early time on the previous UTC day', () => {
    // Monday 2026-03-09 02:30 IST is Sunday 21:00Z.
    expect(slots(when('weekdays 02:30').cron, KOLKATA, '2026-03-07T00:00:00Z', 2)).toEqual([
      '2026-03-08T21:00:00.000Z',
      '2026-03-09T21:00:00.000Z',
    ]);
  });

  it('gives every 15 s', () => {
    expect(slots('*/15 * * * * *', KOLKATA, '2026-03-08T06:59:50Z', 3)).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:00:15.000Z',
      '2026-03-08T07:00:30.000Z',
    ]);
  });
});
