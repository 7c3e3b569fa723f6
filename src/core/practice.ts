/**
 * Private practice scheduling: how an answer's coverage becomes an FSRS review, and which
 * question a member practises next. Pure: the caller passes the time and the seed, nothing
 * here reads a clock or the database.
 *
 * FSRS itself is ts-fsrs; this module only maps coverage to a rating, converts between
 * ts-fsrs `Card` and the plain {@link PracticeCard} that is stored, and picks a question.
 */

import { type Card, createEmptyCard, fsrs, type Grade, Rating, State } from 'ts-fsrs';
import type { PracticeCardStateName } from '../../db/schema/practice.ts';
import { questionKey, type RotationQuestion } from './rotation.ts';
import { seededDraws } from './seeded.ts';

/**
 * One member's memory of one question, as stored in `practice_state`: the ts-fsrs `Card`
 * fields in camelCase, with the state by name and the coverage the last rating came from.
 */
export interface PracticeCard {
  /** When FSRS wants the question asked again. */
  due: Date;
  stability: number;
  difficulty: number;
  /** Whole days between the last two reviews (deprecated in ts-fsrs 5, still part of a Card). */
  elapsedDays: number;
  /** Whole days from the last review to `due`. */
  scheduledDays: number;
  learningSteps: number;
  /** Reviews so far, i.e. practice attempts at the question. */
  reps: number;
  lapses: number;
  state: PracticeCardStateName;
  /** When the question was last practised. */
  lastReview: Date;
  /** Share of key points the last attempt covered, 0..1. */
  lastCoverage: number;
}

/** Narrows practice to one pack and/or one tag (either compared case-insensitively). */
export interface PracticeFilter {
  pack?: string;
  tag?: string;
}

/** Input of {@link choosePracticeQuestion}. */
export interface ChoosePracticeInput {
  pool: readonly RotationQuestion[];
  /** The member's cards keyed by `questionKey` (what `practiceCards` loads). */
  cards: ReadonlyMap<string, PracticeCard>;
  now: Date;
  filter?: PracticeFilter;
  /**
   * Orders the questions the member has never practised. Pass a value fixed per member (say
   * a hash of the member id): each member then meets new questions in an order of their own
   * that does not change between requests or restarts.
   */
  seed: number;
}

/**
 * The scheduler every review goes through.
 * - `enable_fuzz: false`: the same history always gives the same due date (testable, and the
 *   same on every instance).
 * - `enable_short_term: false`: intervals are whole days, never ts-fsrs's minute learning
 *   steps. A practice question is an interview answer that takes minutes to write; asking it
 *   again ten minutes later would test recall of the framework just shown, not understanding.
 *   Day intervals still keep Again < Hard < Good < Easy (1, 2, 3 and 8 days for a first try).
 * - `maximum_interval: 365`: practice serves interview preparation, so a question the member
 *   knows well still comes back within a year rather than the default century.
 * - Retention and weights are ts-fsrs's defaults (request_retention 0.9).
 */
const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false, maximum_interval: 365 });

/** ts-fsrs `State` <-> the stored name. */
const stateNames: Readonly<Record<State, PracticeCardStateName>> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
const statesByName: Readonly<Record<PracticeCardStateName, State>> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

/**
 * The FSRS rating of an answer that covered `coverageRatio` of the key points: under a third
 * Again, under two thirds Hard, under 0.9 Good, else Easy. Each bound belongs to the better
 * rating, so covering exactly 1 of 3 points is Hard and 9 of 10 is Easy (k/n and the literal
 * fraction are the same double, division being correctly rounded).
 *
 * @throws RangeError when the ratio is not a number in [0, 1]: NaN would otherwise fall
 * through every comparison and be rated Easy.
 */
export function ratingFor(coverageRatio: number): Grade {
  if (!(coverageRatio >= 0 && coverageRatio <= 1)) {
    throw new RangeError(`coverage ratio must be within [0, 1], got ${coverageRatio}`);
  }
  if (coverageRatio < 1 / 3) return Rating.Again;
  if (coverageRatio < 2 / 3) return Rating.Hard;
  if (coverageRatio < 0.9) return Rating.Good;
  return Rating.Easy;
}

/**
 * The card after the member answered with coverage `ratio` at `now`: an FSRS review rated by
 * {@link ratingFor}, starting from an empty card on the first attempt. The input is not
 * changed.
 *
 * A `now` before the card's last review (instances' clocks may disagree by a moment) is
 * taken as that last review, so elapsed time never goes negative.
 */
export function reviewCard(
  state: PracticeCard | undefined,
  ratio: number,
  now: Date,
): PracticeCard {
  const rating = ratingFor(ratio);
  const reviewedAt = state && now.getTime() < state.lastReview.getTime() ? state.lastReview : now;
  const card = state ? toFsrsCard(state) : createEmptyCard(reviewedAt);
  const next = scheduler.next(card, reviewedAt, rating).card;
  return fromFsrsCard(next, reviewedAt, ratio);
}

/**
 * The question the member should practise next, or undefined when the filtered pool is empty.
 *
 * 1. Among questions whose card is due at `now`, the most overdue (ties: the lower stability,
 *    i.e. the weaker memory; then the key). A poorly covered answer is due sooner, so it is
 *    the one that comes back first.
 * 2. Otherwise a question never practised, chosen by the seed (see {@link ChoosePracticeInput.seed}).
 *    The choice depends only on the seed and on which questions qualify, not on pool order.
 * 3. Otherwise (everything practised, nothing due) the card due soonest, so practice on demand
 *    always has something to offer.
 *
 * Cards of questions no longer in the pool (a pack removed) are ignored.
 */
export function choosePracticeQuestion(input: ChoosePracticeInput): RotationQuestion | undefined {
  const practised: Array<{ key: string; question: RotationQuestion; card: PracticeCard }> = [];
  const fresh = new Map<string, RotationQuestion>();
  for (const question of input.pool) {
    if (!matchesFilter(question, input.filter)) continue;
    const key = questionKey(question);
    const card = input.cards.get(key);
    if (card) practised.push({ key, question, card });
    else fresh.set(key, question);
  }
  practised.sort(
    (a, b) =>
      a.card.due.getTime() - b.card.due.getTime() ||
      a.card.stability - b.card.stability ||
      compareKeys(a.key, b.key),
  );
  const soonest = practised[0];
  if (soonest && soonest.card.due.getTime() <= input.now.getTime()) return soonest.question;
  const freshKey = firstBySeed([...fresh.keys()], input.seed);
  if (freshKey !== undefined) return fresh.get(freshKey);
  return soonest?.question;
}

function matchesFilter(question: RotationQuestion, filter: PracticeFilter | undefined): boolean {
  const pack = filter?.pack?.toLowerCase();
  if (pack !== undefined && question.packId.toLowerCase() !== pack) return false;
  const tag = filter?.tag?.toLowerCase();
  return tag === undefined || question.tags.some((each) => each.toLowerCase() === tag);
}

function toFsrsCard(card: PracticeCard): Card {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: statesByName[card.state],
    last_review: card.lastReview,
  };
}

function fromFsrsCard(card: Card, reviewedAt: Date, ratio: number): PracticeCard {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: stateNames[card.state],
    // ts-fsrs always sets it after a review; the fallback only satisfies the optional type.
    lastReview: card.last_review ?? reviewedAt,
    lastCoverage: ratio,
  };
}

/**
 * The key with the lowest seeded rank. Each key's rank depends only on (seed, key), so adding
 * or removing other questions never changes how two keys compare.
 */
function firstBySeed(keys: readonly string[], seed: number): string | undefined {
  let best: { key: string; rank: number } | undefined;
  for (const key of keys) {
    const rank = rankOf(seed, key);
    if (!best || rank < best.rank || (rank === best.rank && compareKeys(key, best.key) < 0)) {
      best = { key, rank };
    }
  }
  return best?.key;
}

/** A uniform 31-bit draw seeded by both the seed and the key. */
function rankOf(seed: number, key: string): number {
  return seededDraws(seed, key, 1)[0] ?? 0;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
