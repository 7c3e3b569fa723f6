/**
 * Which question a channel gets next. Pure and seeded: the same channel seed, pool and
 * history always give the same question, on any instance, after any restart.
 *
 * Rules: questions come in a shuffled order fixed per channel, which depends only on the seed
 * and on which questions there are (never on the order packs were loaded in); nothing
 * repeats until every question of the (filtered) pool has been asked in the current cycle; a
 * question added to the pool mid-cycle (a pack added while the channel follows `all`) is
 * still asked in that cycle.
 *
 * The shuffle gives every question a seeded random rank and sorts by it. Unlike Fisher-Yates
 * over the whole pool, adding or removing a question leaves the relative order of all the
 * others as it was, so a channel's sequence survives pack changes; and with one order for
 * every cycle, a question comes back only after all the others (with a steady pool, any
 * run of pool-size consecutive drills holds each question exactly once).
 */
import { seededDraws } from './seeded.ts';

/** What rotation needs to know about a question. */
export interface RotationQuestion {
  packId: string;
  questionId: string;
  tags: readonly string[];
  difficulty: 1 | 2 | 3;
}

/** A question as a channel's history records it. */
export interface QuestionRef {
  packId: string;
  questionId: string;
}

/** Narrows the pool: a tag the question carries (any case) and/or its difficulty. */
export interface RotationFilter {
  tag?: string;
  difficulty?: 1 | 2 | 3;
}

/** Input of {@link nextQuestion}. */
export interface NextQuestionInput {
  /** The channel's seed, fixed when it enrols. */
  seed: number;
  pool: readonly RotationQuestion[];
  /** This channel's history, oldest first. */
  asked: readonly QuestionRef[];
  filter?: RotationFilter;
}

/** `pack/question`: a question's identity across packs. */
export function questionKey(question: QuestionRef): string {
  return `${question.packId}/${question.questionId}`;
}

/**
 * The channel's next question, or undefined only when the (filtered) pool is empty.
 *
 * The history is replayed against today's pool: entries no longer in it are ignored, and a
 * cycle ends once every pool question has been asked since the previous end. The next
 * question is the first one in the channel's order not yet asked in the current cycle. A new
 * cycle never opens with the question that just closed the previous one (possible only when
 * the pool changed), unless it is the only one.
 */
export function nextQuestion(input: NextQuestionInput): RotationQuestion | undefined {
  const byKey = new Map<string, RotationQuestion>();
  for (const question of input.pool) {
    if (matchesFilter(question, input.filter)) byKey.set(questionKey(question), question);
  }
  if (byKey.size === 0) return undefined;

  const askedThisCycle = askedInCurrentCycle(byKey, input.asked);
  const order = shuffledKeys([...byKey.keys()], input.seed);
  const candidates = order.filter((key) => !askedThisCycle.has(key));
  const lastAsked = input.asked.at(-1);
  const lastKey = lastAsked ? questionKey(lastAsked) : undefined;
  const pick = candidates[0] === lastKey && candidates.length > 1 ? candidates[1] : candidates[0];
  return pick === undefined ? undefined : byKey.get(pick);
}

function matchesFilter(question: RotationQuestion, filter: RotationFilter | undefined): boolean {
  if (filter?.difficulty !== undefined && question.difficulty !== filter.difficulty) return false;
  const tag = filter?.tag?.toLowerCase();
  return tag === undefined || question.tags.some((each) => each.toLowerCase() === tag);
}

/** The pool questions asked since the current cycle began. */
function askedInCurrentCycle(
  pool: ReadonlyMap<string, RotationQuestion>,
  asked: readonly QuestionRef[],
): Set<string> {
  let askedKeys = new Set<string>();
  for (const entry of asked) {
    const key = questionKey(entry);
    if (!pool.has(key)) continue;
    askedKeys.add(key);
    if (askedKeys.size === pool.size) askedKeys = new Set();
  }
  return askedKeys;
}

/** `keys` in the channel's order: by seeded rank, ties (about one in 2^62) by key. */
function shuffledKeys(keys: readonly string[], seed: number): string[] {
  const ranked = keys.map((key) => ({ key, rank: rankOf(seed, key) }));
  ranked.sort(
    (a, b) =>
      a.rank[0] - b.rank[0] ||
      a.rank[1] - b.rank[1] ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return ranked.map((entry) => entry.key);
}

/** A question's place in a channel's order: two uniform 31-bit draws seeded by both. */
function rankOf(seed: number, key: string): [number, number] {
  const [first = 0, second = 0] = seededDraws(seed, key, 2);
  return [first, second];
}
