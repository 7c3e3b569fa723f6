/**
 * Rubric self-checks for every question of every pack in content/: a rubric must recognise
 * its own framework, must not reward the common mistake, and must not reward an empty or
 * off-topic answer.
 */
import { describe, expect, it } from 'vitest';
import { bundledContentDir, loadPacks } from '../../src/content/load.ts';
import { formatPackError } from '../../src/content/pack-errors.ts';
import { frameworkText } from '../../src/content/rubric-check.ts';
import { analyseText, coverage } from '../../src/core/coverage.ts';

const { packs, errors } = await loadPacks([bundledContentDir]);

const BREAD =
  'Baking bread at home is mostly patience. I mix strong white flour with warm water, a ' +
  'spoon of honey, yeast and a good pinch of salt, then knead the dough for ten minutes until ' +
  'it is smooth and springy. It rises in a covered bowl for an hour, gets knocked back, shaped ' +
  'into a loaf tin and left to rise again. Bake it at two hundred degrees for half an hour, ' +
  'then let it cool on a rack before slicing.';

const FOOTBALL =
  'United won two-one on Saturday in a tense derby. The visitors scored first with a header ' +
  'from a free kick, but the home side equalised before half time after a clever one-two on ' +
  'the left wing. In the second half the referee waved away two penalty appeals, the ' +
  'goalkeeper tipped a long shot over the bar, and the winner came from a deflected strike in ' +
  'the eighty-ninth minute. The manager praised the fans and the defence.';

const questions = packs.flatMap(({ pack }) =>
  pack.questions.map((question) => ({ name: `${pack.id} / ${question.id}`, question })),
);

describe('content/ packs', () => {
  it('load without errors', () => {
    expect(errors.map((error) => formatPackError(error))).toEqual([]);
  });

  it('hold at least 75 questions in at least 5 packs', () => {
    expect(packs.length).toBeGreaterThanOrEqual(5);
    expect(questions.length).toBeGreaterThanOrEqual(75);
  });

  it('keep the off-topic answers about eighty words long', () => {
    for (const text of [BREAD, FOOTBALL]) expect(analyseText(text).wordCount).toBeGreaterThan(40);
    for (const text of [BREAD, FOOTBALL]) expect(text.split(/\s+/).length).toBeGreaterThan(70);
  });
});

describe.each(questions)('rubric of $name', ({ question }) => {
  it('recognises at least 90% of key points in the framework text', () => {
    const result = coverage(frameworkText(question), question);
    expect(result.ratio, `not recognised: ${result.missed.join(', ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('credits the common-mistake text with at most 40% of key points', () => {
    const result = coverage(question.mistake.text, question);
    expect(result.ratio, `credited: ${JSON.stringify(result.evidence)}`).toBeLessThanOrEqual(0.4);
  });

  it('credits nothing to an empty or off-topic answer', () => {
    expect(coverage('', question).covered).toEqual([]);
    expect(coverage(BREAD, question).evidence).toEqual({});
    expect(coverage(FOOTBALL, question).evidence).toEqual({});
  });
});
