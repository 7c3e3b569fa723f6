/**
 * Properties of the coverage function (src/core/coverage.ts) over the real packs' questions
 * and arbitrary answers, hostile text included. Each follows from how coverage is designed: a
 * key point is covered when all content words of one of its rubric phrases occur within a
 * window; words are compared case-folded, stemmed, with small typos tolerated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledContentDir, loadPacks } from '../../src/content/load.ts';
import type { Question } from '../../src/content/schema.ts';
import { type Coverage, coverage, phraseMatches } from '../../src/core/coverage.ts';

const { packs } = await loadPacks([bundledContentDir]);
const QUESTIONS: readonly Question[] = packs.flatMap(({ pack }) => pack.questions);

const question = fc.constantFrom(...QUESTIONS);

/** Strings of every kind: full Unicode, graphemes, raw UTF-16 units with lone surrogates. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 120 })
    .map((units) => String.fromCharCode(...units)),
);

const phrasesOf = (q: Question): string[] => q.framework.points.flatMap((point) => point.rubric);

/** An answer to `q`: arbitrary text mixed with some of its rubric phrases, as real ones are. */
function answerTo(q: Question): fc.Arbitrary<string> {
  const piece = fc.oneof(anyText, fc.constantFrom(...phrasesOf(q)), fc.lorem({ maxCount: 8 }));
  return fc
    .array(fc.tuple(piece, fc.constantFrom(' ', '\n', ', ', '. ', '\t')), { maxLength: 8 })
    .map((parts) => parts.map(([text, gap]) => text + gap).join(''));
}

const withAnswer = question.chain((q) => fc.tuple(fc.constant(q), answerTo(q)));

/** Plain English words (ASCII), for the properties about case and spacing. */
const asciiAnswer = question.chain((q) =>
  fc.tuple(
    fc.constant(q),
    fc
      .array(fc.oneof(fc.constantFrom(...phrasesOf(q)), fc.lorem({ maxCount: 3 })), {
        maxLength: 10,
      })
      .map((parts) => parts.join(' '))
      .filter((text) => /^[\x20-\x7e]*$/.test(text)),
  ),
);

/**
 * Words no rubric contains: letters and digits, which are compared exactly (no stemming, no
 * typo tolerance), so they can neither complete nor break a phrase.
 */
const padding = fc.array(
  fc.integer({ min: 0, max: 9_999 }).map((n) => `qz${n}`),
  { maxLength: 12 },
);

function expectWellFormed(found: Coverage, q: Question): void {
  const ids = q.framework.points.map((point) => point.id);
  expect([...found.covered, ...found.missed].sort()).toEqual([...ids].sort());
  expect(found.covered.filter((id) => found.missed.includes(id))).toEqual([]);
  // Both lists keep framework order.
  expect(found.covered).toEqual(ids.filter((id) => found.covered.includes(id)));
  expect(found.ratio).toBeGreaterThanOrEqual(0);
  expect(found.ratio).toBeLessThanOrEqual(1);
  expect(found.ratio).toBe(found.covered.length / ids.length);
  expect(Object.keys(found.evidence).sort()).toEqual([...found.covered].sort());
}

describe('coverage: shape and robustness', () => {
  it('gives a ratio in [0, 1] and splits the key points into covered and missed', () => {
    fc.assert(
      fc.property(withAnswer, ([q, answer]) => expectWellFormed(coverage(answer, q), q)),
      { numRuns: 500 },
    );
  });

  it('names, for each covered point, one of its own rubric phrases that matches the answer', () => {
    fc.assert(
      fc.property(withAnswer, ([q, answer]) => {
        const found = coverage(answer, q);
        for (const id of found.covered) {
          const phrase = found.evidence[id] ?? '';
          expect(q.framework.points.find((point) => point.id === id)?.rubric).toContain(phrase);
          expect(phraseMatches(answer, phrase)).toBe(true);
        }
        for (const marker of found.mistakeMarkers) expect(q.mistake.markers).toContain(marker);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, for any string: lone surrogates, NUL, combining floods', () => {
    fc.assert(
      fc.property(question, anyText, (q, answer) => expectWellFormed(coverage(answer, q), q)),
      { numRuns: 1_000 },
    );
    const q = QUESTIONS[0];
    if (!q) throw new Error('no questions');
    for (const hostile of ['\ud800', '\udfff', 'a\u0000b', `Z${'\u0301'.repeat(5_000)}`]) {
      expectWellFormed(coverage(hostile, q), q);
    }
  });

  it('handles 1,000,000-character answers, covering what they contain', () => {
    const q = QUESTIONS[0];
    const phrase = q?.framework.points[0]?.rubric[0];
    if (!q || !phrase) throw new Error('no questions');
    const filler = 'qz1 '.repeat(250_000);
    expect(coverage(filler, q).covered).toEqual([]);
    expect(coverage(`${filler}${phrase}`, q).covered).toContain(q.framework.points[0]?.id);
    expect(coverage('\ud800'.repeat(1_000_000), q).ratio).toBe(0);
  });

  it('the answer generator reaches partial coverage often, so the properties bite', () => {
    const ratios = fc
      .sample(withAnswer, { numRuns: 300, seed: 42 })
      .map(([q, answer]) => coverage(answer, q).ratio);
    expect(ratios.filter((ratio) => ratio > 0 && ratio < 1).length).toBeGreaterThan(100);
  });

  it('gives the same result for the same input (pure, whatever it caches)', () => {
    fc.assert(
      fc.property(withAnswer, ([q, answer]) => {
        expect(coverage(answer, q)).toEqual(coverage(answer, q));
      }),
      { numRuns: 200 },
    );
  });
});

describe('coverage: what an answer gets credit for', () => {
  it('covers nothing for an empty, blank or punctuation-only answer', () => {
    fc.assert(
      fc.property(
        question,
        fc.string({
          unit: fc.constantFrom(' ', '\n', '\t', '.', ',', '!', '?', '-', '*'),
          maxLength: 40,
        }),
        (q, blank) => {
          const found = coverage(blank, q);
          expect(found.covered).toEqual([]);
          expect(found.ratio).toBe(0);
          expect(found.mistakeMarkers).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives ratio 0 for a question without key points, not a division by zero', () => {
    const empty = { framework: { points: [] }, mistake: { markers: [] } };
    expect(coverage('least privilege', empty)).toMatchObject({ covered: [], ratio: 0 });
  });

  it('covers a point whenever the answer contains one of its rubric phrases as written', () => {
    fc.assert(
      fc.property(withAnswer, fc.nat(), ([q, answer], pick) => {
        const point = q.framework.points[pick % q.framework.points.length];
        if (!point) throw new Error('no point');
        const phrase = point.rubric[pick % point.rubric.length] ?? '';
        expect(coverage(`${answer}\n${phrase}`, q).covered).toContain(point.id);
      }),
      { numRuns: 500 },
    );
  });

  it('covers every point once every rubric phrase is added', () => {
    fc.assert(
      fc.property(withAnswer, ([q, answer]) => {
        const all = q.framework.points.map((point) => point.rubric.join('. ')).join('.\n');
        expect(coverage(`${answer}\n${all}`, q).ratio).toBe(1);
      }),
      { numRuns: 100 },
    );
  });

  it('never loses a point when more text is added after the answer', () => {
    fc.assert(
      fc.property(withAnswer, anyText, ([q, answer], more) => {
        const before = coverage(answer, q).covered;
        const after = coverage(`${answer}\n${more}`, q).covered;
        expect(after).toEqual(expect.arrayContaining(before));
      }),
      { numRuns: 500 },
    );
  });
});

describe('coverage: what does not matter', () => {
  it('unrelated words before and after the answer change nothing, in any order', () => {
    fc.assert(
      fc.property(withAnswer, padding, padding, ([q, answer], head, tail) => {
        const plain = coverage(answer, q);
        const padded = coverage(`${head.join(' ')}\n${answer}\n${tail.join(' ')}`, q);
        const swapped = coverage(
          `${[...tail].reverse().join(' ')}\n${answer}\n${[...head].reverse().join(' ')}`,
          q,
        );
        expect(padded).toEqual(plain);
        expect(swapped).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });

  it('letter case does not matter', () => {
    fc.assert(
      fc.property(
        asciiAnswer.chain(([q, answer]) =>
          fc.tuple(fc.constant(q), fc.constant(answer), fc.mixedCase(fc.constant(answer))),
        ),
        ([q, answer, mixed]) => {
          expect(coverage(mixed, q)).toEqual(coverage(answer, q));
          expect(coverage(answer.toUpperCase(), q)).toEqual(coverage(answer, q));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the kind and amount of whitespace between words does not matter', () => {
    const gap = fc.string({
      unit: fc.constantFrom(' ', '\t', '\n', '\r\n'),
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(asciiAnswer, fc.array(gap, { minLength: 1 }), ([q, answer], gaps) => {
        const respaced = answer
          .split(/\s+/)
          .map((word, i) => (i === 0 ? word : `${gaps[i % gaps.length]}${word}`))
          .join('');
        expect(coverage(respaced, q)).toEqual(coverage(answer, q));
      }),
      { numRuns: 300 },
    );
  });
});
