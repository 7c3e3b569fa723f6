/**
 * Detects a copy of another member's earlier answer in the same drill. Pure.
 *
 * Answers are compared as sets of word shingles (runs of `COPY_SHINGLE_SIZE` consecutive
 * content-word stems, grammar words dropped): a copy with light edits (a word swapped, a
 * sentence added or moved, articles changed, punctuation redone) keeps most of its runs, while
 * two members who know the topic share single terms but seldom whole runs of them.
 * Runs that also occur in the question are dropped first: quoting the question is common
 * ground, not copying. Similarity is the Jaccard index of the two sets.
 */
import { profileWords } from './scoring-words.ts';

/** Content words per shingle. */
export const COPY_SHINGLE_SIZE = 2;
/**
 * Jaccard similarity from which the later answer is a copy. Each changed word breaks up to two
 * runs, so 0.5 still catches one changed content word in six, or a whole answer taken with up
 * to as much again added; an answer with more of its own than it took is not flagged.
 * Measured: lightly edited copies of the test drills' answers score 0.66-0.72, independent
 * answers to the same question (the packs' hand-written answers and the drills) at most 0.05.
 */
export const COPY_MIN_SIMILARITY = 0.5;
/**
 * Shingles both answers need before they are compared: two short answers ("use bcrypt with a
 * salt") can coincide honestly, and a short answer earns little to protect.
 */
export const COPY_MIN_SHINGLES = 6;

/** Distinct runs of `COPY_SHINGLE_SIZE` content stems, minus those in `exclude`. */
export function shingles(text: string, exclude: ReadonlySet<string> = new Set()): Set<string> {
  const stems = profileWords(text).contentStems;
  const runs = new Set<string>();
  // Each run extends the one before: drop its first stem, add the next (no slice per run).
  let run = stems.slice(0, COPY_SHINGLE_SIZE - 1).join(' ');
  for (let end = COPY_SHINGLE_SIZE - 1; end < stems.length; end += 1) {
    const previous = end - COPY_SHINGLE_SIZE;
    const dropped = previous < 0 ? run : run.slice((stems[previous] ?? '').length + 1);
    run = dropped === '' ? (stems[end] ?? '') : `${dropped} ${stems[end]}`;
    if (!exclude.has(run)) runs.add(run);
  }
  return runs;
}

/** Pairs of ids below this make numbers under 2^30: V8 small integers, no heap number each. */
const SMALL_SPAN = 2 ** 15;
/** Ids must stay below this; larger pairs are still exact in a double (2^30 + 2^52 < 2^53). */
export const MAX_STEM_ID = 2 ** 26;

/** One number per ordered pair of ids: the small pairs below 2^30, the others above it. */
function pairKey(first: number, second: number): number {
  if (first < SMALL_SPAN && second < SMALL_SPAN) return first * SMALL_SPAN + second;
  return 2 ** 30 + first * MAX_STEM_ID + second;
}

/**
 * The same runs as `shingles`, each a number, from the stems given as ids (equal stems, equal
 * ids, all below MAX_STEM_ID), minus those in `exclude`. Scoring compares many answers
 * pairwise; numbers hash and compare without building a string per run. Equal pairs of
 * stems give equal numbers and different pairs different ones (see pairKey), so the sets,
 * their sizes and their Jaccard indexes are those of the string runs.
 */
export function shingleKeys(
  stemIds: readonly number[],
  exclude: ReadonlySet<number> = new Set(),
): Set<number> {
  // The pair encoding fits runs of two stems only: this line stops compiling otherwise.
  const runLength: 2 = COPY_SHINGLE_SIZE;
  const runs = new Set<number>();
  for (let end = runLength - 1; end < stemIds.length; end += 1) {
    const run = pairKey(stemIds[end - 1] ?? 0, stemIds[end] ?? 0);
    if (!exclude.has(run)) runs.add(run);
  }
  return runs;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  // Walk the smaller set, look up in the larger: the same count, fewer lookups.
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * Whether two sets of these sizes can reach `COPY_MIN_SIMILARITY` at all: they share at most
 * the smaller, so Jaccard is at most smaller / larger. Skipping the rest skips no copy.
 */
function canBeCopy(a: number, b: number): boolean {
  return Math.min(a, b) >= COPY_MIN_SIMILARITY * Math.max(a, b);
}

export interface CopyCandidate<T = string> {
  readonly memberId: string;
  readonly firstSentAt: Date;
  /** From `shingles(text, questionShingles)`, or `shingleKeys` over one drill's stem ids. */
  readonly shingles: ReadonlySet<T>;
}

export interface CopyMatch {
  readonly copiedFrom: string;
  readonly similarity: number;
}

/**
 * For each candidate, the earlier answer by another member it copies, if any: the most
 * similar one at or above the threshold, the earliest on a tie. An answer sent at the same
 * instant is not earlier, so neither of two simultaneous answers is a copy of the other.
 */
export function findCopies<T>(
  candidates: readonly CopyCandidate<T>[],
): Array<CopyMatch | undefined> {
  return candidates.map((answer) => {
    if (answer.shingles.size < COPY_MIN_SHINGLES) return undefined;
    let best: (CopyMatch & { readonly at: number }) | undefined;
    for (const other of candidates) {
      const at = other.firstSentAt.getTime();
      if (other.memberId === answer.memberId || at >= answer.firstSentAt.getTime()) continue;
      if (other.shingles.size < COPY_MIN_SHINGLES) continue;
      if (!canBeCopy(answer.shingles.size, other.shingles.size)) continue;
      const similarity = jaccard(answer.shingles, other.shingles);
      if (similarity < COPY_MIN_SIMILARITY) continue;
      if (!best || similarity > best.similarity || (similarity === best.similarity && at < best.at))
        best = { copiedFrom: other.memberId, similarity, at };
    }
    return best && { copiedFrom: best.copiedFrom, similarity: best.similarity };
  });
}
