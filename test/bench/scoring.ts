/**
 * Benchmark: what scoring costs per answer, as a share of what ingesting that answer costs.
 * Target: under 0.1, so the reveal's scoring never weighs on a busy channel.
 *
 * Scoring is measured as the reveal runs it (src/core/drill-scoring.ts): `scoreAnswers` over
 * all of a drill's on-time answers in one call (copies are looked for among them), with the
 * question freshly parsed, as each reveal parses it from its snapshot. Every question of the
 * bundled packs is drilled with realistic answers (./support/answer-texts.ts). The ingest
 * cost is this run's own ingest measurement through the engine (./ingest.ts), on each
 * engine available.
 *
 * Two cases. The target is about the reveal as it runs: the loaded packs' questions are
 * prepared when the packs load (src/content/catalog.ts calls `prepareScoring`, as start-up
 * and /drill reload do), and what is known of each answer word is kept for the process, so
 * a question's first drill costs what a later one does. For reference, the same drills with
 * a question text the process has never seen (trailing spaces: the same words, a different
 * content key), as when a pack was edited after the drill was posted: that reveal also
 * works out the question's vocabulary.
 */
import { performance } from 'node:perf_hooks';
import type { Question } from '../../src/content/schema.ts';
import { type AnswerToScore, scoreAnswers } from '../../src/core/scoring.ts';
import { prepareScoring } from '../../src/core/scoring-pass.ts';
import { measureIngest } from './ingest.ts';
import { bundledQuestions, drillAnswers } from './support/answer-texts.ts';
import { postgresUnavailable } from './support/bench-db.ts';
import { type BenchRow, percentile } from './support/report.ts';
import { unavailableRow } from './support/unavailable.ts';

/** A small team's drill: fewer answers share each drill's fixed work, so this is the dearer case. */
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

type Case = 'prepared' | 'not prepared';

/** Drills so far: makes each unprepared question text new to the process. */
let drillsScored = 0;

/** The question as a reveal parses it from the drill's snapshot (new content if unprepared). */
function parsedQuestion(question: Question, kind: Case): Question {
  const copy = structuredClone(question);
  drillsScored += 1;
  if (kind === 'prepared') return copy;
  return { ...copy, question: `${copy.question}${' '.repeat(drillsScored)}` };
}

/** Milliseconds per answer for one round over every question. */
function scoreRound(drills: readonly Drill[], kind: Case): number {
  const fresh = drills.map((drill) => ({
    ...drill,
    question: parsedQuestion(drill.question, kind),
  }));
  let answers = 0;
  const started = performance.now();
  for (const drill of fresh) {
    answers += scoreAnswers(drill).length;
  }
  return (performance.now() - started) / answers;
}

export async function measureScoring(kind: Case): Promise<number> {
  const questions = await bundledQuestions();
  // As loading the catalog does at start-up.
  prepareScoring(questions);
  const rounds = Array.from({ length: ROUNDS + 2 }, (_, round) => drillsOf(questions, round));
  const [warm1, warm2, ...timed] = rounds;
  for (const warm of [warm1, warm2]) if (warm) scoreRound(warm, kind);
  return percentile(
    timed.map((round) => scoreRound(round, kind)),
    50,
  );
}

export async function run(): Promise<BenchRow[]> {
  const cases: Case[] = ['prepared', 'not prepared'];
  const scoringMs = new Map<Case, number>();
  for (const kind of cases) scoringMs.set(kind, await measureScoring(kind));
  const rows: BenchRow[] = [];
  for (const engine of ['pglite', 'postgres'] as const) {
    const name = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
    const missing = engine === 'postgres' ? postgresUnavailable() : undefined;
    const ingest = missing ? undefined : await measureIngest(engine);
    for (const kind of cases) {
      const bench =
        kind === 'prepared'
          ? `scoring (vs ingest on ${name})`
          : `scoring, question not prepared (vs ingest on ${name})`;
      const target = kind === 'prepared' ? `< ${TARGET}` : `reference (< ${TARGET} above)`;
      const figure = 'scoring cost per answer';
      const ms = scoringMs.get(kind) ?? Number.NaN;
      if (!ingest) {
        rows.push(unavailableRow(bench, figure, target, missing ?? 'not measured'));
        continue;
      }
      const ratio = ms / ingest.engineMsPerAnswer;
      rows.push({
        bench,
        figure,
        measured: `${(ms * 1000).toFixed(0)} µs/answer`,
        reference: `${(ingest.engineMsPerAnswer * 1000).toFixed(0)} µs/answer (ingest through the engine, this run)`,
        ratio,
        target,
        pass: kind === 'prepared' ? ratio < TARGET : undefined,
      });
    }
  }
  return rows;
}
