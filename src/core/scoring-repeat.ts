/**
 * Detects an answer that mostly repeats the question. Pure.
 *
 * Many questions name some of their own key points ("when would you push for BYOK or HYOK"),
 * so pasting the question back would otherwise harvest coverage. An answer repeats the
 * question when both hold:
 * - it restates most of the question: it contains at least `REPEAT_MIN_RECALL` of the
 *   question's distinct content words (a short answer that merely reuses a few of the
 *   question's terms, as any answer does, stays well below);
 * - it adds little of its own: fewer content words outside the question's vocabulary than
 *   half the question's content words, and never fewer than `REPEAT_MIN_OWN_WORDS`. A member
 *   who quotes the question and then answers it in a sentence or two clears this easily.
 */
import { contentStemSet, profileWords } from './scoring-words.ts';

/** Share of the question's distinct content words the answer must contain. */
export const REPEAT_MIN_RECALL = 0.6;
/** Own words needed to count as an answer, relative to the question's content words. */
export const REPEAT_MIN_OWN_SHARE_OF_QUESTION = 0.5;
/** Own words needed however short the question: below this nothing is explained. */
export const REPEAT_MIN_OWN_WORDS = 6;

export interface RepeatSignals {
  /** Distinct question content words found in the answer / distinct question content words. */
  readonly recall: number;
  /** Content words of the answer (repeats counted) that are not the question's. */
  readonly ownWords: number;
  /** Content words of the question (repeats counted). */
  readonly questionWords: number;
}

export function repeatSignals(answer: string, questionText: string): RepeatSignals {
  const question = profileWords(questionText).contentStems;
  const questionStems = contentStemSet(questionText);
  // One pass over the answer's stems, no set of them: every answer is checked, and the
  // question's few stems are all a recalled one can be.
  const recalled = new Set<string>();
  let ownWords = 0;
  for (const stem of profileWords(answer).contentStems) {
    if (questionStems.has(stem)) recalled.add(stem);
    else ownWords += 1;
  }
  return {
    recall: questionStems.size === 0 ? 0 : recalled.size / questionStems.size,
    ownWords,
    questionWords: question.length,
  };
}

export function repeatsQuestion(signals: RepeatSignals): boolean {
  const ownNeeded = Math.max(
    REPEAT_MIN_OWN_WORDS,
    signals.questionWords * REPEAT_MIN_OWN_SHARE_OF_QUESTION,
  );
  return signals.recall >= REPEAT_MIN_RECALL && signals.ownWords < ownNeeded;
}
