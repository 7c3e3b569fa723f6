/**
 * Benchmark: leaderboards on PostgreSQL with 1,000,000 answers, 10,000 members and 1,000
 * channels (./support/board-seed.ts). For the week, month and all-time boards, in channel
 * and workspace scope, what `/drill leaderboard` reads is read as the bot reads it
 * (`readBoard`: the ranked page and the caller's place, the period in the calling channel's
 * zone, the streaks shown; through the production handle), asked by a member of each of a
 * spread of channels in five zones, and timed: p50 and p95. The reference is the same board
 * computed by a full scan of the points ledger (./support/board-reference.ts); every
 * reference run is checked to give exactly the page and place the bot showed.
 * Targets: at least 20 times faster than the full scan, and p95 under 15 ms.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/client.ts';
import type { BoardQuery } from '../../db/queries/points.ts';
import { type BoardRequest, readBoard } from '../../src/core/command-boards.ts';
import type { LeaderboardPeriod } from '../../src/core/commands/types.ts';
import { periodRange } from '../../src/core/leaderboard-period.ts';
import { postgresUnavailable } from './support/bench-db.ts';
import { openSeededBoards } from './support/board-database.ts';
import { boardFromLedger, expectSameBoard } from './support/board-reference.ts';
import {
  ANSWERS_PER_DRILL,
  CHANNELS,
  channelAt,
  channelZone,
  DRILLS_PER_CHANNEL,
  MEMBERS,
  memberOf,
  NOW,
  WORKSPACE,
} from './support/board-seed.ts';
import { type BenchRow, percentile } from './support/report.ts';
import { unavailableRow } from './support/unavailable.ts';

const SPEEDUP = 20;
const P95_MS = 15;
const TARGET = `>= ${SPEEDUP}x, p95 < ${P95_MS} ms`;
/** Channels the boards are asked from: spread over the five zones and the roster ring. */
const CALLERS = Array.from({ length: 20 }, (_, i) => 3 + 37 * i);
const SAMPLES = 100;
const WARMUP = 10;
const REFERENCE_SAMPLES = 5;

type Scope = 'channel' | 'workspace';
const BOARDS: { scope: Scope; period: LeaderboardPeriod }[] = [
  { scope: 'channel', period: 'week' },
  { scope: 'channel', period: 'month' },
  { scope: 'channel', period: 'all' },
  { scope: 'workspace', period: 'week' },
  { scope: 'workspace', period: 'month' },
  { scope: 'workspace', period: 'all' },
];

/** What `/drill leaderboard <period> <scope>` reads when `member` asks in channel `c`. */
function request(scope: Scope, period: LeaderboardPeriod, c: number): BoardRequest {
  return {
    channel: { id: channelAt(c), zone: channelZone(c) },
    scope,
    period,
    now: NOW,
    member: memberOf(c),
  };
}

/** The same board as a query over all rows (the reference recomputes these). */
function queryOf(asked: BoardRequest): BoardQuery {
  const range = periodRange(asked.period, asked.now, asked.channel.zone);
  return {
    scope: asked.scope === 'channel' ? { channelId: asked.channel.id } : { workspaceId: WORKSPACE },
    from: range.from,
    to: range.to,
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

const caller = (index: number) => CALLERS[index % CALLERS.length] ?? 0;

async function measureBoard(db: Db, scope: Scope, period: LeaderboardPeriod) {
  const reference: number[] = [];
  for (let i = 0; i < REFERENCE_SAMPLES; i += 1) {
    const asked = request(scope, period, caller(i));
    const expected = await timed(() => boardFromLedger(db, queryOf(asked)));
    const view = await readBoard(db, asked);
    expectSameBoard(
      `${scope} ${period} from channel ${caller(i)}`,
      view,
      expected.result,
      memberOf(caller(i)),
    );
    reference.push(expected.ms);
  }
  for (let i = 0; i < WARMUP; i += 1) await readBoard(db, request(scope, period, caller(i)));
  const board: number[] = [];
  let ranked = 0;
  for (let i = 0; i < SAMPLES; i += 1) {
    const run = await timed(() => readBoard(db, request(scope, period, caller(i))));
    board.push(run.ms);
    ranked = Math.max(ranked, run.result.board.total);
  }
  return {
    p50: percentile(board, 50),
    p95: percentile(board, 95),
    reference: percentile(reference, 50),
    ranked,
  };
}

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

export async function run(): Promise<BenchRow[]> {
  const bench = 'leaderboards (PostgreSQL)';
  const missing = postgresUnavailable();
  if (missing) {
    return BOARDS.map(({ scope, period }) =>
      unavailableRow(bench, `${scope} ${period} board p50 / p95`, TARGET, missing),
    );
  }
  const log = (line: string) => process.stderr.write(`leaderboards: ${line}\n`);
  const seeded = await openSeededBoards(log);
  try {
    log(`rows: ${JSON.stringify(seeded.counts)}`);
    const expectedAnswers = CHANNELS * DRILLS_PER_CHANNEL * ANSWERS_PER_DRILL;
    if (seeded.counts.answers !== expectedAnswers || seeded.counts.members !== MEMBERS) {
      throw new Error(`seeded ${JSON.stringify(seeded.counts)}`);
    }
    const rows: BenchRow[] = [];
    for (const { scope, period } of BOARDS) {
      const result = await measureBoard(seeded.handle.db, scope, period);
      const ratio = result.reference / result.p50;
      rows.push({
        bench,
        figure: `${scope} ${period} board p50 / p95 (${result.ranked} ranked)`,
        measured: `${ms(result.p50)} / ${ms(result.p95)}`,
        reference: `${ms(result.reference)} (full scan of the ledger, p50)`,
        ratio,
        target: TARGET,
        pass: ratio >= SPEEDUP && result.p95 < P95_MS,
      });
    }
    return rows;
  } finally {
    await seeded.dispose();
  }
}
