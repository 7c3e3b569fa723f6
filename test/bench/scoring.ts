/**
 * Benchmark: what scoring costs per answer, as a share of what ingesting that answer costs.
 * Target: under 0.1, so the reveal's scoring never weighs on a busy channel.
 *
 * Scoring is measured as the reveal runs it (src/core/drill-scoring.ts): `scoreAnswers` over
 * all of a drill's on-time answers in one call (copies are looked for among them), with the
 * question freshly parsed, as each reveal parses it from its snapshot, so compiling the
 * rubric is paid once per drill as in production. Every question of the bundled packs is
 * drilled with realistic answers (./support/answer-texts.ts). The ingest cost is this run's
 * own ingest measurement through the engine (./ingest.ts), on each engine available.
 */
import { performance } from 'node:perf_hooks';
import type { Question } from '../../src/content/schema.ts';
import { type AnswerToScore, scoreAnswers } from '../../src/core/scoring.ts';
import { measureIngest } from './ingest.ts';
import { bundledQuestions, drillAnswers } from './support/answer-texts.ts';
import { postgresUnavailable } from './support/bench-db.ts';
import { type BenchRow, percentile } from './support/report.ts';
import { unavailableRow } from './support/unavailable.ts';

/** A small team's drill: fewer answers share the rubric compile, so this is the dearer case. */
const ANSWERS_PER_DRILL = 10;
const ROUNDS = 15;
const TARGET = 0.1;
const POSTED_AT = Date.parse('2026-03-02T09:00:00Z');

interface Drill {
  question: Question;
  answers: AnswerToScore[];
  votes: Map<string, number>;
}

function drillsOf(questions: readonly Question[], round: number): Drill[] {
  return questions.map((question, q) => {
    const texts = drillAnswers(question, ANSWERS_PER_DRILL, round * 1_000 + q);
    const answers = texts.map((text, a) => ({
      memberId: `slack:U${a}`,
      text,
      firstSentAt: new Date(POSTED_AT + a * 60_000),
    }));
    // A couple of well-liked answers, as peer votes usually fall.
    const votes = new Map([
      ['slack:U0', 3],
      ['slack:U2', 2],
      ['slack:U5', 1],
    ]);
    return { question, answers, votes };
  });
}

/** Milliseconds per answer for one round over every question. */
function scoreRound(drills: readonly Drill[]): number {
  // A fresh copy per drill, as each reveal parses the question from its snapshot: the
  // compiled rubric (cached per question object) is not carried over from a previous drill.
  const fresh = drills.map((drill) => ({ ...drill, question: structuredClone(drill.question) }));
  let answers = 0;
  const started = performance.now();
  for (const drill of fresh) {
    answers += scoreAnswers(drill).length;
  }
  return (performance.now() - started) / answers;
}

export async function measureScoring(): Promise<number> {
  const questions = await bundledQuestions();
  const rounds = Array.from({ length: ROUNDS + 2 }, (_, round) => drillsOf(questions, round));
  const [warm1, warm2, ...timed] = rounds;
  for (const warm of [warm1, warm2]) if (warm) scoreRound(warm);
  return percentile(timed.map(scoreRound), 50);
}

export async function run(): Promise<BenchRow[]> {
  const scoringMs = await measureScoring();
  const rows: BenchRow[] = [];
  for (const engine of ['pglite', 'postgres'] as const) {
    const name = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
    const bench = `scoring (vs ingest on ${name})`;
    const figure = 'scoring cost per answer';
    const missing = engine === 'postgres' ? postgresUnavailable() : undefined;
    if (missing) {
      rows.push(unavailableRow(bench, figure, `< ${TARGET}`, missing));
      continue;
    }
    const ingest = await measureIngest(engine);
    const ratio = scoringMs / ingest.engineMsPerAnswer;
    rows.push({
      bench,
      figure,
      measured: `${(scoringMs * 1000).toFixed(0)} µs/answer`,
      reference: `${(ingest.engineMsPerAnswer * 1000).toFixed(0)} µs/answer (ingest through the engine, this run)`,
      ratio,
      target: `< ${TARGET}`,
      pass: ratio < TARGET,
    });
  }
  return rows;
}
