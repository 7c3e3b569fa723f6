/** The repeats-the-question detector: its signals and its edges. */
import { describe, expect, it } from 'vitest';
import {
  REPEAT_MIN_OWN_SHARE_OF_QUESTION,
  REPEAT_MIN_OWN_WORDS,
  REPEAT_MIN_RECALL,
  type RepeatSignals,
  repeatSignals,
  repeatsQuestion,
} from '../../src/core/scoring-repeat.ts';
import { questionById } from './scoring-support.ts';

/** "How should we store user passwords? And a legacy table still holds unsalted SHA-1 ..." */
const question = questionById('appsec-password-storage').question;
const repeats = (text: string) => repeatsQuestion(repeatSignals(text, question));

describe('repeatSignals', () => {
  it('measures the question pasted back: everything recalled, nothing of its own', () => {
    expect(repeatSignals(question, question)).toEqual({
      recall: 1,
      ownWords: 0,
      questionWords: 11,
    });
  });

  it('measures an ordinary answer: a few question words, mostly its own', () => {
    expect(repeatSignals('Use bcrypt and rehash the legacy SHA-1 hashes.', question)).toEqual({
      // legacy, sha, 1, hash of the question's 11 distinct content words
      recall: 4 / 11,
      ownWords: 3,
      questionWords: 11,
    });
  });
});

describe('repeatsQuestion at its thresholds', () => {
  // The question has 11 content words, so 6 own words are needed (max(6, 11 / 2)).
  const edge: RepeatSignals = { recall: REPEAT_MIN_RECALL, ownWords: 5, questionWords: 11 };

  it('uses the documented thresholds', () => {
    expect([REPEAT_MIN_RECALL, REPEAT_MIN_OWN_SHARE_OF_QUESTION, REPEAT_MIN_OWN_WORDS]).toEqual([
      0.6, 0.5, 6,
    ]);
  });

  it('flags at the recall threshold with too few own words', () => {
    expect(repeatsQuestion(edge)).toBe(true);
    expect(repeatsQuestion({ ...edge, recall: 0.5999 })).toBe(false);
    expect(repeatsQuestion({ ...edge, ownWords: 6 })).toBe(false);
  });

  it('asks a long question for own words worth half of it', () => {
    const long: RepeatSignals = { recall: 0.9, ownWords: 14, questionWords: 30 };
    expect(repeatsQuestion(long)).toBe(true);
    expect(repeatsQuestion({ ...long, ownWords: 15 })).toBe(false);
  });
});

describe('answers', () => {
  it('flags the question pasted back, whatever its case and punctuation', () => {
    expect(repeats(question)).toBe(true);
    expect(repeats(question.toUpperCase().replace(/[?:]/g, ''))).toBe(true);
  });

  it('flags the question with a few words tacked on', () => {
    expect(repeats(`${question} Not sure, probably hash them properly.`)).toBe(true);
  });

  it('leaves the question quoted before a real answer alone', () => {
    const quoted = `> ${question}
Argon2id with a random salt per user; wrap the SHA-1 values now and rehash at next login.`;
    expect(repeatSignals(quoted, question).ownWords).toBe(9);
    expect(repeats(quoted)).toBe(false);
  });

  it('leaves a short answer alone that reuses only some of the question', () => {
    expect(repeats('Passwords: Argon2id. Legacy SHA-1 hashes: rehash them.')).toBe(false);
  });

  it('never flags empty text', () => {
    expect(repeats('')).toBe(false);
  });
});
