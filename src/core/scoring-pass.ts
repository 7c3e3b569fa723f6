/**
 * Reads each answer of a drill once for every scoring check. Pure apart from bounded memory.
 *
 * Coverage, the term-list pre-check, the question-repeat check and the copy check all look at
 * the same words; reading the answer once keeps scoring cheap next to storing the answer.
 * What a word is apart from any question (grammar or content, its stem's id, which rubric
 * words it is a typo of) is worked out once per process; what a stem is to one question
 * (which rubric words it is, whether it is borrowed, whether it is the question's) is worked
 * out once per question, from the question alone, so a question's first drill costs little
 * more than the next. Every verdict is the one the separate checks give on the text (see
 * coverage.ts, scoring-term-list.ts, scoring-repeat.ts, scoring-copy.ts).
 */
import type { Question } from '../content/schema.ts';
import {
  type CompiledRubric,
  type Coverage,
  compileRubric,
  coverageAt,
  SlotPositions,
  takesRoom,
  type WordIndex,
} from './coverage.ts';
import { shingleKeys } from './scoring-copy.ts';
import type { RepeatSignals } from './scoring-repeat.ts';
import type { WordCounts } from './scoring-term-list.ts';
import {
  contentStemSet,
  isContentWord,
  isFunctionWord,
  profileWords,
  rubricStemSet,
} from './scoring-words.ts';
import { type TextToken, tokenizeOnce } from './text-tokens.ts';
import { typoIndex } from './typo-index.ts';

/** What a word of an answer is, whatever the question. */
interface WordFacts {
  readonly stem: string;
  readonly takesRoom: boolean;
  /** Counted as a word: a compound's joined alias is not (see `WordProfile`). */
  readonly counted: boolean;
  readonly functionWord: boolean;
  readonly content: boolean;
  /** For content words, the stem's id (see `shingleKeys`); -1 otherwise. */
  readonly stemId: number;
  /** Ids of the rubric words it is a typo of (typo-index.ts), as of `typoVersion`. */
  typos: readonly number[];
  typoVersion: number;
}

/** Words remembered before their facts are let go (a flood of junk words stays bounded). */
const WORDS_LIMIT = 50_000;
/** Stem ids handed out before they are let go between drills (far below MAX_STEM_ID). */
const STEM_IDS_LIMIT = 100_000;

/** The facts of every word scored so far in this process. */
class ProcessWords {
  private facts = new Map<TextToken, WordFacts>();
  /** Kept when the facts are let go, so a stem's id never changes within a drill. */
  private stemIds = new Map<string, number>();

  /** Before a drill: ids only need to agree within one, so here they may be let go. */
  startDrill(): void {
    if (this.stemIds.size < STEM_IDS_LIMIT) return;
    this.stemIds = new Map();
    this.facts = new Map();
  }

  stemId(stem: string): number {
    let id = this.stemIds.get(stem);
    if (id === undefined) {
      id = this.stemIds.size;
      this.stemIds.set(stem, id);
    }
    return id;
  }

  factsOf(token: TextToken): WordFacts {
    let facts = this.facts.get(token);
    if (!facts) {
      if (this.facts.size >= WORDS_LIMIT) this.facts.clear();
      const content = isContentWord(token);
      facts = {
        stem: token.stem,
        takesRoom: takesRoom(token),
        counted: !token.joined,
        functionWord: isFunctionWord(token),
        content,
        stemId: content ? this.stemId(token.stem) : -1,
        typos: typoIndex.typosOf(token),
        typoVersion: typoIndex.version,
      };
      this.facts.set(token, facts);
    } else if (facts.typoVersion !== typoIndex.version) {
      // Rubric words were added since (a question compiled): compare with those too.
      facts.typos = typoIndex.typosOf(token);
      facts.typoVersion = typoIndex.version;
    }
    return facts;
  }
}

const processWords = new ProcessWords();

/** What a stem is to one question. */
interface StemFacts {
  /** Rubric word slots with this stem (see `WordIndex`). */
  readonly slots: readonly number[];
  /** The rubric's or the question's (term-list check). */
  readonly borrowed: boolean;
  /** Which of the question's distinct content stems it is; -1 if none. */
  readonly questionStem: number;
}

export interface AnswerReading {
  readonly coverage: Coverage;
  readonly counts: WordCounts;
  readonly repeat: RepeatSignals;
  /** Copy-check shingles, the question's own runs left out. */
  readonly shingles: ReadonlySet<number>;
}

/** What one answer's words add up to, as they are read; reset for the next answer. */
class Reading {
  position = 0;
  words = 0;
  functionWords = 0;
  borrowedWords = 0;
  recalledStems = 0;
  ownWords = 0;
  readonly contentIds: number[] = [];
  private readonly recalled: Uint8Array;
  private readonly positions: SlotPositions;
  private readonly index: WordIndex;

  constructor(positions: SlotPositions, index: WordIndex, questionStems: number) {
    this.positions = positions;
    this.index = index;
    this.recalled = new Uint8Array(questionStems);
  }

  reset(): void {
    this.positions.clear();
    this.recalled.fill(0);
    this.contentIds.length = 0;
    this.position = 0;
    this.words = 0;
    this.functionWords = 0;
    this.borrowedWords = 0;
    this.recalledStems = 0;
    this.ownWords = 0;
  }

  take(word: WordFacts, stem: StemFacts | undefined): void {
    if (stem) this.positions.mark(stem.slots, this.position);
    for (const id of word.typos) {
      const slot = this.index.typoSlot(id);
      if (slot !== undefined) this.positions.markSlot(slot, this.position);
    }
    if (word.takesRoom) this.position += 1;
    if (!word.counted) return;
    this.words += 1;
    if (word.functionWord) this.functionWords += 1;
    if (!word.content) return;
    this.contentIds.push(word.stemId);
    if (stem?.borrowed) this.borrowedWords += 1;
    const questionStem = stem?.questionStem ?? -1;
    if (questionStem < 0) this.ownWords += 1;
    else if (this.recalled[questionStem] === 0) {
      this.recalled[questionStem] = 1;
      this.recalledStems += 1;
    }
  }
}

/** One question's scoring vocabulary; `read` each answer of the drill with it. */
export class DrillWords {
  readonly rubric: CompiledRubric;
  /** Stems of the rubric's and the question's content words. */
  readonly borrowed: ReadonlySet<string>;
  /** Every stem the question cares about: its rubric's words, its own content words. */
  private readonly stems = new Map<string, StemFacts>();
  private readonly questionStemCount: number;
  private readonly questionWords: number;
  private readonly questionContent: readonly string[];
  private questionShingles: ReadonlySet<number> = new Set();
  /** Reused from answer to answer (see `SlotPositions`). */
  private readonly positions: SlotPositions;
  private readonly reading: Reading;

  constructor(question: Question) {
    this.rubric = compileRubric(question);
    const index = this.rubric.words;
    this.positions = new SlotPositions(index.size);
    const questionStems = [...contentStemSet(question.question)];
    const borrowed = rubricStemSet(question);
    for (const stem of questionStems) borrowed.add(stem);
    this.borrowed = borrowed;
    for (const stem of [...index.stems(), ...borrowed]) {
      this.stems.set(stem, {
        slots: index.exactSlots(stem),
        borrowed: borrowed.has(stem),
        questionStem: questionStems.indexOf(stem),
      });
    }
    this.questionStemCount = questionStems.length;
    this.questionContent = profileWords(question.question).contentStems;
    this.questionWords = this.questionContent.length;
    this.reading = new Reading(this.positions, index, this.questionStemCount);
  }

  /** Call before reading a drill's answers (see `ProcessWords.startDrill`). */
  startDrill(): void {
    processWords.startDrill();
    this.questionShingles = shingleKeys(
      this.questionContent.map((stem) => processWords.stemId(stem)),
    );
  }

  read(text: string): AnswerReading {
    const reading = this.reading;
    reading.reset();
    for (const token of tokenizeOnce(text)) {
      const word = processWords.factsOf(token);
      reading.take(word, this.stems.get(word.stem));
    }
    const questionStems = this.questionStemCount;
    return {
      coverage: coverageAt(this.rubric, this.positions),
      counts: {
        words: reading.words,
        functionWords: reading.functionWords,
        contentWords: reading.contentIds.length,
        borrowedWords: reading.borrowedWords,
      },
      repeat: {
        recall: questionStems === 0 ? 0 : reading.recalledStems / questionStems,
        ownWords: reading.ownWords,
        questionWords: this.questionWords,
      },
      shingles: shingleKeys(reading.contentIds, this.questionShingles),
    };
  }
}

/**
 * Questions' vocabularies by content, most recently used last. Each reveal parses its
 * question afresh from the drill's snapshot, but the same question is drilled in many
 * channels and on many days, and the loaded packs' questions are prepared when the packs
 * load (`prepareScoring`): a reveal then finds its question's vocabulary ready. Keyed by
 * every text the vocabulary reads, so an edited question gets one of its own.
 */
const RECENT_QUESTIONS = 256;
const byContent = new Map<string, DrillWords>();

function contentKey(question: Question): string {
  return JSON.stringify([
    question.question,
    question.framework.points.map((point) => [point.id, point.rubric]),
    question.mistake.markers ?? [],
  ]);
}

/** The question's vocabulary: made once per content, kept while recently used. */
function vocabularyOf(question: Question): DrillWords {
  const key = contentKey(question);
  let words = byContent.get(key);
  if (words) {
    byContent.delete(key);
  } else {
    if (byContent.size >= RECENT_QUESTIONS) {
      const oldest = byContent.keys().next();
      if (!oldest.done) byContent.delete(oldest.value);
    }
    words = new DrillWords(question);
  }
  byContent.set(key, words);
  return words;
}

/** The question's `DrillWords`, ready to read one drill's answers. */
export function drillWordsOf(question: Question): DrillWords {
  const words = vocabularyOf(question);
  words.startDrill();
  return words;
}

/**
 * Prepares the vocabularies of `questions` (the loaded packs', at start-up and on reload),
 * so that even a question's first reveal only reads its answers. At most as many as are
 * kept; the first ones win, as later ones would push them out.
 */
export function prepareScoring(questions: readonly Question[]): void {
  for (const question of questions.slice(0, RECENT_QUESTIONS).reverse()) vocabularyOf(question);
}
