/** The bare-term-list detector: its signals, its edges, and answers it must leave alone. */
import { describe, expect, it } from 'vitest';
import {
  isBareTermList,
  TERM_LIST_MAX_FUNCTION_SHARE,
  TERM_LIST_MIN_BORROWED_SHARE,
  TERM_LIST_MIN_CONTENT_WORDS,
  TERM_LIST_MIN_LIST_SHAPE,
  type TermListSignals,
  termListSignals,
} from '../../src/core/scoring-term-list.ts';
import { contentStemSet, rubricStemSet } from '../../src/core/scoring-words.ts';
import { questionById } from './scoring-support.ts';

const question = questionById('appsec-password-storage');
const borrowed = new Set([...rubricStemSet(question), ...contentStemSet(question.question)]);
const flagged = (text: string) => isBareTermList(termListSignals(text, borrowed));

describe('termListSignals', () => {
  it('measures a comma list: no grammar, all list, all rubric words', () => {
    expect(termListSignals('Argon2id, unique salt, work factor, pepper', borrowed)).toEqual({
      contentWords: 6,
      functionShare: 0,
      listShape: 1,
      borrowedShare: 1,
    });
  });

  it('measures prose: grammar words spread over every clause', () => {
    const signals = termListSignals(
      'Use bcrypt with a unique salt, and rehash the old SHA-1 values at the next login.',
      borrowed,
    );
    // with, and, at of 17 words; no chunk is free of grammar; "use", "old" and "values" are
    // the member's own words.
    expect(signals).toEqual({
      contentWords: 11,
      functionShare: 3 / 17,
      listShape: 0,
      borrowedShare: 8 / 11,
    });
  });

  it('counts articles as words but not as grammar', () => {
    expect(termListSignals('the Argon2id, the salt', borrowed)).toMatchObject({
      functionShare: 0,
      listShape: 1,
    });
  });

  it('is all zeros for text without words', () => {
    expect(termListSignals(' -- ... ', borrowed)).toEqual({
      contentWords: 0,
      functionShare: 0,
      listShape: 0,
      borrowedShare: 0,
    });
  });
});

describe('isBareTermList at its thresholds', () => {
  const atEdges: TermListSignals = {
    contentWords: TERM_LIST_MIN_CONTENT_WORDS,
    functionShare: TERM_LIST_MAX_FUNCTION_SHARE,
    listShape: TERM_LIST_MIN_LIST_SHAPE,
    borrowedShare: TERM_LIST_MIN_BORROWED_SHARE,
  };

  it('flags signals exactly at every threshold', () => {
    expect(atEdges).toEqual({
      contentWords: 2,
      functionShare: 0.1,
      listShape: 0.8,
      borrowedShare: 0.75,
    });
    expect(isBareTermList(atEdges)).toBe(true);
  });

  it('needs every signal: missing any one by a hair clears the answer', () => {
    expect(isBareTermList({ ...atEdges, contentWords: 1 })).toBe(false);
    expect(isBareTermList({ ...atEdges, functionShare: 0.1001 })).toBe(false);
    expect(isBareTermList({ ...atEdges, listShape: 0.7999 })).toBe(false);
    expect(isBareTermList({ ...atEdges, borrowedShare: 0.7499 })).toBe(false);
  });
});

describe('bare term lists in any layout', () => {
  it.each([
    ['commas', 'Argon2id, bcrypt, unique salt, rainbow tables, work factor, rehash, pepper, HIBP'],
    ['one a line', 'Argon2id\nunique salt\nwork factor\nrehash\npepper'],
    ['bullets', '- Argon2id\n- unique salt\n- work factor\n- rehash'],
    ['no punctuation at all', 'argon2id unique salt work factor rehash pepper hibp'],
    ['with articles', 'the Argon2id, the unique salt, the work factor, the pepper'],
    ['two terms', 'bcrypt, scrypt'],
    [
      'a few words of its own',
      'Argon2id, bcrypt, unique salt, rainbow tables, work factor 12, MFA',
    ],
  ])('flags a list: %s', (_, text) => {
    expect(flagged(text)).toBe(true);
  });
});

describe('answers that are not bare term lists', () => {
  it('leaves a strong answer in bullet points with short explanations alone', () => {
    const bullets = `- Argon2id: slow on purpose, so cracking a dump costs real money
- A random salt for each user, so identical passwords never share a hash
- SHA-1 table: wrap each hash in Argon2id today, rehash on the next login
- Pepper kept in the HSM, not in the database`;
    expect(flagged(bullets)).toBe(false);
  });

  it('leaves terse prose alone: its few grammar words sit in every clause', () => {
    expect(flagged('Argon2id with a unique salt. Rehash SHA-1 at next login.')).toBe(false);
    expect(flagged('bcrypt with salt; work factor via benchmark; rehash on login.')).toBe(false);
  });

  it('leaves telegraphic notes alone when they add words of their own', () => {
    const notes = `Argon2id: memory-hard, GPU-resistant. Salt: unique, random, stored alongside hash.
Legacy SHA-1: wrap now, rehash at login, reset dormant accounts. Pepper: HSM-held.
Policy: 15+ chars, breached-password screening, no rotation.`;
    const signals = termListSignals(notes, borrowed);
    // No grammar to speak of and the shape of a list, but a third of the words are its own.
    expect(signals.functionShare).toBeLessThan(TERM_LIST_MAX_FUNCTION_SHARE);
    expect(signals.listShape).toBeGreaterThan(TERM_LIST_MIN_LIST_SHAPE);
    expect(signals.borrowedShare).toBeCloseTo(21 / 31, 10);
    expect(isBareTermList(signals)).toBe(false);
  });

  it('leaves a single term to coverage: one word is not a list', () => {
    expect(flagged('bcrypt')).toBe(false);
  });

  it('ignores a list of words foreign to the question: it earns nothing anyway', () => {
    expect(flagged('pizza, beer, coffee, sunshine, beaches')).toBe(false);
  });

  it('counts "and"/"or" as grammar, so a list glued with them escapes (by design)', () => {
    // They join clauses in prose as often as terms in lists; treating them as glue would
    // put terse imperative prose ("use bcrypt with a salt and migrate the old hashes") at risk.
    expect(flagged('Argon2id or bcrypt, salt and pepper, rehash')).toBe(false);
  });
});
