/**
 * The one-pass reading of answers (src/core/scoring-pass.ts) and the fast ASCII word finder
 * (src/core/ascii-words.ts) must give exactly what the separate checks give on the text:
 * coverage, the term-list counts, the question-repeat signals and the copy shingles. These
 * properties hold them to it over the real packs' questions and answers built from their
 * rubrics, with typos, compounds, apostrophes, capitals and hostile Unicode mixed in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledContentDir, loadPacks } from '../../src/content/load.ts';
import type { Question } from '../../src/content/schema.ts';
import { coverage } from '../../src/core/coverage.ts';
import { jaccard, shingles } from '../../src/core/scoring-copy.ts';
import { drillWordsOf, prepareScoring } from '../../src/core/scoring-pass.ts';
import { repeatSignals } from '../../src/core/scoring-repeat.ts';
import { wordCounts } from '../../src/core/scoring-term-list.ts';
import { contentStemSet, rubricStemSet } from '../../src/core/scoring-words.ts';
import { tokenizeByPattern, tokenizeOnce } from '../../src/core/text-tokens.ts';

const { packs } = await loadPacks([bundledContentDir]);
const QUESTIONS: readonly Question[] = packs.flatMap(({ pack }) => pack.questions);

/** Printable ASCII heavy in what splits or joins words: connectors, apostrophes, capitals. */
const asciiText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "'",
        '-',
        '.',
        '/',
        '_',
        ' ',
        ',',
        '\n',
        '\t',
        "don't",
        "O'Neil's",
        'ML-KEM',
        'CI/CD',
        'e.g.',
        'x86_64',
        '1.5',
        "rock'n'roll",
        "9's",
        "''",
        'a--b',
        'IMDSv2',
      ),
      fc.string({ unit: fc.constantFrom(..."aZq9 '-./_!?".split('')), maxLength: 12 }),
      fc.lorem({ maxCount: 3 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('the ASCII word finder', () => {
  it('finds the same tokens as the regular expressions', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(tokenizeOnce(text)).toEqual(tokenizeByPattern(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes a hostile compound of 300,000 parts on both paths', () => {
    const compound = `${'a-'.repeat(300_000)}a`;
    // The joined alias, then every part.
    expect(tokenizeOnce(compound)).toHaveLength(300_002);
    expect(tokenizeOnce(`${compound}é`)).toHaveLength(300_002);
  });
});

/** One typo in a word: a swap, a dropped, an added or a changed letter. */
const typoOf = (word: string) =>
  fc
    .tuple(fc.nat(), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...'aeiorstnsxk'))
    .map(([at, kind, letter]) => {
      if (word.length < 3) return word;
      const i = 1 + (at % (word.length - 1));
      if (kind === 0) return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
      if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
      if (kind === 2) return word.slice(0, i) + letter + word.slice(i);
      return word.slice(0, i) + letter + word.slice(i + 1);
    });

/** An answer to `q` as members write them, its rubric's and question's words included. */
function answerTo(q: Question): fc.Arbitrary<string> {
  const phrases = q.framework.points.flatMap((point) => point.rubric);
  const words = [...phrases, q.question].flatMap((text) => text.split(/\s+/)).filter(Boolean);
  const piece = fc.oneof(
    fc.constantFrom(...phrases),
    fc.constantFrom(...words),
    fc.constantFrom(...words).chain(typoOf),
    fc.constantFrom(...words).map((word) => word.toUpperCase()),
    fc.constant(q.question),
    fc.lorem({ maxCount: 6 }),
    asciiText,
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('naïve', 'ＭＬ-ＫＥＭ', '\u202e@everyone', 'défense', 'mémorisé', '😀👍🏽'),
  );
  return fc
    .array(fc.tuple(piece, fc.constantFrom(' ', '\n', ', ', '. ', '; ', ' - ')), {
      maxLength: 25,
    })
    .map((parts) => parts.map(([text, gap]) => text + gap).join(''));
}

const drill = fc
  .constantFrom(...QUESTIONS)
  .chain((q) => fc.tuple(fc.constant(q), fc.array(answerTo(q), { minLength: 1, maxLength: 4 })));

describe('reading an answer once', () => {
  it('gives the coverage, counts, repeat signals and copy shingles of the separate checks', () => {
    fc.assert(
      fc.property(drill, ([q, answers]) => {
        // A fresh copy: the reading is shared by content, as each reveal parses its question.
        const words = drillWordsOf(structuredClone(q));
        const borrowed = new Set([...rubricStemSet(q), ...contentStemSet(q.question)]);
        const questionRuns = shingles(q.question);
        const read = answers.map((text) => ({ text, reading: words.read(text) }));
        for (const { text, reading } of read) {
          expect(reading.coverage).toEqual(coverage(text, q));
          expect(reading.counts).toEqual(wordCounts(text, borrowed));
          expect(reading.repeat).toEqual(repeatSignals(text, q.question));
          expect(reading.shingles.size).toBe(shingles(text, questionRuns).size);
        }
        // The numbered shingles compare as the string ones do.
        for (const a of read) {
          for (const b of read) {
            expect(jaccard(a.reading.shingles, b.reading.shingles)).toBe(
              jaccard(shingles(a.text, questionRuns), shingles(b.text, questionRuns)),
            );
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('question vocabularies kept by content', () => {
  const [first] = QUESTIONS;
  if (!first) throw new Error('the bundled packs have questions');
  const point = first.framework.points[0];
  if (!point) throw new Error('a question has key points');
  const answer = `${point.rubric[0]} and more besides`;

  it('is prepared once and found again from a freshly parsed copy', () => {
    prepareScoring([first]);
    expect(drillWordsOf(structuredClone(first))).toBe(drillWordsOf(first));
  });

  it('gives an edited question a vocabulary of its own', () => {
    const edits: Question[] = [
      { ...first, question: `${first.question} Why?` },
      {
        ...first,
        framework: {
          ...first.framework,
          points: [{ ...point, rubric: ['zzqv'] }, ...first.framework.points.slice(1)],
        },
      },
      {
        ...first,
        framework: {
          ...first.framework,
          points: [{ ...point, id: 'renamed' }, ...first.framework.points.slice(1)],
        },
      },
      { ...first, mistake: { ...first.mistake, markers: ['and more besides'] } },
    ];
    for (const edited of edits) {
      const words = drillWordsOf(edited);
      expect(words).not.toBe(drillWordsOf(first));
      expect(words.read(answer).coverage).toEqual(coverage(answer, edited));
    }
  });
});
