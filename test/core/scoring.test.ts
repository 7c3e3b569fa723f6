/**
 * The scoring scheme and how `scoreAnswers` puts coverage, votes and the gaming detectors
 * together. Realistic whole drills are in the `scoring-<question>.test.ts` files.
 */
import { describe, expect, it } from 'vitest';
import {
  coveragePoints,
  DEFAULT_SCHEME,
  type ScoringScheme,
  scoreAnswers,
  votePoints,
} from '../../src/core/scoring.ts';
import { answer, questionById, summarise } from './scoring-support.ts';

const question = questionById('appsec-password-storage');

/** 5 of the question's 6 key points, in prose. */
const GOOD = `Hash with Argon2id, each password with its own random salt so rainbow tables are
useless, and set the memory cost after a benchmark on our servers. For the SHA-1 table, wrap the
existing hashes right away as Argon2id over the SHA-1 value, then rehash on each user's next login.
Policy: allow long passphrases and screen them against breached password lists.`;

const LIST = 'Argon2id, bcrypt, unique salt, rainbow tables, work factor, rehash, pepper, HIBP';

describe('DEFAULT_SCHEME', () => {
  it('is 1 for taking part, up to 3 for coverage, 1 for two upvotes', () => {
    expect(DEFAULT_SCHEME).toEqual({
      participation: 1,
      coverageThresholds: [0.1, 0.5, 0.8],
      votesForPoint: 2,
      votePoints: 1,
    });
  });
});

describe('coveragePoints', () => {
  /** Points for 0, 1, ..., total covered key points. */
  const table = (total: number) =>
    Array.from({ length: total + 1 }, (_, covered) => coveragePoints(covered / total));

  it('gives 3 for all key points but one, in frameworks of 5 to 8 points', () => {
    expect(table(5)).toEqual([0, 1, 1, 2, 3, 3]);
    expect(table(6)).toEqual([0, 1, 1, 2, 2, 3, 3]);
    expect(table(7)).toEqual([0, 1, 1, 1, 2, 2, 3, 3]);
    expect(table(8)).toEqual([0, 1, 1, 1, 2, 2, 2, 3, 3]);
  });

  it('lands exactly on each step: 1/10, 5/10 and 8/10 reach it, a hair less does not', () => {
    expect(table(10)).toEqual([0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(coveragePoints(0.1 - 1e-12)).toBe(0);
    expect(coveragePoints(0.5 - 1e-12)).toBe(1);
    expect(coveragePoints(0.8 - 1e-12)).toBe(2);
  });

  it("follows a scheme's own thresholds", () => {
    expect(coveragePoints(0.6, { ...DEFAULT_SCHEME, coverageThresholds: [0.25, 0.75] })).toBe(1);
  });
});

describe('votePoints', () => {
  it('needs votesForPoint counted upvotes, then gives votePoints', () => {
    expect([0, 1, 2, 3, 10].map((votes) => votePoints(votes))).toEqual([0, 0, 1, 1, 1]);
    const scheme: ScoringScheme = { ...DEFAULT_SCHEME, votesForPoint: 3, votePoints: 2 };
    expect([2, 3].map((votes) => votePoints(votes, scheme))).toEqual([0, 2]);
  });
});

describe('scoreAnswers', () => {
  it('adds participation, coverage and votes for a good answer', () => {
    const [scored] = scoreAnswers({
      question,
      answers: [answer('amy', 1, GOOD)],
      votes: new Map([['amy', 2]]),
    });
    expect(scored && summarise(scored)).toEqual({
      covered: [
        'password-hashing-function',
        'unique-salt',
        'tuned-parameters',
        'legacy-migration',
        'password-policy',
      ],
      points: [1, 3, 1],
      total: 5,
      flags: [],
    });
    expect(scored?.coverage.evidence['unique-salt']).toBe('random salt');
  });

  it('gives no vote points below the threshold or without a votes map', () => {
    const answers = [answer('amy', 1, GOOD)];
    const once = scoreAnswers({ question, answers, votes: new Map([['amy', 1]]) });
    const none = scoreAnswers({ question, answers });
    expect(once[0]?.points.votes).toBe(0);
    expect(none[0]?.points.votes).toBe(0);
    expect(none[0]?.total).toBe(4);
  });

  it('scores an empty or whitespace-only answer 0 with the empty flag, votes or not', () => {
    const scored = scoreAnswers({
      question,
      answers: [answer('amy', 1, ''), answer('ben', 2, ' \n\t ')],
      votes: new Map([['ben', 5]]),
    });
    for (const result of scored) {
      expect(result.points).toEqual({ participation: 0, coverage: 0, votes: 0 });
      expect(result.total).toBe(0);
      expect(result.flags).toEqual(['empty']);
      expect(result.coverage.covered).toEqual([]);
    }
  });

  it('keeps input order, whatever the send times', () => {
    const scored = scoreAnswers({
      question,
      answers: [answer('late', 50, GOOD), answer('early', 10, 'bcrypt'), answer('mid', 20, '')],
    });
    expect(scored.map((result) => result.memberId)).toEqual(['late', 'early', 'mid']);
  });

  it('finds the copy when the copier comes first in the input', () => {
    const scored = scoreAnswers({
      question,
      answers: [answer('copier', 30, `${GOOD} Agreed.`), answer('author', 10, GOOD)],
      votes: new Map([
        ['copier', 3],
        ['author', 3],
      ]),
    });
    expect(scored.map(summarise).map(({ points, flags }) => ({ points, flags }))).toEqual([
      { points: [1, 0, 0], flags: ['copy'] },
      { points: [1, 3, 1], flags: [] },
    ]);
    expect(scored[0]?.copiedFrom).toBe('author');
    expect(scored[1]).not.toHaveProperty('copiedFrom');
  });

  it('reports every flag that applies, in a fixed order', () => {
    const scored = scoreAnswers({
      question,
      answers: [answer('first', 1, LIST), answer('second', 2, LIST)],
    });
    expect(scored.map((result) => result.flags)).toEqual([
      ['bare-term-list'],
      ['bare-term-list', 'copy'],
    ]);
    expect(scored.map((result) => result.total)).toEqual([1, 1]);
  });

  it('does not call two answers sent at the same instant copies of each other', () => {
    const scored = scoreAnswers({
      question,
      answers: [answer('amy', 5, GOOD), answer('ben', 5, GOOD)],
    });
    expect(scored.map((result) => result.flags)).toEqual([[], []]);
  });

  it('applies a custom scheme', () => {
    const scheme: ScoringScheme = {
      participation: 2,
      coverageThresholds: [0.5, 0.9],
      votesForPoint: 1,
      votePoints: 2,
    };
    const [scored] = scoreAnswers({
      question,
      answers: [answer('amy', 1, GOOD)],
      votes: new Map([['amy', 1]]),
      scheme,
    });
    expect(scored?.points).toEqual({ participation: 2, coverage: 1, votes: 2 });
    expect(scored?.total).toBe(5);
  });

  it('is deterministic and leaves its input alone', () => {
    const answers = Object.freeze([
      Object.freeze(answer('amy', 1, GOOD)),
      Object.freeze(answer('ben', 2, `${GOOD} Same here.`)),
    ]);
    const votes = new Map([['amy', 2]]);
    const first = scoreAnswers({ question, answers, votes });
    expect(scoreAnswers({ question, answers, votes })).toEqual(first);
    expect([...votes]).toEqual([['amy', 2]]);
  });
});
