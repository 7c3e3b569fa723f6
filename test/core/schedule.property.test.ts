import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextSlot, parseWhen, planDue } from '../../src/core/schedule.ts';

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata'] as const;
type Zone = (typeof ZONES)[number];

/** The 2026 DST changes of each zone, to aim many instants near them. */
const CHANGES: Record<Zone, string[]> = {
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  'Europe/London': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
  'Australia/Sydney': ['2026-04-04T16:00:00Z', '2026-10-03T16:00:00Z'],
  'Asia/Kolkata': ['2026-03-08T07:00:00Z'],
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1) - 1;

/** A preset: local time of day and the weekdays it runs on (0 = Sunday). */
interface Preset {
  kind: 'preset';
  cron: string;
  hour: number;
  minute: number;
  days: readonly number[];
}

/** A cadence: slots every `periodMs`, which divides 30 minutes, so every zone here keeps it. */
interface Cadence {
  kind: 'cadence';
  cron: string;
  periodMs: number;
}

type Spec = Preset | Cadence;

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const presetArb: fc.Arbitrary<Spec> = fc
  .record({
    hour: fc.integer({ min: 0, max: 23 }),
    // Often on the hours that DST changes touch.
    hourNearChange: fc.constantFrom(0, 1, 2, 3),
    nearChange: fc.boolean(),
    minute: fc.integer({ min: 0, max: 59 }),
    form: fc.constantFrom('daily', 'weekdays', 'list'),
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
  })
  .map(({ hour, hourNearChange, nearChange, minute, form, days }) => {
    const h = nearChange ? hourNearChange : hour;
    const time = `${h}:${String(minute).padStart(2, '0')}`;
    const text =
      form === 'list'
        ? `${days.map((day) => DAY_NAMES[day]).join(',')} ${time}`
        : `${form} ${time}`;
    const parsed = parseWhen(text);
    if ('error' in parsed) throw new Error(parsed.error);
    const runsOn =
      form === 'daily' ? [0, 1, 2, 3, 4, 5, 6] : form === 'weekdays' ? [1, 2, 3, 4, 5] : days;
    return { kind: 'preset', cron: parsed.cron, hour: h, minute, days: runsOn };
  });

const cadenceArb: fc.Arbitrary<Spec> = fc.oneof(
  fc.constantFrom(1, 2, 5, 10, 15, 30).map(
    (seconds): Spec => ({
      kind: 'cadence',
      cron: `*/${seconds} * * * * *`,
      periodMs: seconds * 1000,
    }),
  ),
  fc.constantFrom(1, 5, 15, 30).map(
    (minutes): Spec => ({
      kind: 'cadence',
      cron: `0 */${minutes} * * * *`,
      periodMs: minutes * 60_000,
    }),
  ),
);

const specArb = fc.oneof(presetArb, cadenceArb);

function instantArb(zone: Zone): fc.Arbitrary<Date> {
  const anywhere = fc.integer({ min: YEAR_START, max: YEAR_END });
  const nearChange = fc
    .tuple(fc.constantFrom(...CHANGES[zone]), fc.integer({ min: -2 * DAY, max: 2 * DAY }))
    .map(([change, offset]) => Date.parse(change) + offset);
  return fc.oneof(anywhere, nearChange).map((ms) => new Date(ms));
}

const caseArb = fc
  .tuple(specArb, fc.constantFrom(...ZONES))
  .chain(([spec, zone]) =>
    fc.record({ spec: fc.constant(spec), zone: fc.constant(zone), at: instantArb(zone) }),
  );

/** Shortest real time between two slots: a day less the one DST hour, or the cadence. */
function minimumPeriod(spec: Spec): number {
  return Math.max(1000, spec.kind === 'preset' ? DAY - HOUR : spec.periodMs);
}

// An oracle for presets written without croner, from Intl alone.
const readers = new Map<string, Intl.DateTimeFormat>();
function local(ms: number, zone: string): { date: string; minutes: number; weekday: number } {
  let reader = readers.get(zone);
  if (!reader) {
    reader = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    readers.set(zone, reader);
  }
  const parts: Record<string, string> = {};
  for (const part of reader.formatToParts(new Date(ms))) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return {
    date,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: new Date(`${date}T00:00:00Z`).getUTCDay(),
  };
}

function offsetAt(ms: number, zone: string): number {
  const { date, minutes } = local(ms, zone);
  return Date.parse(`${date}T00:00:00Z`) + minutes * 60_000 - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The project's rule stated directly: the first instant whose local date is `date` and whose
 * local time is at or after hour:minute. Covers the gap (first valid minute after it) and
 * the repeat (first occurrence) alike.
 */
function presetSlotOn(date: string, spec: Preset, zone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + (spec.hour * 60 + spec.minute) * 60_000;
  const offsets = [offsetAt(naive - DAY, zone), offsetAt(naive, zone), offsetAt(naive + DAY, zone)];
  const target = spec.hour * 60 + spec.minute;
  for (let t = naive - Math.max(...offsets); t <= naive - Math.min(...offsets); t += 60_000) {
    const reading = local(t, zone);
    if (reading.date === date && reading.minutes >= target) return t;
  }
  throw new Error(`no slot on ${date}`);
}

/** Every preset slot strictly after `after` and at or before `until`, by the oracle. */
function presetSlotsBetween(spec: Preset, zone: string, after: number, until: number): number[] {
  const found: number[] = [];
  for (let day = after - 2 * DAY; day <= until + 2 * DAY; day += DAY) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (!spec.days.includes(new Date(`${date}T00:00:00Z`).getUTCDay())) continue;
    const slot = presetSlotOn(date, spec, zone);
    if (slot > after && slot <= until) found.push(slot);
  }
  return found.sort((a, b) => a - b);
}

/** The reference next slot: the cadence grid, or the oracle for presets. */
function expectedNext(spec: Spec, zone: string, after: number): number {
  if (spec.kind === 'cadence') return (Math.floor(after / spec.periodMs) + 1) * spec.periodMs;
  const [first] = presetSlotsBetween(spec, zone, after, after + 8 * DAY);
  if (first === undefined) throw new Error('no preset slot within a week');
  return first;
}

describe('the reference for presets', () => {
  const preset = (hour: number, minute: number): Preset => ({
    kind: 'preset',
    cron: `${minute} ${hour} * * *`,
    hour,
    minute,
    days: [0, 1, 2, 3, 4, 5, 6],
  });
  const on = (date: string, hour: number, minute: number, zone: Zone) =>
    new Date(presetSlotOn(date, preset(hour, minute), zone)).toISOString();

  it('knows the gap, the repeat and the ordinary days it checks against', () => {
    expect(on('2026-03-07', 2, 30, 'America/New_York')).toBe('2026-03-07T07:30:00.000Z');
    expect(on('2026-03-08', 2, 30, 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(on('2026-03-08', 3, 10, 'America/New_York')).toBe('2026-03-08T07:10:00.000Z');
    expect(on('2026-11-01', 1, 30, 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(on('2026-03-29', 1, 0, 'Europe/London')).toBe('2026-03-29T01:00:00.000Z');
    expect(on('2026-10-04', 2, 59, 'Australia/Sydney')).toBe('2026-10-03T16:00:00.000Z');
    expect(on('2026-04-05', 2, 15, 'Australia/Sydney')).toBe('2026-04-04T15:15:00.000Z');
    expect(on('2026-06-01', 0, 0, 'Asia/Kolkata')).toBe('2026-05-31T18:30:00.000Z');
  });
});

describe('nextSlot: properties over presets and cadences in four zones in 2026', () => {
  it('is strictly after its argument and equals the reference slot', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, zone, at }) => {
        const slot = nextSlot(spec.cron, zone, at);
        expect(slot.getTime()).toBeGreaterThan(at.getTime());
        expect(slot.getTime()).toBe(expectedNext(spec, zone, at.getTime()));
      }),
      { numRuns: 300 },
    );
  });

  it('is monotone', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 3 * DAY }), ({ spec, zone, at }, later) => {
        const first = nextSlot(spec.cron, zone, at);
        const second = nextSlot(spec.cron, zone, new Date(at.getTime() + later));
        expect(second.getTime()).toBeGreaterThanOrEqual(first.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('never gives two consecutive slots closer than the minimum period', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, zone, at }) => {
        let previous = nextSlot(spec.cron, zone, at);
        for (let i = 0; i < 4; i++) {
          const next = nextSlot(spec.cron, zone, previous);
          expect(next.getTime() - previous.getTime()).toBeGreaterThanOrEqual(minimumPeriod(spec));
          previous = next;
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('planDue: properties', () => {
  const planArb = caseArb.chain((base) =>
    fc.record({
      base: fc.constant(base),
      // Seconds cadences up to two days late (counted, not walked), presets up to three weeks.
      lateMs: fc.integer({ min: 0, max: base.spec.kind === 'cadence' ? 2 * DAY : 21 * DAY }),
      windowMs: fc.integer({ min: 10_000, max: 7 * DAY }),
    }),
  );

  it('posts at most the latest due slot, never one older than half its window', () => {
    fc.assert(
      fc.property(planArb, ({ base: { spec, zone, at }, lateMs, windowMs }) => {
        const nextRunAt = nextSlot(spec.cron, zone, at);
        const now = new Date(nextRunAt.getTime() + lateMs);
        const plan = planDue({ cron: spec.cron, zone, windowMs, nextRunAt, now });
        if (!plan) throw new Error('a slot at or before now must be due');

        const later =
          spec.kind === 'preset'
            ? presetSlotsBetween(spec, zone, nextRunAt.getTime(), now.getTime())
            : [];
        const latest =
          spec.kind === 'cadence'
            ? Math.floor(now.getTime() / spec.periodMs) * spec.periodMs
            : Math.max(nextRunAt.getTime(), ...later);
        const due =
          spec.kind === 'cadence'
            ? (latest - nextRunAt.getTime()) / spec.periodMs + 1
            : 1 + later.length;

        if (plan.post) {
          expect(plan.post.getTime()).toBe(latest);
          expect(now.getTime() - plan.post.getTime()).toBeLessThanOrEqual(windowMs / 2);
        } else {
          expect(now.getTime() - latest).toBeGreaterThan(windowMs / 2);
          expect(plan.skipped.at(-1)?.getTime()).toBe(latest);
        }
        const skipped = plan.skipped.map((date) => date.getTime());
        expect(skipped.length).toBeLessThanOrEqual(50);
        for (const [i, slot] of skipped.entries()) {
          expect(slot).toBeGreaterThanOrEqual(nextRunAt.getTime());
          expect(slot).toBeLessThanOrEqual(now.getTime());
          if (plan.post) expect(slot).toBeLessThan(plan.post.getTime());
          // The listed ones are the most recent, with no slot between them.
          const following = skipped[i + 1];
          if (following !== undefined) {
            expect(nextSlot(spec.cron, zone, new Date(slot)).getTime()).toBe(following);
          }
        }
        expect(skipped.length + plan.skippedOmitted + (plan.post ? 1 : 0)).toBe(due);
        expect(plan.nextRunAt.getTime()).toBe(expectedNext(spec, zone, now.getTime()));
      }),
      { numRuns: 150 },
    );
  });
});

describe('parseWhen: whatever it accepts can run', () => {
  const num = (min: number, max: number) => fc.integer({ min, max });
  /** One cron field: wildcards, values, ranges, steps and lists within (and just beyond) range. */
  const field = (low: number, high: number) => {
    const value = num(low, high + 1).map(String);
    const range = fc
      .tuple(num(low, high), num(low, high))
      .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
    const base = fc.oneof(fc.constant('*'), value, range);
    const stepped = fc.oneof(
      { arbitrary: base, weight: 3 },
      { arbitrary: fc.tuple(base, num(0, high)).map(([b, step]) => `${b}/${step}`), weight: 1 },
    );
    return fc.array(stepped, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(','));
  };
  const dayOfMonth = fc.oneof(field(1, 31), fc.constantFrom('L', '?', 'LW', '15W', '31', '30'));
  const dayOfWeek = fc.oneof(field(0, 7), fc.constantFrom('mon-fri', 'sat,sun', '1#2', '5L', '?'));
  const cronText = fc
    .tuple(
      fc.boolean(),
      field(0, 59),
      field(0, 59),
      field(0, 23),
      dayOfMonth,
      field(1, 12),
      dayOfWeek,
    )
    .map(([seconds, s, m, h, dom, month, dow]) =>
      (seconds ? [s, m, h, dom, month, dow] : [m, h, dom, month, dow]).join(' '),
    );
  /** Zones with half-hour DST, 45-minute offsets, and a day skipped at the date line. */
  const zone = fc.constantFrom(
    'UTC',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'America/St_Johns',
    'Pacific/Apia',
    'Europe/London',
  );
  const instant = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) })
    .map((ms) => new Date(ms));

  it('never throws, and refuses with a message', () => {
    fc.assert(
      fc.property(fc.oneof(cronText, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const parsed = parseWhen(text);
        if ('error' in parsed) expect(parsed.error.length).toBeGreaterThan(0);
        else expect(parsed.cron.split(' ').length).toBeGreaterThanOrEqual(5);
      }),
      { numRuns: 2000 },
    );
  });

  it('an accepted schedule has a next slot from any instant in any zone, and a plan after any delay', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        cronText,
        zone,
        instant,
        fc.integer({ min: 0, max: 30 * DAY }),
        fc.integer({ min: 10_000, max: 7 * DAY }),
        (text, z, at, lateMs, windowMs) => {
          const parsed = parseWhen(text);
          if ('error' in parsed) return;
          accepted += 1;
          const slot = nextSlot(parsed.cron, z, at);
          expect(slot.getTime()).toBeGreaterThan(at.getTime());
          const now = new Date(slot.getTime() + lateMs);
          const plan = planDue({ cron: parsed.cron, zone: z, windowMs, nextRunAt: slot, now });
          expect(plan?.nextRunAt.getTime()).toBeGreaterThan(now.getTime());
        },
      ),
      { numRuns: 400 },
    );
    // The generator must reach the interesting case: schedules the parser accepts.
    expect(accepted).toBeGreaterThan(60);
  });

  it('the label of an accepted schedule parses back to the same schedule', () => {
    const preset = fc
      .tuple(
        fc.constantFrom('daily', 'weekdays', 'mon,wed,fri', 'sat,sun', 'tue'),
        num(0, 23),
        num(0, 59),
      )
      .map(([days, h, m]) => `${days} ${h}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.oneof(cronText, preset), (text) => {
        const parsed = parseWhen(text);
        if ('error' in parsed) return;
        expect(parseWhen(parsed.label)).toEqual(parsed);
      }),
      { numRuns: 2000 },
    );
  });
});
