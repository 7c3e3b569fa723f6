import { describe, expect, it } from 'vitest';
import { type DuePlan, nextSlot, planDue } from '../../src/core/schedule.ts';
import { countSlots } from '../../src/core/schedule-count.ts';
import { collectDueSlots } from '../../src/core/schedule-due.ts';
import { compileSchedule } from '../../src/core/schedule-slots.ts';

const NY = 'America/New_York';
const SYDNEY = 'Australia/Sydney';
const WEEKDAYS_9 = '0 9 * * 1-5';
const HOUR = 3_600_000;
const EIGHT_HOURS = 8 * HOUR;

const at = (iso: string) => new Date(iso);

function plan(input: {
  cron?: string;
  zone?: string;
  windowMs?: number;
  nextRunAt: string;
  now: string;
  maxSkipped?: number;
}): DuePlan | undefined {
  return planDue({
    cron: input.cron ?? WEEKDAYS_9,
    zone: input.zone ?? 'UTC',
    windowMs: input.windowMs ?? EIGHT_HOURS,
    nextRunAt: at(input.nextRunAt),
    now: at(input.now),
    maxSkipped: input.maxSkipped,
  });
}

/** Slots in [from, to) one by one: the reference the counter must match. */
function enumerate(cron: string, zone: string, from: string, to: string): number {
  const schedule = compileSchedule(cron, zone);
  let count = 0;
  for (let slot = schedule.next(new Date(at(from).getTime() - 1)); slot < at(to); ) {
    count += 1;
    slot = schedule.next(slot);
  }
  return count;
}

describe('planDue: the catch-up rule', () => {
  it('returns nothing before the stored slot', () => {
    expect(plan({ nextRunAt: '2026-03-02T09:00:00Z', now: '2026-03-02T08:59:59.999Z' })).toBe(
      undefined,
    );
  });

  it('posts a slot that is due right now and moves to the next one', () => {
    expect(plan({ nextRunAt: '2026-03-02T09:00:00Z', now: '2026-03-02T09:00:00Z' })).toEqual({
      post: at('2026-03-02T09:00:00Z'),
      skipped: [],
      skippedOmitted: 0,
      nextRunAt: at('2026-03-03T09:00:00Z'),
    });
  });

  it('posts a late slot while at least half its window remains', () => {
    // Window 8h: the slot is still posted at 13:00 exactly, not a millisecond later.
    expect(plan({ nextRunAt: '2026-03-02T09:00:00Z', now: '2026-03-02T13:00:00Z' })?.post).toEqual(
      at('2026-03-02T09:00:00Z'),
    );
    expect(plan({ nextRunAt: '2026-03-02T09:00:00Z', now: '2026-03-02T13:00:00.001Z' })).toEqual({
      post: undefined,
      skipped: [at('2026-03-02T09:00:00Z')],
      skippedOmitted: 0,
      nextRunAt: at('2026-03-03T09:00:00Z'),
    });
  });

  it('after days of downtime posts at most the latest slot and skips the rest', () => {
    // Down from Monday 08:00 to Thursday 10:00: Mon, Tue, Wed, Thu 09:00 came due.
    expect(plan({ nextRunAt: '2026-03-02T09:00:00Z', now: '2026-03-05T10:00:00Z' })).toEqual({
      post: at('2026-03-05T09:00:00Z'),
      skipped: [at('2026-03-02T09:00:00Z'), at('2026-03-03T09:00:00Z'), at('2026-03-04T09:00:00Z')],
      skippedOmitted: 0,
      nextRunAt: at('2026-03-06T09:00:00Z'),
    });
    // Up again at Thursday 17:30: too late for Thursday's slot as well.
    expect(plan({ nextRunAt: '2026-03-02T09:00:00Z', now: '2026-03-05T17:30:00Z' })).toEqual({
      post: undefined,
      skipped: [
        at('2026-03-02T09:00:00Z'),
        at('2026-03-03T09:00:00Z'),
        at('2026-03-04T09:00:00Z'),
        at('2026-03-05T09:00:00Z'),
      ],
      skippedOmitted: 0,
      nextRunAt: at('2026-03-06T09:00:00Z'),
    });
  });

  it('keeps the most recent skipped slots and counts the others', () => {
    // Monday 2 March to Friday 13 March: ten weekday slots, the last one posted.
    const result = plan({
      nextRunAt: '2026-03-02T09:00:00Z',
      now: '2026-03-13T09:30:00Z',
      maxSkipped: 3,
    });
    expect(result).toEqual({
      post: at('2026-03-13T09:00:00Z'),
      skipped: [at('2026-03-10T09:00:00Z'), at('2026-03-11T09:00:00Z'), at('2026-03-12T09:00:00Z')],
      skippedOmitted: 6,
      nextRunAt: at('2026-03-16T09:00:00Z'),
    });
    const none = plan({
      nextRunAt: '2026-03-02T09:00:00Z',
      now: '2026-03-13T20:00:00Z',
      maxSkipped: 0,
    });
    expect(none).toEqual({
      post: undefined,
      skipped: [],
      skippedOmitted: 10,
      nextRunAt: at('2026-03-16T09:00:00Z'),
    });
  });

  it('lists at most 50 skipped slots by default', () => {
    const result = plan({
      cron: '* * * * *',
      windowMs: 60_000,
      nextRunAt: '2026-03-02T09:00:00Z',
      now: '2026-03-02T11:00:00Z',
    });
    // 09:00 .. 11:00 inclusive is 121 minutes; 11:00 itself is posted.
    expect(result?.post).toEqual(at('2026-03-02T11:00:00Z'));
    expect(result?.skipped).toHaveLength(50);
    expect(result?.skipped[0]).toEqual(at('2026-03-02T10:10:00Z'));
    expect(result?.skipped[49]).toEqual(at('2026-03-02T10:59:00Z'));
    expect(result?.skippedOmitted).toBe(70);
  });

  it('counts the stored slot as due even when the schedule changed since', () => {
    const result = plan({ nextRunAt: '2026-03-02T08:15:00Z', now: '2026-03-02T09:10:00Z' });
    expect(result).toEqual({
      post: at('2026-03-02T09:00:00Z'),
      skipped: [at('2026-03-02T08:15:00Z')],
      skippedOmitted: 0,
      nextRunAt: at('2026-03-03T09:00:00Z'),
    });
  });

  it('follows the DST rules: the spring-forward slot at 03:00 is due, not 02:30', () => {
    const result = plan({
      cron: '30 2 * * *',
      zone: NY,
      nextRunAt: '2026-03-07T07:30:00Z',
      now: '2026-03-08T08:00:00Z',
    });
    expect(result).toEqual({
      post: at('2026-03-08T07:00:00Z'),
      skipped: [at('2026-03-07T07:30:00Z')],
      skippedOmitted: 0,
      nextRunAt: at('2026-03-09T06:30:00Z'),
    });
  });

  it('follows the DST rules: a repeated time is due once', () => {
    const result = plan({
      cron: '30 2 * * *',
      zone: SYDNEY,
      windowMs: 10 * HOUR,
      nextRunAt: '2026-04-03T15:30:00Z',
      now: '2026-04-05T10:00:00Z',
    });
    expect(result).toEqual({
      post: undefined,
      skipped: [at('2026-04-03T15:30:00Z'), at('2026-04-04T15:30:00Z')],
      skippedOmitted: 0,
      nextRunAt: at('2026-04-05T16:30:00Z'),
    });
  });

  it('plans a year of downtime with a seconds cron quickly, with exact counts', () => {
    const started = performance.now();
    const result = planDue({
      cron: '*/5 * * * * *',
      zone: NY,
      windowMs: 60_000,
      nextRunAt: at('2026-01-01T00:00:00Z'),
      now: at('2027-01-01T00:00:02Z'),
    });
    const elapsed = performance.now() - started;
    // 365 days of 17,280 slots, plus the one at 2027-01-01T00:00:00Z, which is posted.
    expect(result?.post).toEqual(at('2027-01-01T00:00:00Z'));
    expect(result?.skipped).toHaveLength(50);
    expect(result?.skipped[0]).toEqual(at('2026-12-31T23:55:50Z'));
    expect(result?.skipped[49]).toEqual(at('2026-12-31T23:59:55Z'));
    expect(result?.skippedOmitted).toBe(365 * 17_280 - 50);
    expect(result?.nextRunAt).toEqual(at('2027-01-01T00:00:05Z'));
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe('collectDueSlots: walking and counting agree', () => {
  const cases = [
    { cron: '*/5 * * * * *', zone: NY, from: '2026-03-08T06:30:00Z', to: '2026-03-08T07:40:02Z' },
    { cron: '*/5 * * * * *', zone: NY, from: '2026-11-01T05:30:00Z', to: '2026-11-01T06:40:00Z' },
    {
      cron: '0 */15 * * * *',
      zone: SYDNEY,
      from: '2026-04-02T00:00:00Z',
      to: '2026-04-07T00:00:00Z',
    },
    { cron: '30 2 * * *', zone: SYDNEY, from: '2026-09-20T16:30:00Z', to: '2026-10-20T00:00:00Z' },
    {
      cron: WEEKDAYS_9,
      zone: 'Asia/Kolkata',
      from: '2026-01-01T03:30:00Z',
      to: '2026-12-31T00:00:00Z',
    },
  ];
  for (const { cron, zone, from, to } of cases) {
    it(`${cron} in ${zone}`, () => {
      const schedule = compileSchedule(cron, zone);
      const start = nextSlot(cron, zone, new Date(at(from).getTime() - 1));
      const walked = collectDueSlots(schedule, start, at(to), 7, Number.POSITIVE_INFINITY);
      const counted = collectDueSlots(schedule, start, at(to), 7, 0);
      expect(counted).toEqual(walked);
      expect(walked.latest).toHaveLength(7);
      // Due slots include `now`; enumerate's end is exclusive.
      const justAfter = new Date(at(to).getTime() + 1).toISOString();
      expect(walked.total).toBe(enumerate(cron, zone, from, justAfter));
    });
  }
});

describe('countSlots: the counter matches croner slot by slot', () => {
  // Each case crosses a DST change (or none, for Kolkata), counted both ways.
  const cases: [cron: string, zone: string, from: string, to: string, expected: number][] = [
    // A cadence counts real time: 3 hours of 5 s beats across either change in New York.
    ['*/5 * * * * *', NY, '2026-03-08T05:30:00Z', '2026-03-08T08:30:00Z', 3 * 720],
    ['*/5 * * * * *', NY, '2026-11-01T04:30:00.250Z', '2026-11-01T07:30:00Z', 3 * 720 - 1],
    ['*/10 * * * * *', 'Europe/London', '2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z', 4 * 360],
    ['*/10 * * * * *', 'Europe/London', '2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z', 4 * 360],
    ['0 */15 * * * *', SYDNEY, '2026-04-04T12:00:00Z', '2026-04-04T20:00:00Z', 32],
    ['0 */15 * * * *', SYDNEY, '2026-10-03T12:00:00Z', '2026-10-03T20:00:00Z', 32],
    ['*/30 * * * * *', 'Asia/Kolkata', '2026-03-08T00:00:00Z', '2026-03-08T06:00:00Z', 720],
    // Fixed-time schedules: the gap slot moved to 03:00, the repeated one run once.
    ['30 2 * * *', NY, '2026-03-01T00:00:00Z', '2026-03-15T00:00:00Z', 14],
    ['30 1 * * *', NY, '2026-10-25T00:00:00Z', '2026-11-08T00:00:00Z', 14],
    ['0 0-59 2 * * *', NY, '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z', 60 + 1 + 60],
    ['0,30 1 * * *', SYDNEY, '2026-04-03T00:00:00Z', '2026-04-07T00:00:00Z', 8],
  ];
  for (const [cron, zone, from, to, expected] of cases) {
    it(`${cron} in ${zone} from ${from}`, () => {
      const counted = countSlots(compileSchedule(cron, zone), at(from), at(to));
      expect(counted).toBe(expected);
      expect(enumerate(cron, zone, from, to)).toBe(expected);
    });
  }

  it('matches over a year for daily and weekday schedules in every test zone', () => {
    for (const zone of [NY, 'Europe/London', SYDNEY, 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      for (const cron of ['30 2 * * *', '30 1 * * 1-5', '15 0 1 * * 1,3,5']) {
        const counted = countSlots(
          compileSchedule(cron, zone),
          at('2026-01-01T00:00:00Z'),
          at('2027-01-01T00:00:00Z'),
        );
        expect(counted, `${cron} in ${zone}`).toBe(
          enumerate(cron, zone, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'),
        );
      }
    }
  });

  it('is zero for an empty or reversed range', () => {
    const schedule = compileSchedule('*/5 * * * * *', NY);
    expect(countSlots(schedule, at('2026-03-08T07:00:00Z'), at('2026-03-08T07:00:00Z'))).toBe(0);
    expect(countSlots(schedule, at('2026-03-08T07:00:01Z'), at('2026-03-08T07:00:00Z'))).toBe(0);
    expect(countSlots(schedule, at('2026-03-08T07:00:00Z'), at('2026-03-08T07:00:00.001Z'))).toBe(
      1,
    );
  });
});
