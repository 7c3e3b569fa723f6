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
import { typoIndex } from './typo-index.ts';

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

/** A rubric phrase whose words are given as slots of its rubric's `WordIndex`. */
export interface RubricPhrase {
  readonly phrase: CompiledPhrase;
  /** `phrase.words[i]` is the word in slot `slots[i]`. */
  readonly slots: readonly number[];
}

export interface CompiledRubric {
  readonly points: ReadonlyArray<{ readonly id: string; readonly phrases: RubricPhrase[] }>;
  readonly markers: RubricPhrase[];
  /** Every distinct word of the phrases above, each in a slot. */
  readonly words: WordIndex;
}

/** Extra words a phrase's words may be spread over beyond its own length. */
const WINDOW_SLACK = 4;

/** An answer tokenised once; `coverage` can then be asked of it for many questions. */
export interface AnalysedText {
  /** Content words: stop-words and joined aliases take no room (see `locate`). */
  readonly wordCount: number;
  readonly tokens: readonly TextToken[];
}

export function analyseText(text: string): AnalysedText {
  const tokens = tokenizeText(text);
  let wordCount = 0;
  for (const token of tokens) if (takesRoom(token)) wordCount += 1;
  return { wordCount, tokens };
}

/**
 * Whether a word occupies a position of its own. Stop-words take no window room, so "least
 * privilege for the tools" is as tight as "least privilege tools"; they are still found for
 * stop-word-only phrases. A joined alias ("mlkem") shares the position of its first part.
 */
export function takesRoom(token: TextToken): boolean {
  return !token.stopWord && !token.joined;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const NO_SLOTS: readonly number[] = Object.freeze([]);

/** Answer words remembered per index before the memory is emptied (junk floods stay bounded). */
const MATCH_MEMO_LIMIT = 50_000;

/**
 * The distinct words of a set of phrases, each in a numbered slot, and which answer words
 * meet which slot. Answers are matched word by word against this index, so an answer's cost
 * grows with its own length, not with the rubric's size times its vocabulary; and what an
 * answer word meets is worked out once per index (answers to one question share most words).
 */
export class WordIndex {
  private readonly words: TextToken[] = [];
  /** Phrase words with the same spelling meet the same answer words: one slot. */
  private readonly slotByRaw = new Map<string, number>();
  private readonly slotsByStem = new Map<string, number[]>();
  /** The slot of each word tolerant of typos, by its id in the process's typo index. */
  private slotByTypoId = new Map<number, number>();
  private typoGeneration = typoIndex.generation;
  /** Answer word -> the slots it meets. Tokens are shared objects (see text-tokens.ts). */
  private readonly matches = new Map<TextToken, readonly number[]>();

  get size(): number {
    return this.words.length;
  }

  /** The slot of a phrase word, added when new. */
  slotOf(word: TextToken): number {
    const known = this.slotByRaw.get(word.raw);
    if (known !== undefined) return known;
    const slot = this.words.length;
    this.words.push(word);
    this.slotByRaw.set(word.raw, slot);
    pushTo(this.slotsByStem, word.stem, slot);
    if (word.fuzzy) this.slotByTypoId.set(typoIndex.idOf(word), slot);
    this.matches.clear();
    return slot;
  }

  /** The slots whose word `token` is: the same stem, or (both 5+ letters) a typo of it. */
  slotsMeeting(token: TextToken): readonly number[] {
    if (this.typoGeneration !== typoIndex.generation) this.renumber();
    const known = this.matches.get(token);
    if (known) return known;
    const slots = this.findSlots(token);
    if (this.matches.size >= MATCH_MEMO_LIMIT) this.matches.clear();
    this.matches.set(token, slots);
    return slots;
  }

  /** The slots of the words with this stem. */
  exactSlots(stem: string): readonly number[] {
    return this.slotsByStem.get(stem) ?? NO_SLOTS;
  }

  /** The stems of the index's words. */
  stems(): Iterable<string> {
    return this.slotsByStem.keys();
  }

  /** The slot of the rubric word with this id in the typo index, if it is one of these. */
  typoSlot(id: number): number | undefined {
    if (this.typoGeneration !== typoIndex.generation) this.renumber();
    return this.slotByTypoId.get(id);
  }

  private findSlots(token: TextToken): readonly number[] {
    const exact = this.exactSlots(token.stem);
    let typos: number[] | undefined;
    for (const id of typoIndex.typosOf(token)) {
      const slot = this.typoSlot(id);
      if (slot === undefined) continue;
      typos ??= [];
      typos.push(slot);
    }
    return typos ? [...exact, ...typos] : exact;
  }

  /** The typo index let its ids go: take new ones. */
  private renumber(): void {
    this.slotByTypoId = new Map();
    this.words.forEach((word, slot) => {
      if (word.fuzzy) this.slotByTypoId.set(typoIndex.idOf(word), slot);
    });
    this.typoGeneration = typoIndex.generation;
    this.matches.clear();
  }
}

/**
 * Where each slot's word occurs in one answer: positions (in content words) ascending and
 * distinct. Kept for the next answer: only the slots an answer touched are emptied, so
 * reading an answer allocates nothing for the rubric words it never uses.
 */
export class SlotPositions {
  /** Made on a slot's first occurrence: most rubric words never occur in most answers. */
  private readonly lists: Array<number[] | undefined>;
  private readonly touched: number[] = [];

  constructor(size: number) {
    this.lists = new Array<number[] | undefined>(size).fill(undefined);
  }

  /** The positions of the word in `slot` (empty when it does not occur). */
  of(slot: number): readonly number[] {
    return this.lists[slot] ?? NO_SLOTS;
  }

  /** Records that the words in `slots` occur at `at`; positions must arrive in order. */
  mark(slots: readonly number[], at: number): void {
    for (const slot of slots) this.markSlot(slot, at);
  }

  /** Records that the word in `slot` occurs at `at`; positions must arrive in order. */
  markSlot(slot: number, at: number): void {
    const list = this.lists[slot];
    if (!list) {
      this.lists[slot] = [at];
      this.touched.push(slot);
    } else if (list.length === 0) {
      list.push(at);
      this.touched.push(slot);
      // A joined alias and its first part share a position: kept once, the list stays distinct.
    } else if (list[list.length - 1] !== at) {
      list.push(at);
    }
  }

  clear(): void {
    for (const slot of this.touched) {
      const list = this.lists[slot];
      if (list) list.length = 0;
    }
    this.touched.length = 0;
  }
}

/** Locates an answer's words in `index` (into `positions`, cleared first). */
export function locate(
  tokens: readonly TextToken[],
  index: WordIndex,
  positions = new SlotPositions(index.size),
): SlotPositions {
  positions.clear();
  let position = 0;
  for (const token of tokens) {
    positions.mark(index.slotsMeeting(token), position);
    if (takesRoom(token)) position += 1;
  }
  return positions;
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

/**
 * Whether all of the phrase's words occur within its window: the smallest span holding the
 * required count of each word, found by sliding over the merged occurrences.
 */
function matchesAt(positions: SlotPositions, entry: RubricPhrase): boolean {
  const { phrase, slots } = entry;
  const words = phrase.words;
  const kinds = words.length;
  if (kinds === 0) return false;
  // Each occurrence is one number, position * kinds + word index: sorting the numbers orders
  // by position, then by word, with no object per occurrence.
  const events: number[] = [];
  for (let index = 0; index < kinds; index += 1) {
    const found = positions.of(slots[index] ?? -1);
    if (found.length < (words[index]?.count ?? 1)) return false;
    if (kinds === 1) return true;
    for (const at of found) events.push(at * kinds + index);
  }
  events.sort((a, b) => a - b);
  const need = words.map((word) => word.count);
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
      if ((event - word) / kinds - (first - firstWord) / kinds + 1 <= phrase.window) return true;
      have[firstWord] = (have[firstWord] ?? 0) - 1;
      if ((have[firstWord] ?? 0) < (need[firstWord] ?? 0)) missing += 1;
      left += 1;
    }
  }
  return false;
}

/** Whether `phrase` occurs in `text` (see the module comment); for one-off checks. */
export function phraseMatches(
  text: AnalysedText | string,
  phrase: CompiledPhrase | string,
): boolean {
  const analysed = typeof text === 'string' ? analyseText(text) : text;
  const compiled = typeof phrase === 'string' ? compilePhrase(phrase) : phrase;
  const index = new WordIndex();
  const entry = inIndex(compiled, index);
  return matchesAt(locate(analysed.tokens, index), entry);
}

function inIndex(phrase: CompiledPhrase, index: WordIndex): RubricPhrase {
  return { phrase, slots: phrase.words.map(({ word }) => index.slotOf(word)) };
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
  const words = new WordIndex();
  const prepare = (phrase: string) => inIndex(compiledPhrase(phrase), words);
  const compiled: CompiledRubric = {
    points: question.framework.points.map((point) => ({
      id: point.id,
      phrases: point.rubric.map(prepare),
    })),
    markers: (question.mistake?.markers ?? []).map(prepare),
    words,
  };
  compiledRubrics.set(question, compiled);
  return compiled;
}

/** The coverage of an answer whose words were located in `rubric.words`. */
export function coverageAt(rubric: CompiledRubric, positions: SlotPositions): Coverage {
  const covered: string[] = [];
  const missed: string[] = [];
  const evidence: Record<string, string> = {};
  for (const point of rubric.points) {
    const hit = point.phrases.find((phrase) => matchesAt(positions, phrase));
    if (hit) {
      covered.push(point.id);
      evidence[point.id] = hit.phrase.text;
    } else {
      missed.push(point.id);
    }
  }
  const mistakeMarkers = rubric.markers
    .filter((marker) => matchesAt(positions, marker))
    .map((marker) => marker.phrase.text);
  const total = rubric.points.length;
  return {
    covered,
    missed,
    ratio: total === 0 ? 0 : covered.length / total,
    mistakeMarkers,
    evidence,
  };
}

export function coverage(answer: string | AnalysedText, question: RubricSource): Coverage {
  const text = typeof answer === 'string' ? analyseText(answer) : answer;
  const rubric = compileRubric(question);
  return coverageAt(rubric, locate(text.tokens, rubric.words));
}
