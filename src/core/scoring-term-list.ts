/**
 * Detects a bare list of terms: rubric words with no explanation around them ("Argon2id,
 * unique salt, work factor, rehash, pepper, HIBP"). Pure.
 *
 * Explaining anything ("so GPUs can't brute force it", "rehash at the next login") takes
 * grammar words: prepositions, pronouns, auxiliaries, connectives. Hand-written answers in the
 * packs' tests run at 13-38% of them, bullet points with short explanations at 25-37%,
 * a list at 0-5%. An answer is flagged only when it looks like a list by all three
 * measures, so an explanation has three chances to clear itself:
 * - few grammar words overall (`TERM_LIST_MAX_FUNCTION_SHARE`);
 * - the shape of a list: nearly all content words sit in chunks (the pieces between commas,
 *   lines, bullets, colons, sentence ends) with no grammar word at all. Terse prose spreads
 *   its few grammar words over its clauses ("a data key wrapped by the KEK; access via the
 *   key policy"), a list has none anywhere. A run of terms without punctuation ("argon2id
 *   salt bcrypt rehash") is one grammar-free chunk, so changing the punctuation doesn't help;
 * - the words are borrowed: most content words come from the rubric or the question. Even
 *   telegraphic notes add words of their own (reasons, numbers, consequences).
 */
import { profileWords, profileWordsOnce } from './scoring-words.ts';

/** At most this share of all words may be grammar words (prose in the tests: 0.13 and up). */
export const TERM_LIST_MAX_FUNCTION_SHARE = 0.1;
/**
 * At least this share of content words must sit in grammar-free chunks. Short prose answers
 * whose grammar sits in a single clause measure up to 0.78, lists 1.
 */
export const TERM_LIST_MIN_LIST_SHAPE = 0.8;
/**
 * At least this share of content words must come from the rubric or the question. Answers in
 * prose measure 0.1-0.75 (rubrics list many synonyms, so strong answers sit high), telegraphic
 * notes with reasons about 0.7, lists 0.85-1.
 */
export const TERM_LIST_MIN_BORROWED_SHARE = 0.75;
/** A list has at least two terms; a one-word answer is judged by its coverage alone. */
export const TERM_LIST_MIN_CONTENT_WORDS = 2;

/**
 * Where a list item or a clause ends: line breaks, commas, semicolons, colons, brackets,
 * pipes, bullets, a dash between spaces, and sentence ends (a full stop followed by space or
 * the end, so "e.g." and "1.5" stay whole; "e.g. " splits, harmlessly).
 */
const CHUNK_BOUNDARY = /[\n,;:()[\]{}|•·]|[.!?](?=\s|$)|\s[-–—*]\s/u;

export interface TermListSignals {
  readonly contentWords: number;
  /** Grammar words / all words. */
  readonly functionShare: number;
  /** Content words in chunks without grammar words / content words. */
  readonly listShape: number;
  /** Content words found in the rubric or the question / content words. */
  readonly borrowedShare: number;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** `borrowed`: stems of the question's rubric and question text (see `scoring-words.ts`). */
export function termListSignals(text: string, borrowed: ReadonlySet<string>): TermListSignals {
  const profile = profileWords(text);
  const contentWords = profile.contentStems.length;
  let inBareChunks = 0;
  for (const chunk of text.split(CHUNK_BOUNDARY)) {
    const words = profileWordsOnce(chunk);
    if (words.functionWordCount === 0) inBareChunks += words.contentStems.length;
  }
  return {
    contentWords,
    functionShare: share(profile.functionWordCount, profile.wordCount),
    listShape: share(inBareChunks, contentWords),
    borrowedShare: share(countIn(profile.contentStems, borrowed), contentWords),
  };
}

/** How many of `stems` (repeats counted) are in `set`; a loop, as every answer asks. */
function countIn(stems: readonly string[], set: ReadonlySet<string>): number {
  let count = 0;
  for (const stem of stems) if (set.has(stem)) count += 1;
  return count;
}

export function isBareTermList(signals: TermListSignals): boolean {
  return (
    signals.contentWords >= TERM_LIST_MIN_CONTENT_WORDS &&
    signals.functionShare <= TERM_LIST_MAX_FUNCTION_SHARE &&
    signals.listShape >= TERM_LIST_MIN_LIST_SHAPE &&
    signals.borrowedShare >= TERM_LIST_MIN_BORROWED_SHARE
  );
}

/** Whole-text word counts, all the first look at an answer needs. */
export interface WordCounts {
  /** Every word (see `WordProfile.wordCount`). */
  readonly words: number;
  readonly functionWords: number;
  readonly contentWords: number;
  /** Content words whose stem is in the borrowed set (repeats counted). */
  readonly borrowedWords: number;
}

export function wordCounts(text: string, borrowed: ReadonlySet<string>): WordCounts {
  const profile = profileWords(text);
  return {
    words: profile.wordCount,
    functionWords: profile.functionWordCount,
    contentWords: profile.contentStems.length,
    borrowedWords: countIn(profile.contentStems, borrowed),
  };
}

/**
 * `isBareTermList(termListSignals(text, borrowed))`, skipping the chunk-by-chunk pass when
 * the whole-text measures already clear the answer (prose does on its grammar words alone).
 * The same verdict: the other three conditions do not depend on the list shape, so the
 * pre-check passes it as the largest it could be. `counts`: the text's, when known already.
 */
export function looksLikeBareTermList(
  text: string,
  borrowed: ReadonlySet<string>,
  counts: WordCounts = wordCounts(text, borrowed),
): boolean {
  const wholeText: TermListSignals = {
    contentWords: counts.contentWords,
    functionShare: share(counts.functionWords, counts.words),
    listShape: Number.POSITIVE_INFINITY,
    borrowedShare: share(counts.borrowedWords, counts.contentWords),
  };
  return isBareTermList(wholeText) && isBareTermList(termListSignals(text, borrowed));
}
