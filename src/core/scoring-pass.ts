/**
 * Reads each answer of a drill once for every scoring check. Pure.
 *
 * Coverage, the term-list pre-check, the question-repeat check and the copy check all look at
 * the same words; reading the answer once and asking each word once per drill what it is
 * (which rubric words it meets, whether it is grammar, borrowed, one of the question's) keeps
 * scoring cheap next to storing the answer. Every verdict is the one the separate checks give
 * on the text (see coverage.ts, scoring-term-list.ts, scoring-repeat.ts, scoring-copy.ts).
 */
import type { Question } from '../content/schema.ts';
import {
  type CompiledRubric,
  type Coverage,
  compileRubric,
  coverageAt,
  SlotPositions,
  takesRoom,
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

/** What one word of an answer is, for every check; the same for every answer of a drill. */
interface WordFacts {
  /** Rubric word slots it meets (see `WordIndex`). */
  readonly slots: readonly number[];
  readonly takesRoom: boolean;
  /** Counted as a word: a compound's joined alias is not (see `WordProfile`). */
  readonly counted: boolean;
  readonly functionWord: boolean;
  /** For content words, the stem's id in this drill (see `shingleKeys`); -1 otherwise. */
  readonly stemId: number;
  /** A content word whose stem is the rubric's or the question's (term-list check). */
  readonly borrowed: boolean;
  /** For the question's content words, which of its distinct stems; -1 otherwise. */
  readonly questionStem: number;
}

export interface AnswerReading {
  readonly coverage: Coverage;
  readonly counts: WordCounts;
  readonly repeat: RepeatSignals;
  /** Copy-check shingles, the question's own runs left out. */
  readonly shingles: ReadonlySet<number>;
}

/** Facts kept before the memory is emptied: a flood of junk words stays bounded. */
const FACTS_LIMIT = 50_000;
/** Stem ids handed out before they are let go between drills (far below MAX_STEM_ID). */
const STEM_IDS_LIMIT = 1_000_000;

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

  constructor(positions: SlotPositions, questionStems: number) {
    this.positions = positions;
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

  take(facts: WordFacts): void {
    this.positions.mark(facts.slots, this.position);
    if (facts.takesRoom) this.position += 1;
    if (!facts.counted) return;
    this.words += 1;
    if (facts.functionWord) this.functionWords += 1;
    if (facts.stemId < 0) return;
    this.contentIds.push(facts.stemId);
    if (facts.borrowed) this.borrowedWords += 1;
    if (facts.questionStem < 0) this.ownWords += 1;
    else if (this.recalled[facts.questionStem] === 0) {
      this.recalled[facts.questionStem] = 1;
      this.recalledStems += 1;
    }
  }
}

/** One question's scoring vocabulary; `read` each answer of the drill with it. */
export class DrillWords {
  readonly rubric: CompiledRubric;
  /** Stems of the rubric's and the question's content words. */
  readonly borrowed: ReadonlySet<string>;
  private readonly questionStems = new Map<string, number>();
  private readonly questionWords: number;
  private readonly questionContent: readonly string[];
  private questionShingles: ReadonlySet<number>;
  /**
   * Kept when the facts are emptied, so a stem's id never changes within a drill; emptied
   * between drills once large (see `startDrill`).
   */
  private readonly stemIds = new Map<string, number>();
  private readonly facts = new Map<TextToken, WordFacts>();
  /** Reused from answer to answer (see `SlotPositions`). */
  private readonly positions: SlotPositions;
  private readonly reading: Reading;

  constructor(question: Question) {
    this.rubric = compileRubric(question);
    this.positions = new SlotPositions(this.rubric.words.size);
    const borrowed = rubricStemSet(question);
    for (const stem of contentStemSet(question.question)) borrowed.add(stem);
    this.borrowed = borrowed;
    for (const stem of contentStemSet(question.question)) {
      this.questionStems.set(stem, this.questionStems.size);
    }
    this.questionContent = profileWords(question.question).contentStems;
    this.questionWords = this.questionContent.length;
    this.questionShingles = this.shinglesOfQuestion();
    this.reading = new Reading(this.positions, this.questionStems.size);
  }

  /**
   * Call before reading a drill's answers. Ids only need to agree within a drill, so this is
   * where the ids (and the facts that carry them) are let go once many junk words piled up.
   */
  startDrill(): void {
    if (this.stemIds.size < STEM_IDS_LIMIT) return;
    this.stemIds.clear();
    this.facts.clear();
    this.questionShingles = this.shinglesOfQuestion();
  }

  private shinglesOfQuestion(): ReadonlySet<number> {
    return shingleKeys(this.questionContent.map((stem) => this.stemId(stem)));
  }

  read(text: string): AnswerReading {
    const reading = this.reading;
    reading.reset();
    for (const token of tokenizeOnce(text)) reading.take(this.factsOf(token));
    const questionStems = this.questionStems.size;
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

  private stemId(stem: string): number {
    let id = this.stemIds.get(stem);
    if (id === undefined) {
      id = this.stemIds.size;
      this.stemIds.set(stem, id);
    }
    return id;
  }

  private factsOf(token: TextToken): WordFacts {
    const known = this.facts.get(token);
    if (known) return known;
    const content = isContentWord(token);
    const facts: WordFacts = {
      slots: this.rubric.words.findSlots(token),
      takesRoom: takesRoom(token),
      counted: !token.joined,
      functionWord: isFunctionWord(token),
      stemId: content ? this.stemId(token.stem) : -1,
      borrowed: content && this.borrowed.has(token.stem),
      questionStem: content ? (this.questionStems.get(token.stem) ?? -1) : -1,
    };
    if (this.facts.size >= FACTS_LIMIT) this.facts.clear();
    this.facts.set(token, facts);
    return facts;
  }
}

/**
 * Questions' vocabularies by content, most recently used last. Each reveal parses its
 * question afresh from the drill's snapshot, but the same question is drilled in many
 * channels and on many days: what its words are (above all, which answer words are typos
 * of which rubric words) is worked out once per process, not once per drill. Keyed by every
 * text the vocabulary reads, so an edited pack gets a vocabulary of its own.
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

/** The question's `DrillWords`: made once per question content (see above). */
export function drillWordsOf(question: Question): DrillWords {
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
  words.startDrill();
  return words;
}
