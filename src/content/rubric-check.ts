/**
 * Rubric self-checks: a rubric must recognise its own framework, must not reward the common
 * mistake, and must not reward text about something else. The lint prints what fails so pack
 * authors see it while writing; the test suite enforces the same thresholds.
 */
import { analyseText, coverage } from '../core/coverage.ts';
import type { Question } from './schema.ts';

/** The framework text must cover at least this share of its own key points. */
export const MIN_FRAMEWORK_COVERAGE = 0.9;
/** The common-mistake text alone may cover at most this share. */
export const MAX_MISTAKE_COVERAGE = 0.4;

/** Everyday prose that no security rubric should credit. */
const OFF_TOPIC_SAMPLES: readonly string[] = [
  'To bake a sourdough loaf, feed the starter the night before, then mix flour, water and salt ' +
    'and leave the dough to rest. Stretch and fold it every half hour, shape it into a tight ' +
    'ball, proof it in a basket overnight in the fridge, and bake it in a hot covered pot until ' +
    'the crust is deep brown and sounds hollow when tapped.',
  'The home side started quickly and scored from a corner in the tenth minute. After the break ' +
    'the visitors pressed high, their keeper made two fine saves, and a late penalty levelled the ' +
    'match. The referee added five minutes of stoppage time, the crowd sang through the rain, ' +
    'and both managers said a draw was a fair result.',
  'Our family holiday began with a long train ride to the coast. We rented bikes, swam in the ' +
    'cold sea every morning, ate grilled fish at the harbour and read novels on the balcony. On ' +
    'the last day it rained, so we visited the museum and bought postcards for our friends.',
];

/** The text a reveal shows: lead, then each point's label and detail. */
export function frameworkText(question: Question): string {
  const points = question.framework.points.map((point) => `${point.label}. ${point.detail}`);
  return [question.framework.lead, ...points].join('\n');
}

export interface RubricFinding {
  readonly questionId: string;
  readonly check: 'framework' | 'mistake' | 'off-topic';
  readonly message: string;
}

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

export function checkRubric(question: Question): RubricFinding[] {
  const findings: RubricFinding[] = [];
  const own = coverage(frameworkText(question), question);
  if (own.ratio < MIN_FRAMEWORK_COVERAGE) {
    findings.push({
      questionId: question.id,
      check: 'framework',
      message: `framework text covers ${percent(own.ratio)} of key points (needs ${percent(MIN_FRAMEWORK_COVERAGE)}); not recognised: ${own.missed.join(', ')}`,
    });
  }
  const mistake = coverage(question.mistake.text, question);
  if (mistake.ratio > MAX_MISTAKE_COVERAGE) {
    findings.push({
      questionId: question.id,
      check: 'mistake',
      message: `mistake text covers ${percent(mistake.ratio)} of key points (at most ${percent(MAX_MISTAKE_COVERAGE)}): ${Object.entries(
        mistake.evidence,
      )
        .map(([point, phrase]) => `${point} via "${phrase}"`)
        .join(', ')}`,
    });
  }
  for (const sample of OFF_TOPIC_SAMPLES) {
    const offTopic = coverage(analyseText(sample), question);
    if (offTopic.covered.length === 0) continue;
    const hits = Object.entries(offTopic.evidence).map(
      ([point, phrase]) => `${point} via "${phrase}"`,
    );
    findings.push({
      questionId: question.id,
      check: 'off-topic',
      message: `off-topic text ("${sample.slice(0, 24)}...") credited: ${hits.join(', ')}`,
    });
  }
  return findings;
}
