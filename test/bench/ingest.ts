/**
 * Benchmark: answer ingest through the engine (the real inbound path: an adapter's event
 * through DrillService.handle, deduplicated in processed_events, the member, answer and
 * answer message stored, the delivery acknowledged when the call resolves) against the very
 * statements the engine sent, executed directly on the same driver client, one transaction
 * per answer. Target: engine throughput at least 0.8 of direct.
 *
 * How the reference is kept honest: the engine's statements (and whether it opens a
 * transaction) are captured through the driver client they share, a template is learnt from
 * one answer, and EVERY answer the engine handles in the timed rounds is checked against it
 * (same SQL text, the parameters it predicts). The reference replays the template, in a
 * transaction exactly when the engine used one.
 *
 * Rounds alternate engine and reference (ABBA) so table growth and caches weigh on both
 * equally; each side's figure is the MEDIAN of its rounds, so a burst of load from another
 * process on a shared machine moves one round, not the result.
 */
import { performance } from 'node:perf_hooks';
import { count, like } from 'drizzle-orm';
import { answerMessages, processedEvents } from '../../db/schema.ts';
import {
  type BenchDatabase,
  type BenchEngine,
  openBenchDatabase,
  postgresUnavailable,
} from './support/bench-db.ts';
import {
  type AnswerFields,
  answerFields,
  answerIdsOf,
  buildIngestRig,
  type IngestRig,
  replyEvent,
} from './support/ingest-setup.ts';
import { type BenchRow, percentile } from './support/report.ts';
import {
  type CapturedWork,
  checkAgainstTemplate,
  learnTemplate,
  replay,
  StatementRecorder,
  type UnitTemplate,
} from './support/statement-replay.ts';
import { unavailableRow } from './support/unavailable.ts';

const WARMUP = 300;
const ROUNDS = 24;
const PER_ROUND = 200;
const TARGET = 0.8;

export interface IngestMeasurement {
  engine: BenchEngine;
  /** Timed answers on each side. */
  answers: number;
  /** Median over the rounds, per side. */
  engineMsPerAnswer: number;
  directMsPerAnswer: number;
  /** Statements per answer, and whether the engine wraps them in a transaction. */
  statements: number;
  transaction: boolean;
}

const label = (engine: BenchEngine) => (engine === 'pglite' ? 'PGlite' : 'PostgreSQL');
const isAnswerInsert = (text: string) => text.startsWith('insert into "answers"');

/** Learns the template from one answer late in the warm-up (ids well clear of the drills'). */
async function templateFrom(
  database: BenchDatabase,
  recorder: StatementRecorder,
  rig: IngestRig,
  fields: AnswerFields,
): Promise<UnitTemplate> {
  recorder.take();
  recorder.recording = true;
  await rig.platform.emit(replyEvent(rig, fields));
  recorder.recording = false;
  const captured = recorder.take();
  const answerId = (await answerIdsOf(database, [fields.message])).get(fields.message);
  if (answerId === undefined) throw new Error('the template answer was not stored');
  // Where the engine threads an answer id from one statement's RETURNING into the next.
  return learnTemplate(captured, fields, [{ value: answerId, returnedBy: isAnswerInsert }]);
}

/** Checks every answer of an engine round against the template (outside the timing). */
async function checkRound(
  database: BenchDatabase,
  unit: UnitTemplate,
  round: AnswerFields[],
  captured: CapturedWork,
): Promise<void> {
  const size = unit.statements.length;
  if (captured.statements.length !== round.length * size) {
    throw new Error(
      `the engine sent ${captured.statements.length} statements for ${round.length} answers`,
    );
  }
  if (captured.transactions !== (unit.transaction ? round.length : 0)) {
    throw new Error(
      `the engine opened ${captured.transactions} transactions for ${round.length} answers`,
    );
  }
  const answerInsert = unit.statements.findIndex((statement) => isAnswerInsert(statement.text));
  const ids = await answerIdsOf(
    database,
    round.map((fields) => fields.message),
  );
  round.forEach((fields, index) => {
    const answerId = ids.get(fields.message);
    if (answerId === undefined) throw new Error(`answer ${fields.message} was not stored`);
    const own = captured.statements.slice(index * size, (index + 1) * size);
    checkAgainstTemplate(unit, own, fields, new Map([[answerInsert, answerId]]));
  });
}

async function msPerAnswer(count: number, work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / count;
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

async function countStored(database: BenchDatabase, side: 'E' | 'R') {
  const [stored] = await database.handle.db
    .select({ n: count() })
    .from(answerMessages)
    .where(like(answerMessages.platformMessageId, `%:${side}%`));
  const [claimed] = await database.handle.db
    .select({ n: count() })
    .from(processedEvents)
    .where(like(processedEvents.eventId, `slack:Ev${side}%`));
  return { messages: stored?.n ?? 0, events: claimed?.n ?? 0 };
}

async function measure(engine: BenchEngine): Promise<IngestMeasurement> {
  const recorder = new StatementRecorder();
  const database = await openBenchDatabase(engine, recorder);
  try {
    const rig = await buildIngestRig(database);
    const emit = (fields: AnswerFields) => rig.platform.emit(replyEvent(rig, fields));
    const next = { E: 0, R: 0 };
    const take = (side: 'E' | 'R', n: number) => {
      const start = next[side];
      next[side] += n;
      return Array.from({ length: n }, (_, i) => answerFields(rig, side, start + i));
    };
    for (const fields of take('E', WARMUP - 1)) await emit(fields);
    const [last] = take('E', 1);
    if (!last) throw new Error('no warm-up answer');
    const unit = await templateFrom(database, recorder, rig, last);
    for (const fields of take('R', WARMUP)) await replay(database.driver, unit, fields);

    const engineRounds: number[] = [];
    const directRounds: number[] = [];
    const runEngine = async () => {
      const round = take('E', PER_ROUND);
      recorder.recording = true;
      engineRounds.push(
        await msPerAnswer(round.length, async () => {
          for (const fields of round) await emit(fields);
        }),
      );
      recorder.recording = false;
      await checkRound(database, unit, round, recorder.take());
    };
    const runDirect = async () => {
      const round = take('R', PER_ROUND);
      directRounds.push(
        await msPerAnswer(round.length, async () => {
          for (const fields of round) await replay(database.driver, unit, fields);
        }),
      );
    };
    // ABBA order: neither side always runs first, on a database one round fuller.
    for (let round = 0; round < ROUNDS; round += 1) {
      if (round % 2 === 0) {
        await runEngine();
        await runDirect();
      } else {
        await runDirect();
        await runEngine();
      }
    }
    // Both sides stored every answer and claimed every event, once.
    for (const side of ['E', 'R'] as const) {
      const stored = await countStored(database, side);
      if (stored.messages !== next[side] || stored.events !== next[side]) {
        throw new Error(`side ${side}: ${JSON.stringify(stored)}, expected ${next[side]} each`);
      }
    }
    rig.engine.detach();
    return {
      engine,
      answers: ROUNDS * PER_ROUND,
      engineMsPerAnswer: median(engineRounds),
      directMsPerAnswer: median(directRounds),
      statements: unit.statements.length,
      transaction: unit.transaction,
    };
  } finally {
    await database.dispose();
  }
}

const measured = new Map<BenchEngine, Promise<IngestMeasurement>>();

/** One measurement per engine and process: the scoring benchmark reuses this run's. */
export function measureIngest(engine: BenchEngine): Promise<IngestMeasurement> {
  let pending = measured.get(engine);
  if (!pending) {
    pending = measure(engine);
    measured.set(engine, pending);
  }
  return pending;
}

const perSecond = (msPerAnswer: number) => `${Math.round(1000 / msPerAnswer)} answers/s`;

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const engine of ['pglite', 'postgres'] as const) {
    const bench = `ingest (${label(engine)})`;
    const figure = 'answers/s through the engine';
    const missing = engine === 'postgres' ? postgresUnavailable() : undefined;
    if (missing) {
      rows.push(unavailableRow(bench, figure, `>= ${TARGET}`, missing));
      continue;
    }
    const result = await measureIngest(engine);
    const ratio = result.directMsPerAnswer / result.engineMsPerAnswer;
    rows.push({
      bench,
      figure,
      measured: perSecond(result.engineMsPerAnswer),
      reference: `${perSecond(result.directMsPerAnswer)} (same ${result.statements} statement(s), direct${result.transaction ? ', in a transaction' : ''})`,
      ratio,
      target: `>= ${TARGET}`,
      pass: ratio >= TARGET,
    });
  }
  return rows;
}
