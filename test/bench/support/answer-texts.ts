/**
 * Realistic member answers to real questions of the bundled packs, for the ingest and
 * scoring benchmarks. Built from each question's own framework (a sentence per key point
 * covered, phrased around one of its rubric phrases, padded with the kind of prose people
 * write in a thread), in the mix a drill really gets: strong, partial and weak answers,
 * off-topic prose, and the gaming the scorer has to catch (term lists, the question pasted
 * back, a copy of an earlier answer). Deterministic: the same seed gives the same texts.
 */
import { unsafeSkipN, unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import { bundledContentDir, loadPacks } from '../../../src/content/load.ts';
import type { Question } from '../../../src/content/schema.ts';

export type AnswerKind =
  | 'strong'
  | 'partial'
  | 'weak'
  | 'off-topic'
  | 'term-list'
  | 'repeats-question'
  | 'copy';

/** Cumulative shares of each kind in a drill, out of 100. */
const MIX: readonly [AnswerKind, number][] = [
  ['strong', 35],
  ['partial', 70],
  ['weak', 80],
  ['off-topic', 88],
  ['term-list', 93],
  ['repeats-question', 97],
  ['copy', 100],
];

const OPENERS = [
  'Good one.',
  'I had this exact question in a loop last year.',
  'Short version from me:',
  'Here is how I would structure it.',
  'Thinking out loud a bit here.',
  '',
];

const FILLER = [
  'In practice I would pair with the platform team on this and write it down as a runbook.',
  'We learned that the hard way after an incident review, so it stuck with me.',
  'I would also want metrics on it so we know when it silently stops working.',
  'None of this helps if nobody owns it, so I would name an owner and a review date.',
  'The interviewer usually wants to hear the trade-off, so I would say what it costs us.',
  'I would start small, prove it on one service, then roll it out with a paved road.',
  'Honestly the tooling matters less than getting the basics consistent everywhere.',
];

const LINKS = [
  (phrase: string, detail: string) => `First, ${phrase}: ${detail}`,
  (phrase: string, detail: string) => `I would call out ${phrase} explicitly. ${detail}`,
  (phrase: string, detail: string) => `Then ${phrase}, because ${lowerFirst(detail)}`,
  (phrase: string, detail: string) => `Another piece is ${phrase}. ${detail}`,
];

const OFF_TOPIC = [
  'I think this mostly comes down to culture and having a good relationship with the developers.',
  'Depends a lot on the company honestly, every place I worked did it differently.',
  'I would ask clarifying questions first and then go from there with whatever the team prefers.',
];

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A small seeded generator: uniform integers in [0, bound). */
class Draws {
  private readonly rng;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
    unsafeSkipN(this.rng, 1);
  }

  below(bound: number): number {
    return unsafeUniformIntDistribution(0, bound - 1, this.rng);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

function kindFor(roll: number): AnswerKind {
  return MIX.find(([, upTo]) => roll < upTo)?.[0] ?? 'strong';
}

/** Prose covering `share` of the question's key points (at least one when share > 0). */
function coveringAnswer(question: Question, share: number, draws: Draws): string {
  const points = question.framework.points;
  const wanted = share === 0 ? 0 : Math.max(1, Math.round(points.length * share));
  const start = draws.below(points.length);
  const sentences = [draws.pick(OPENERS)];
  for (let index = 0; index < wanted; index += 1) {
    const point = points[(start + index) % points.length];
    if (!point) continue;
    const detail = point.detail.split('. ')[0] ?? point.detail;
    sentences.push(draws.pick(LINKS)(draws.pick(point.rubric), detail.replace(/\.?$/, '.')));
    if (draws.below(3) === 0) sentences.push(draws.pick(FILLER));
  }
  sentences.push(draws.pick(FILLER));
  return sentences.filter((sentence) => sentence !== '').join(' ');
}

function answerOf(kind: AnswerKind, question: Question, draws: Draws, earlier: string[]): string {
  switch (kind) {
    case 'strong':
      return coveringAnswer(question, 0.6 + draws.below(5) / 10, draws);
    case 'partial':
      return coveringAnswer(question, 0.2 + draws.below(4) / 10, draws);
    case 'weak':
      return coveringAnswer(question, 0.01, draws);
    case 'off-topic':
      return `${draws.pick(OFF_TOPIC)} ${draws.pick(FILLER)}`;
    case 'term-list':
      return question.framework.points.map((point) => draws.pick(point.rubric)).join(', ');
    case 'repeats-question':
      return `${question.question} That is the key question really.`;
    case 'copy': {
      const source = earlier.length > 0 ? draws.pick(earlier) : coveringAnswer(question, 1, draws);
      return `${source} +1`;
    }
  }
}

/** `count` answers to `question` as one drill would get them, in the order they were sent. */
export function drillAnswers(question: Question, count: number, seed: number): string[] {
  const draws = new Draws(seed);
  const texts: string[] = [];
  for (let index = 0; index < count; index += 1) {
    texts.push(answerOf(kindFor(draws.below(100)), question, draws, texts));
  }
  return texts;
}

/** Every question of the bundled packs (the ones drills are drawn from). */
export async function bundledQuestions(): Promise<Question[]> {
  const { packs } = await loadPacks([bundledContentDir]);
  return packs.flatMap(({ pack }) => pack.questions);
}
