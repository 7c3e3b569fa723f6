/**
 * Which rubric key points an answer covers. Pure: no I/O, no clock.
 *
 * A key point is covered when any of its rubric phrases matches the answer. A phrase matches
 * when each of its content words (stop-words dropped) appears in the answer, in any order,
 * within a window of (number of phrase words + 4) content words. Words are compared after
 * normalisation (see `./text-tokens.ts`):
 * - equal Porter stems (so "memorization", "memorizes" and "memorize" meet);
 * - or, for words of letters only (5+), a typo on the lower-cased word or on the stem (see
 *   `./typo-tolerance.ts`: 1 edit from 5 letters, 2 from 9), among words sharing the first
 *   letter: typos rarely hit it, and it keeps real words apart ("hashing"/"bashing").
 * - Short words (3 letters or fewer, "dp", "rag", "xss", "iam") and words with digits
 *   ("imdsv2", "t1078", "s3") match exactly only: one edit there is another thing entirely.
 */
import { type TextToken, tokenizePhrase, tokenizeText } from './text-tokens.ts';
import { isTypoOf } from './typo-tolerance.ts';

/** The parts of a question the coverage function reads; a pack `Question` fits it. */
export interface RubricSource {
  readonly framework: {
    readonly points: ReadonlyArray<{ readonly id: string; readonly rubric: readonly string[] }>;
  };
  readonly mistake?: { readonly markers?: readonly string[] };
}

export interface Coverage {
  /** Key point ids the answer covered, in framework order. */
  readonly covered: string[];
  /** Key point ids the answer did not cover, in framework order. */
  readonly missed: string[];
  /** covered / all key points, 0 when the question has none. */
  readonly ratio: number;
  /** Mistake marker phrases the answer contains. */
  readonly mistakeMarkers: string[];
  /** For each covered key point, the first rubric phrase that matched (to explain a score). */
  readonly evidence: Readonly<Record<string, string>>;
}

/** A rubric phrase prepared for matching. */
export interface CompiledPhrase {
  readonly text: string;
  /** Distinct words with how often each must occur ("end to end" needs two "end"). */
  readonly words: ReadonlyArray<{ readonly word: TextToken; readonly count: number }>;
  /** Largest span, in content words, the phrase's words may be spread over. */
  readonly window: number;
}

export interface CompiledRubric {
  readonly points: ReadonlyArray<{ readonly id: string; readonly phrases: CompiledPhrase[] }>;
  readonly markers: CompiledPhrase[];
}

/** Extra words a phrase's words may be spread over beyond its own length. */
const WINDOW_SLACK = 4;

interface VocabularyEntry {
  readonly token: TextToken;
  readonly positions: number[];
}

/** An answer tokenised once, with an index for exact and fuzzy word lookups. */
export interface AnalysedText {
  readonly wordCount: number;
  /** Stem (or the word itself, see `TextToken.stem`) -> positions, ascending and distinct. */
  readonly byStem: ReadonlyMap<string, readonly number[]>;
  /** Distinct fuzzy-eligible words by first letter. */
  readonly fuzzyByInitial: ReadonlyMap<string, readonly VocabularyEntry[]>;
  /**
   * Lookups already made for this text, keyed by phrase word. Tokens are shared objects
   * (see text-tokens.ts), so the word itself is the key: no key string built per lookup.
   */
  readonly lookups: Map<TextToken, readonly number[]>;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function analyseText(text: string): AnalysedText {
  const byStem = new Map<string, number[]>();
  const vocabulary = new Map<string, VocabularyEntry>();
  let position = 0;
  for (const token of tokenizeText(text)) {
    // Stop-words take no window room, so "least privilege for the tools" is as tight as
    // "least privilege tools"; they are still indexed for stop-word-only phrases. A joined
    // alias ("mlkem") shares the position of the compound's first part.
    const at = position;
    if (!token.stopWord && !token.joined) position += 1;
    // A joined alias and its first part can share a stem ("connect-ion") at one position;
    // positions only grow, so a repeat is the last one: kept once, the list stays distinct
    // and sorted and lookups can hand it out as it is.
    const known = byStem.get(token.stem);
    if (!known) byStem.set(token.stem, [at]);
    else if (known[known.length - 1] !== at) known.push(at);
    if (token.fuzzy) {
      const entry = vocabulary.get(token.raw);
      if (entry) entry.positions.push(at);
      else vocabulary.set(token.raw, { token, positions: [at] });
    }
  }
  const fuzzyByInitial = new Map<string, VocabularyEntry[]>();
  for (const entry of vocabulary.values()) pushTo(fuzzyByInitial, entry.token.raw[0] ?? '', entry);
  return { wordCount: position, byStem, fuzzyByInitial, lookups: new Map() };
}

export function compilePhrase(phrase: string): CompiledPhrase {
  const all = tokenizePhrase(phrase).filter((token) => !token.joined);
  // Stop-words inside a compound stay ("mix-up" is not "mix"), and a phrase of stop-words
  // only ("it") keeps them rather than matching everything.
  const content = all.some((token) => !token.stopWord)
    ? all.filter((token) => !token.stopWord || token.inCompound)
    : all;
  const byStem = new Map<string, { word: TextToken; count: number }>();
  for (const token of content) {
    const seen = byStem.get(token.stem);
    if (seen) seen.count += 1;
    else byStem.set(token.stem, { word: token, count: 1 });
  }
  return { text: phrase, words: [...byStem.values()], window: content.length + WINDOW_SLACK };
}

function isFuzzyMatch(word: TextToken, candidate: TextToken): boolean {
  return isTypoOf(word.raw, candidate.raw) || isTypoOf(word.stem, candidate.stem);
}

const NO_POSITIONS: readonly number[] = Object.freeze([]);

/** Sorted, distinct positions in `text` where `word` occurs, exactly or with a typo. */
function positionsOf(text: AnalysedText, word: TextToken): readonly number[] {
  const known = text.lookups.get(word);
  if (known) return known;
  const exact = text.byStem.get(word.stem) ?? NO_POSITIONS;
  let typos: number[] | undefined;
  if (word.fuzzy) {
    for (const entry of text.fuzzyByInitial.get(word.raw[0] ?? '') ?? []) {
      // A word with the phrase word's stem is in `exact` already, at all its positions.
      if (entry.token.stem === word.stem || !isFuzzyMatch(word, entry.token)) continue;
      typos ??= [];
      typos.push(...entry.positions);
    }
  }
  // Most words match exactly or not at all: the exact list is already sorted and distinct,
  // so only typo matches need merging (no set and sort per lookup).
  const positions = typos ? [...new Set([...exact, ...typos])].sort((a, b) => a - b) : exact;
  text.lookups.set(word, positions);
  return positions;
}

/**
 * Whether all of the phrase's words occur within its window: the smallest span holding the
 * required count of each word, found by sliding over the merged occurrences.
 */
export function phraseMatches(
  text: AnalysedText | string,
  phrase: CompiledPhrase | string,
): boolean {
  const analysed = typeof text === 'string' ? analyseText(text) : text;
  const compiled = typeof phrase === 'string' ? compilePhrase(phrase) : phrase;
  const words = compiled.words;
  const kinds = words.length;
  if (kinds === 0) return false;
  // Each occurrence is one number, position * kinds + word index: sorting the numbers orders
  // by position, then by word, with no object per occurrence.
  const events: number[] = [];
  for (let index = 0; index < kinds; index += 1) {
    const entry = words[index];
    if (!entry) return false;
    const positions = positionsOf(analysed, entry.word);
    if (positions.length < entry.count) return false;
    for (const at of positions) events.push(at * kinds + index);
  }
  if (kinds === 1) return true;
  events.sort((a, b) => a - b);
  const need = words.map((entry) => entry.count);
  let missing = need.reduce((sum, count) => sum + count, 0);
  const have = need.map(() => 0);
  let left = 0;
  for (const event of events) {
    const word = event % kinds;
    have[word] = (have[word] ?? 0) + 1;
    if ((have[word] ?? 0) <= (need[word] ?? 0)) missing -= 1;
    while (missing === 0 && left < events.length) {
      const first = events[left] ?? 0;
      const firstWord = first % kinds;
      if ((event - word) / kinds - (first - firstWord) / kinds + 1 <= compiled.window) return true;
      have[firstWord] = (have[firstWord] ?? 0) - 1;
      if ((have[firstWord] ?? 0) < (need[firstWord] ?? 0)) missing += 1;
      left += 1;
    }
  }
  return false;
}

/**
 * Phrases compiled already, by text. Each reveal parses its question afresh, so the rubric
 * cache below misses once per drill; a phrase's compiled form depends on its text alone and
 * the packs bring a few thousand, so they are compiled once per process. Bounded like the
 * phrase tokens (see tokenizePhrase): emptied when full.
 */
const PHRASE_CACHE_LIMIT = 20_000;
const compiledPhrases = new Map<string, CompiledPhrase>();

function compiledPhrase(phrase: string): CompiledPhrase {
  const known = compiledPhrases.get(phrase);
  if (known) return known;
  if (compiledPhrases.size >= PHRASE_CACHE_LIMIT) compiledPhrases.clear();
  const compiled = compilePhrase(phrase);
  compiledPhrases.set(phrase, compiled);
  return compiled;
}

const compiledRubrics = new WeakMap<RubricSource, CompiledRubric>();

/** Compiles a question's rubric once; later calls with the same object reuse it. */
export function compileRubric(question: RubricSource): CompiledRubric {
  const cached = compiledRubrics.get(question);
  if (cached) return cached;
  const compiled: CompiledRubric = {
    points: question.framework.points.map((point) => ({
      id: point.id,
      phrases: point.rubric.map(compiledPhrase),
    })),
    markers: (question.mistake?.markers ?? []).map(compiledPhrase),
  };
  compiledRubrics.set(question, compiled);
  return compiled;
}

export function coverage(answer: string | AnalysedText, question: RubricSource): Coverage {
  const text = typeof answer === 'string' ? analyseText(answer) : answer;
  const rubric = compileRubric(question);
  const covered: string[] = [];
  const missed: string[] = [];
  const evidence: Record<string, string> = {};
  for (const point of rubric.points) {
    const hit = point.phrases.find((phrase) => phraseMatches(text, phrase));
    if (hit) {
      covered.push(point.id);
      evidence[point.id] = hit.text;
    } else {
      missed.push(point.id);
    }
  }
  const mistakeMarkers = rubric.markers
    .filter((marker) => phraseMatches(text, marker))
    .map((marker) => marker.text);
  const total = rubric.points.length;
  return {
    covered,
    missed,
    ratio: total === 0 ? 0 : covered.length / total,
    mistakeMarkers,
    evidence,
  };
}
