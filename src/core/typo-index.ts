/**
 * Which rubric words an answer word is a typo of, for every rubric the process has compiled.
 * Pure apart from its bounded memory.
 *
 * Telling whether two words are a typo apart is the dearest step of matching an answer to a
 * rubric, and the answer is always the same for the same two words. Answers to different
 * questions share most of their words (and rubrics share many), so each pair of words is
 * compared once per process rather than once per drill: every rubric word tolerant of typos
 * gets an id here, and each answer word remembers the ids it is a typo of, together with how
 * far down the list of rubric words it has been compared (words added later are compared
 * when the answer word is next asked about).
 */
import type { TextToken } from './text-tokens.ts';
import { isTypoOf } from './typo-tolerance.ts';

/** Whether `candidate` (an answer word) is a typo of `word` (a rubric word), raw or stemmed. */
export function isFuzzyMatch(word: TextToken, candidate: TextToken): boolean {
  return isTypoOf(word.raw, candidate.raw) || isTypoOf(word.stem, candidate.stem);
}

interface Comparisons {
  /** Ids of the rubric words found to be typos of the answer word. */
  readonly ids: number[];
  /** How many of the rubric words with the same first letter were compared. */
  compared: number;
}

const NO_IDS: readonly number[] = Object.freeze([]);

/** Rubric words kept before everything is let go (custom packs reloaded many times). */
const WORD_LIMIT = 100_000;
/** Answer words remembered before their comparisons are let go (a flood of junk words). */
const ANSWER_WORD_LIMIT = 50_000;

export class TypoIndex {
  private words: TextToken[] = [];
  private idByRaw = new Map<string, number>();
  /** Rubric word ids by first letter, ascending: typos rarely hit the first letter. */
  private idsByInitial = new Map<string, number[]>();
  private comparisons = new Map<TextToken, Comparisons>();
  private currentGeneration = 0;
  private currentVersion = 0;

  /** Changes whenever ids are let go: ids from an earlier generation mean nothing. */
  get generation(): number {
    return this.currentGeneration;
  }

  /**
   * Changes whenever a rubric word is added or ids are let go: what `typosOf` gave at an
   * earlier version may be incomplete (or, across generations, wrong).
   */
  get version(): number {
    return this.currentVersion;
  }

  /** The id of a rubric word that tolerates typos (`word.fuzzy`), added when new. */
  idOf(word: TextToken): number {
    const known = this.idByRaw.get(word.raw);
    if (known !== undefined) return known;
    if (this.words.length >= WORD_LIMIT) this.forgetAll();
    const id = this.words.length;
    this.currentVersion += 1;
    this.words.push(word);
    this.idByRaw.set(word.raw, id);
    const initial = word.raw[0] ?? '';
    const ids = this.idsByInitial.get(initial);
    if (ids) ids.push(id);
    else this.idsByInitial.set(initial, [id]);
    return id;
  }

  /**
   * Ids of the rubric words `token` is a typo of, among all added so far; words with the
   * token's own stem are left out (they match it exactly). Empty unless `token.fuzzy`.
   */
  typosOf(token: TextToken): readonly number[] {
    if (!token.fuzzy) return NO_IDS;
    const candidates = this.idsByInitial.get(token.raw[0] ?? '');
    if (!candidates) return NO_IDS;
    let known = this.comparisons.get(token);
    if (!known) {
      if (this.comparisons.size >= ANSWER_WORD_LIMIT) this.comparisons.clear();
      known = { ids: [], compared: 0 };
      this.comparisons.set(token, known);
    }
    for (; known.compared < candidates.length; known.compared += 1) {
      const id = candidates[known.compared] ?? -1;
      const word = this.words[id];
      if (!word || word.stem === token.stem || !isFuzzyMatch(word, token)) continue;
      known.ids.push(id);
    }
    return known.ids;
  }

  private forgetAll(): void {
    this.words = [];
    this.idByRaw = new Map();
    this.idsByInitial = new Map();
    this.comparisons = new Map();
    this.currentGeneration += 1;
    this.currentVersion += 1;
  }
}

/** The process's one index: every compiled rubric adds its words to it. */
export const typoIndex = new TypoIndex();
