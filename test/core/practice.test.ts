import fc from 'fast-check';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  choosePracticeQuestion,
  type PracticeCard,
  ratingFor,
  reviewCard,
} from '../../src/core/practice.ts';
import { questionKey, type RotationQuestion } from '../../src/core/rotation.ts';

const NOW = new Date('2026-03-02T10:00:00Z');
const DAY = 86_400_000;
const at = (days: number): Date => new Date(NOW.getTime() + days * DAY);

function question(packId: string, questionId: string, tags: string[] = []): RotationQuestion {
  return { packId, questionId, tags, difficulty: 2 };
}

const APPSEC = ['xss', 'csrf', 'ssrf', 'sqli'].map((id) =>
  question('appsec', id, ['web', id === 'sqli' ? 'Injection' : 'browser']),
);
const CLOUD = ['iam', 'kms', 's3'].map((id) => question('cloud', id, ['cloud']));
const POOL = [...APPSEC, ...CLOUD];

/** Cards from first attempts: `[key, coverage ratio, days after NOW it was answered]`. */
function cardsOf(entries: Array<[string, number, number]>): Map<string, PracticeCard> {
  return new Map(entries.map(([key, ratio, day]) => [key, reviewCard(undefined, ratio, at(day))]));
}

const keyOf = (picked: RotationQuestion | undefined): string | undefined =>
  picked ? questionKey(picked) : undefined;

describe('ratingFor', () => {
  it('maps coverage to Again / Hard / Good / Easy, each bound belonging to the better rating', () => {
    expect(ratingFor(0)).toBe(Rating.Again);
    expect(ratingFor(0.333)).toBe(Rating.Again);
    expect(ratingFor(0.3333333333333333)).toBe(Rating.Hard);
    expect(ratingFor(1 / 3)).toBe(Rating.Hard);
    expect(ratingFor(0.666)).toBe(Rating.Hard);
    expect(ratingFor(0.6666666666666666)).toBe(Rating.Good);
    expect(ratingFor(2 / 3)).toBe(Rating.Good);
    expect(ratingFor(0.8999)).toBe(Rating.Good);
    expect(ratingFor(0.9)).toBe(Rating.Easy);
    expect(ratingFor(1)).toBe(Rating.Easy);
  });

  it('rates k of n key points by the fraction, whatever n', () => {
    expect(ratingFor(1 / 3)).toBe(Rating.Hard);
    expect(ratingFor(2 / 6)).toBe(Rating.Hard);
    expect(ratingFor(3 / 9)).toBe(Rating.Hard);
    expect(ratingFor(6 / 9)).toBe(Rating.Good);
    expect(ratingFor(9 / 10)).toBe(Rating.Easy);
    expect(ratingFor(18 / 20)).toBe(Rating.Easy);
    expect(ratingFor(8 / 9)).toBe(Rating.Good);
  });

  it('refuses a ratio outside [0, 1] rather than rating NaN Easy', () => {
    expect(() => ratingFor(Number.NaN)).toThrow(RangeError);
    expect(() => ratingFor(-0.01)).toThrow(RangeError);
    expect(() => ratingFor(1.01)).toThrow(RangeError);
  });
});

describe('reviewCard', () => {
  it('schedules a first attempt in whole days: Again 1, Hard 2, Good 3, Easy 8', () => {
    expect(reviewCard(undefined, 0.2, NOW).due).toEqual(at(1));
    expect(reviewCard(undefined, 0.5, NOW).due).toEqual(at(2));
    expect(reviewCard(undefined, 0.75, NOW).due).toEqual(at(3));
    expect(reviewCard(undefined, 0.95, NOW).due).toEqual(at(8));
  });

  it('stores every FSRS field of a first attempt (ts-fsrs 5 default weights)', () => {
    expect(reviewCard(undefined, 0.75, NOW)).toEqual({
      due: at(3),
      stability: 2.3065,
      difficulty: 2.11810397,
      elapsedDays: 0,
      scheduledDays: 3,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      state: 'review',
      lastReview: NOW,
      lastCoverage: 0.75,
    });
  });

  it('builds on the previous card: a lapse comes back next day, a Hard answer in nine', () => {
    const good = reviewCard(undefined, 0.75, NOW);
    const hard = reviewCard(good, 0.5, at(3));
    expect(hard).toMatchObject({
      due: at(12),
      elapsedDays: 3,
      scheduledDays: 9,
      reps: 2,
      lapses: 0,
      lastReview: at(3),
      lastCoverage: 0.5,
    });
    const again = reviewCard(good, 0.1, at(3));
    expect(again).toMatchObject({ due: at(4), scheduledDays: 1, reps: 2, lapses: 1 });
  });

  it('a poorly answered question is due sooner than a well answered one reviewed at the same time', () => {
    const poor = reviewCard(undefined, 0.2, NOW);
    const well = reviewCard(undefined, 0.95, NOW);
    expect(poor.due.getTime()).toBeLessThan(well.due.getTime());
    const poorAgain = reviewCard(well, 0.2, at(8));
    const wellAgain = reviewCard(well, 0.95, at(8));
    expect(poorAgain.due.getTime()).toBeLessThan(wellAgain.due.getTime());
  });

  it('leaves the input card unchanged', () => {
    const card = reviewCard(undefined, 0.75, NOW);
    const copy = structuredClone(card);
    reviewCard(card, 0.1, at(3));
    expect(card).toEqual(copy);
  });

  it('takes a review time before the last review as the last review', () => {
    const card = reviewCard(undefined, 0.75, NOW);
    const skewed = reviewCard(card, 0.75, new Date(NOW.getTime() - 5_000));
    expect(skewed).toEqual(reviewCard(card, 0.75, NOW));
    expect(skewed.elapsedDays).toBe(0);
  });

  it('property: due dates follow the review, and a better answer is never due sooner', () => {
    const step = fc.record({
      ratio: fc.double({ min: 0, max: 1, noNaN: true }),
      // Minutes to days to a year between attempts.
      gapMinutes: fc.integer({ min: 0, max: 60 * 24 * 400 }),
      other: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        let card: PracticeCard | undefined;
        let time = NOW.getTime();
        for (const { ratio, gapMinutes, other } of steps) {
          time += gapMinutes * 60_000;
          const now = new Date(time);
          const next = reviewCard(card, ratio, now);
          expect(next.due.getTime()).toBeGreaterThan(now.getTime());
          expect(next.lastReview).toEqual(now);
          const easy = reviewCard(card, 1, now);
          const again = reviewCard(card, 0, now);
          expect(easy.due.getTime()).toBeGreaterThanOrEqual(again.due.getTime());
          const [low, high] = ratio <= other ? [ratio, other] : [other, ratio];
          expect(reviewCard(card, high, now).due.getTime()).toBeGreaterThanOrEqual(
            reviewCard(card, low, now).due.getTime(),
          );
          card = next;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('choosePracticeQuestion', () => {
  it('returns undefined only when the filtered pool is empty', () => {
    const cards = cardsOf([]);
    expect(choosePracticeQuestion({ pool: [], cards, now: NOW, seed: 1 })).toBeUndefined();
    const none = { pool: POOL, cards, now: NOW, seed: 1, filter: { tag: 'no-such-tag' } };
    expect(choosePracticeQuestion(none)).toBeUndefined();
    const only = [question('p', 'only')];
    expect(choosePracticeQuestion({ pool: only, cards, now: NOW, seed: 1 })).toEqual(only[0]);
  });

  it('is deterministic: the same seed and questions give the same pick, in any pool order', () => {
    const cards = cardsOf([['appsec/xss', 0.5, 0]]);
    const input = { pool: POOL, cards, now: at(1), seed: 7 };
    const first = keyOf(choosePracticeQuestion(input));
    expect(first).toBeDefined();
    expect(first).not.toBe('appsec/xss');
    expect(keyOf(choosePracticeQuestion(input))).toBe(first);
    expect(keyOf(choosePracticeQuestion({ ...input, pool: [...POOL].reverse() }))).toBe(first);
  });

  it('orders new questions by seed: different seeds start members in different places', () => {
    const picks = new Set<string | undefined>();
    for (let seed = 0; seed < 20; seed++) {
      picks.add(keyOf(choosePracticeQuestion({ pool: POOL, cards: new Map(), now: NOW, seed })));
    }
    expect(picks.size).toBeGreaterThan(2);
    expect([...picks].every((key) => POOL.some((q) => questionKey(q) === key))).toBe(true);
  });

  it('walks every new question once before repeating when each answer is good', () => {
    const cards = new Map<string, PracticeCard>();
    const seen: string[] = [];
    for (let i = 0; i < POOL.length; i++) {
      const now = new Date(NOW.getTime() + i * 60_000);
      const picked = choosePracticeQuestion({ pool: POOL, cards, now, seed: 3 });
      if (!picked) throw new Error('no question');
      seen.push(questionKey(picked));
      cards.set(questionKey(picked), reviewCard(undefined, 0.95, now));
    }
    expect(new Set(seen).size).toBe(POOL.length);
  });

  it('takes the most overdue question first, before any new one', () => {
    const cards = cardsOf([
      ['appsec/xss', 0.2, 0], // due day 1
      ['appsec/csrf', 0.2, 2], // due day 3
      ['cloud/iam', 0.95, 0], // due day 8
    ]);
    const pick = (day: number) =>
      keyOf(choosePracticeQuestion({ pool: POOL, cards, now: at(day), seed: 1 }));
    expect(pick(3)).toBe('appsec/xss');
    cards.delete('appsec/xss');
    expect(pick(3)).toBe('appsec/csrf');
    expect(pick(9)).toBe('appsec/csrf');
  });

  it('breaks a tie in due time by the weaker memory (lower stability)', () => {
    const weak = reviewCard(undefined, 0.1, NOW);
    const strong = { ...weak, stability: weak.stability + 1 };
    const cards = new Map([
      ['appsec/csrf', strong],
      ['cloud/s3', weak],
    ]);
    const picked = choosePracticeQuestion({ pool: POOL, cards, now: at(2), seed: 1 });
    expect(keyOf(picked)).toBe('cloud/s3');
  });

  it('poorly covered questions return sooner: after the same day, the Again one comes first', () => {
    const cards = cardsOf([
      ['appsec/xss', 0.95, 0],
      ['appsec/csrf', 0.75, 0],
      ['appsec/ssrf', 0.1, 0],
    ]);
    const pool = APPSEC.slice(0, 3);
    expect(keyOf(choosePracticeQuestion({ pool, cards, now: at(1), seed: 1 }))).toBe('appsec/ssrf');
    // Nothing due yet and nothing new: the card due soonest.
    expect(keyOf(choosePracticeQuestion({ pool, cards, now: NOW, seed: 1 }))).toBe('appsec/ssrf');
  });

  it('prefers a new question to a practised one that is not due yet', () => {
    const cards = cardsOf([
      ['appsec/xss', 0.1, 0],
      ['appsec/csrf', 0.1, 0],
      ['appsec/ssrf', 0.1, 0],
    ]);
    const picked = choosePracticeQuestion({ pool: APPSEC, cards, now: NOW, seed: 9 });
    expect(keyOf(picked)).toBe('appsec/sqli');
  });

  it('filters by pack and by tag, any case, and ignores cards outside the filter', () => {
    const cards = cardsOf([['cloud/kms', 0.1, 0]]);
    const input = { pool: POOL, cards, now: at(5), seed: 1 };
    expect(keyOf(choosePracticeQuestion(input))).toBe('cloud/kms');
    const appsec = choosePracticeQuestion({ ...input, filter: { pack: 'AppSec' } });
    expect(appsec?.packId).toBe('appsec');
    const injection = choosePracticeQuestion({ ...input, filter: { tag: 'injection' } });
    expect(keyOf(injection)).toBe('appsec/sqli');
    const both = choosePracticeQuestion({ ...input, filter: { pack: 'cloud', tag: 'CLOUD' } });
    expect(keyOf(both)).toBe('cloud/kms');
    expect(
      choosePracticeQuestion({ ...input, filter: { pack: 'cloud', tag: 'web' } }),
    ).toBeUndefined();
  });

  it('ignores cards of questions no longer in the pool', () => {
    const cards = cardsOf([['retired/old', 0.1, 0]]);
    const picked = choosePracticeQuestion({ pool: CLOUD, cards, now: at(5), seed: 1 });
    expect(picked?.packId).toBe('cloud');
  });
});
