import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nextQuestion,
  type QuestionRef,
  questionKey,
  type RotationFilter,
  type RotationQuestion,
} from '../../src/core/rotation.ts';

function question(
  packId: string,
  questionId: string,
  tags: string[] = ['general'],
  difficulty: 1 | 2 | 3 = 2,
): RotationQuestion {
  return { packId, questionId, tags, difficulty };
}

const APPSEC = ['xss', 'csrf', 'ssrf', 'sqli', 'idor'].map((id, i) =>
  question('appsec', id, ['web', i % 2 === 0 ? 'injection' : 'access'], ((i % 3) + 1) as 1 | 2 | 3),
);
const CLOUD = ['iam', 'kms', 's3'].map((id) => question('cloud', id, ['cloud'], 3));

/** `count` picks in a row, each one appended to the history. */
function run(
  seed: number,
  pool: readonly RotationQuestion[],
  count: number,
  history: QuestionRef[] = [],
  filter?: RotationFilter,
): string[] {
  const asked = [...history];
  const picked: string[] = [];
  for (let i = 0; i < count; i++) {
    const next = nextQuestion({ seed, pool, asked, filter });
    if (!next) break;
    picked.push(questionKey(next));
    asked.push(next);
  }
  return picked;
}

const refOf = (key: string): QuestionRef => {
  const [packId = '', questionId = ''] = key.split('/');
  return { packId, questionId };
};

describe('questionKey', () => {
  it('joins pack and question', () => {
    expect(questionKey({ packId: 'appsec', questionId: 'xss' })).toBe('appsec/xss');
  });
});

describe('nextQuestion', () => {
  it('returns undefined only for an empty (filtered) pool', () => {
    expect(nextQuestion({ seed: 1, pool: [], asked: [] })).toBeUndefined();
    expect(
      nextQuestion({ seed: 1, pool: APPSEC, asked: [], filter: { tag: 'no-such-tag' } }),
    ).toBeUndefined();
    expect(nextQuestion({ seed: 1, pool: CLOUD, asked: [], filter: { difficulty: 1 } })).toBe(
      undefined,
    );
    expect(nextQuestion({ seed: 1, pool: [question('p', 'only')], asked: [] })).toEqual(
      question('p', 'only'),
    );
  });

  it('asks every question once per cycle, in the same order every cycle', () => {
    const pool = [...APPSEC, ...CLOUD];
    const picks = run(42, pool, pool.length * 3);
    const first = picks.slice(0, pool.length);
    expect(new Set(first).size).toBe(pool.length);
    expect(picks.slice(pool.length, 2 * pool.length)).toEqual(first);
    expect(picks.slice(2 * pool.length)).toEqual(first);
  });

  it('shuffles: the order is not the pool order, and differs between seeds', () => {
    const pool = [...APPSEC, ...CLOUD];
    const inPoolOrder = pool.map(questionKey);
    const orders = [1, 2, 3, 4, 5].map((seed) => run(seed, pool, pool.length).join(' '));
    expect(orders).not.toContain(inPoolOrder.join(' '));
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it('is deterministic and ignores the order of the pool', () => {
    const pool = [...APPSEC, ...CLOUD];
    const reversed = [...pool].reverse();
    expect(run(7, pool, 8)).toEqual(run(7, pool, 8));
    expect(run(7, reversed, 8)).toEqual(run(7, pool, 8));
  });

  it('ignores history entries no longer in the pool', () => {
    const withoutCloud = run(9, APPSEC, APPSEC.length);
    const history = [refOf('gone/old'), { packId: 'cloud', questionId: 'iam' }];
    expect(run(9, APPSEC, APPSEC.length, history)).toEqual(withoutCloud);
  });

  it('brings in a question added mid-cycle before the cycle ends', () => {
    const picks = run(3, APPSEC, 2);
    const added = question('appsec', 'xxe', ['web']);
    const rest = run(3, [...APPSEC, added], APPSEC.length - 1, picks.map(refOf));
    // The remaining three original questions plus the new one, each once.
    expect(rest).toHaveLength(APPSEC.length - 1);
    expect(new Set([...picks, ...rest]).size).toBe(APPSEC.length + 1);
    expect(rest).toContain('appsec/xxe');
  });

  it('keeps the relative order of the others when a pack is added', () => {
    const before = run(11, APPSEC, APPSEC.length);
    const after = run(11, [...APPSEC, ...CLOUD], APPSEC.length + CLOUD.length);
    expect(after.filter((key) => key.startsWith('appsec/'))).toEqual(before);
  });

  it('restarts the cycle once every pool question has been asked', () => {
    const pool = APPSEC.slice(0, 3);
    const cycle = run(5, pool, 3);
    const next = nextQuestion({ seed: 5, pool, asked: cycle.map(refOf) });
    expect(next && questionKey(next)).toBe(cycle[0]);
  });

  it('does not open a cycle with the question that closed the previous one', () => {
    // The history closed the cycle with the question that comes first in this seed's order.
    const pool = APPSEC.slice(0, 3);
    const order = run(5, pool, 3);
    const [firstKey = '', secondKey = ''] = order;
    const history = [...order.slice(1), firstKey].map(refOf);
    const next = nextQuestion({ seed: 5, pool, asked: history });
    expect(next && questionKey(next)).toBe(secondKey);
  });

  it('filters by tag (any case) and by difficulty', () => {
    // Tags alternate injection/access and difficulties cycle 1,2,3 along xss csrf ssrf sqli idor.
    const injection = run(8, APPSEC, 6, [], { tag: 'Injection' });
    expect(injection.slice(0, 3).sort()).toEqual(['appsec/idor', 'appsec/ssrf', 'appsec/xss']);
    expect(injection.slice(3)).toEqual(injection.slice(0, 3));
    const hard = run(8, [...APPSEC, ...CLOUD], 6, [], { difficulty: 3 });
    expect(hard.slice(0, 4).sort()).toEqual(['appsec/ssrf', 'cloud/iam', 'cloud/kms', 'cloud/s3']);
    const both = run(8, [...APPSEC, ...CLOUD], 2, [], { tag: 'web', difficulty: 1 });
    expect(both.sort()).toEqual(['appsec/sqli', 'appsec/xss']);
  });

  it('treats a duplicated pool entry as one question', () => {
    const pool = [question('p', 'a'), question('p', 'a'), question('p', 'b')];
    const picks = run(1, pool, 4);
    expect(new Set(picks.slice(0, 2))).toEqual(new Set(['p/a', 'p/b']));
    expect(picks.slice(2)).toEqual(picks.slice(0, 2));
  });
});

describe('nextQuestion: properties', () => {
  const poolArb = fc
    .uniqueArray(
      fc.record({
        packId: fc.constantFrom('appsec', 'cloud', 'dfir'),
        questionId: fc.stringMatching(/^[a-z]{1,6}$/),
        tags: fc.subarray(['web', 'cloud', 'crypto', 'iam'], { minLength: 1 }),
        difficulty: fc.constantFrom<1 | 2 | 3>(1, 2, 3),
      }),
      { minLength: 1, maxLength: 25, selector: questionKey },
    )
    .map((pool) => pool as RotationQuestion[]);
  const seedArb = fc.integer({ min: 0, max: 0x7fffffff });

  it('over pool-size consecutive picks, no question repeats and every one appears', () => {
    fc.assert(
      fc.property(poolArb, seedArb, fc.nat({ max: 60 }), (pool, seed, offset) => {
        // Any window of the sequence, not only the first cycle.
        const picks = run(seed, pool, offset + pool.length).slice(offset);
        expect(picks).toHaveLength(pool.length);
        expect(new Set(picks)).toEqual(new Set(pool.map(questionKey)));
      }),
    );
  });

  it('does not depend on the order of the pool', () => {
    fc.assert(
      fc.property(
        poolArb.chain((pool) =>
          fc.tuple(fc.constant(pool), fc.shuffledSubarray(pool, { minLength: pool.length })),
        ),
        seedArb,
        ([pool, shuffled], seed) => {
          expect(run(seed, shuffled, pool.length + 2)).toEqual(run(seed, pool, pool.length + 2));
        },
      ),
    );
  });

  it('asks a question added mid-cycle within the same cycle', () => {
    fc.assert(
      fc.property(poolArb, seedArb, fc.nat(), (pool, seed, cut) => {
        const [added, ...rest] = pool;
        if (!added || rest.length === 0) return;
        const before = run(seed, rest, cut % rest.length);
        const after = run(seed, pool, pool.length - before.length, before.map(refOf));
        expect(new Set([...before, ...after])).toEqual(new Set(pool.map(questionKey)));
      }),
    );
  });
});
