/**
 * Word-level views of an answer that the gaming detectors share. Pure.
 *
 * Built on the coverage tokenizer (`./text-tokens.ts`) so that the detectors see words the
 * same way the rubric does: same normalisation, same Porter stems, same compound handling.
 */
import type { RubricSource } from './coverage.ts';
import { type TextToken, tokenizeOnce, tokenizePhrase, tokenizeText } from './text-tokens.ts';

/**
 * Grammar words the tokenizer deliberately keeps as content (negations, limiters and
 * connectives matter to mistake markers there), but which, for telling an explanation from a
 * list, are exactly the words that show a sentence: "because", "without", "before"...
 */
const CONNECTIVES = new Set(
  (
    'because since not no without before after until unless while instead otherwise once ' +
    'each every any all both either neither never only just too very whether though although'
  ).split(' '),
);

/**
 * Articles carry no explanation: "the argon2id, the salt" is still a bare list. They count as
 * words but neither as content nor as grammar. ("and"/"or" stay grammar words: they join terms
 * in a list but clauses in prose, and terse imperative prose needs every grammar word it has.)
 */
const ARTICLES = new Set(['a', 'an', 'the']);

export interface WordProfile {
  /** Every word, compounds as their parts (the joined alias is not a word of its own). */
  readonly wordCount: number;
  /** Grammar words (see `isFunctionWord`): the sign that the text is made of sentences. */
  readonly functionWordCount: number;
  /** Stems of the topic-bearing words, in order, repeats kept. */
  readonly contentStems: readonly string[];
}

export function isFunctionWord(token: TextToken): boolean {
  return (token.stopWord && !ARTICLES.has(token.raw)) || CONNECTIVES.has(token.raw);
}

export function isContentWord(token: TextToken): boolean {
  return !token.stopWord && !CONNECTIVES.has(token.raw);
}

function profileOf(tokens: readonly TextToken[]): WordProfile {
  // One pass, no intermediate arrays: every answer is profiled.
  let wordCount = 0;
  let functionWordCount = 0;
  const contentStems: string[] = [];
  for (const token of tokens) {
    if (token.joined) continue;
    wordCount += 1;
    if (isFunctionWord(token)) functionWordCount += 1;
    if (isContentWord(token)) contentStems.push(token.stem);
  }
  return Object.freeze({
    wordCount,
    functionWordCount,
    contentStems: Object.freeze(contentStems),
  });
}

/** The profile of a one-off text (a piece of an answer), not remembered; see `tokenizeOnce`. */
export function profileWordsOnce(text: string): WordProfile {
  return profileOf(tokenizeOnce(text));
}

/**
 * Profiles of the texts profiled last, oldest first: the copy, term-list and repeat checks
 * each profile the same answer, and the repeat check the question for every answer. Only
 * answer-sized texts are kept, so a few huge ones cannot pin much memory.
 */
const RECENT_LIMIT = 32;
const RECENT_MAX_LENGTH = 20_000;
const recent = new Map<string, WordProfile>();

export function profileWords(text: string): WordProfile {
  const known = recent.get(text);
  if (known) return known;
  const profile = profileOf(tokenizeText(text));
  if (text.length > RECENT_MAX_LENGTH) return profile;
  if (recent.size >= RECENT_LIMIT) {
    const oldest = recent.keys().next();
    if (!oldest.done) recent.delete(oldest.value);
  }
  recent.set(text, profile);
  return profile;
}

/** Sets already built, per (remembered) profile: the question's is asked for every answer. */
const stemSets = new WeakMap<WordProfile, ReadonlySet<string>>();

/** Distinct content stems of a text. */
export function contentStemSet(text: string): ReadonlySet<string> {
  const profile = profileWords(text);
  const known = stemSets.get(profile);
  if (known) return known;
  const stems: ReadonlySet<string> = new Set(profile.contentStems);
  stemSets.set(profile, stems);
  return stems;
}

/**
 * Stems of every word in the question's key point rubrics: the words a member would list to
 * harvest coverage without explaining anything. Mistake markers are left out: listing the
 * mistake earns no coverage, so it needs no guarding.
 */
export function rubricStemSet(question: RubricSource): Set<string> {
  const stems = new Set<string>();
  for (const point of question.framework.points) {
    for (const phrase of point.rubric) {
      for (const stem of phraseContentStems(phrase)) stems.add(stem);
    }
  }
  return stems;
}

/**
 * A rubric phrase's content stems, once per phrase's (cached, shared) tokens: every reveal
 * builds its question's stem set afresh, from the same few thousand phrases.
 */
const phraseStems = new WeakMap<readonly TextToken[], readonly string[]>();

function phraseContentStems(phrase: string): readonly string[] {
  const tokens = tokenizePhrase(phrase);
  const known = phraseStems.get(tokens);
  if (known) return known;
  const stems = profileOf(tokens).contentStems;
  phraseStems.set(tokens, stems);
  return stems;
}
