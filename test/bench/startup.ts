/**
 * `npm run bench -- startup`: the real `drillbot start` (terminal channel, no tokens) from
 * spawn to a `/healthz` that answers ok, and its resident memory once ready and settled, with
 * 10,000 enrolled channels against the same process with none. On PGlite, and on PostgreSQL
 * when TEST_DATABASE_URL is set. Runs alternate between the two databases so drift on the
 * machine hits both alike; each figure is the median of several runs after a warm-up (the
 * first start compiles the TypeScript sources into tsx's cache).
 *
 * No target is set beyond "does not grow with the channels": a ratio above 3 would mean
 * start-up loads or keeps something per channel, and fails the row.
 */
import { CONSOLE_CHANNEL } from '../../adapters/console/index.ts';
import {
  availableEngines,
  type BenchEngine,
  ENGINE_LABEL,
  type PreparedDatabase,
  prepareDatabase,
} from './support/drillbot-database.ts';
import { type DrillbotProcess, startDrillbot } from './support/drillbot-process.ts';
import { type BenchRow, percentile } from './support/report.ts';
import { dailyAt, seedChannels } from './support/seed-channels.ts';

const CHANNELS = 10_000;
const RUNS = 7;
/** After ready: the first tick, the catalog, the JIT and the GC settle. */
const SETTLE_MS = 3_000;
const MIB = 2 ** 20;

interface Sample {
  readyMs: number;
  rssBytes: number;
}

/** 10,000 terminal-platform channels, idle: their daily slot is twelve hours away. */
async function withChannels(engine: BenchEngine): Promise<PreparedDatabase> {
  const workspace = CONSOLE_CHANNEL.split(':')[1] ?? 'local';
  return prepareDatabase(engine, async (db) => {
    await seedChannels(db, {
      platform: 'console',
      workspaces: [
        {
          id: workspace,
          channels: Array.from(
            { length: CHANNELS },
            (_, i) => `drills-${String(i).padStart(5, '0')}`,
          ),
        },
      ],
      ...dailyAt(new Date(Date.now() + 12 * 3_600_000)),
      zone: 'UTC',
      windowSeconds: 8 * 3600,
      enrolledBy: 'console:you',
    });
  });
}

async function sample(database: PreparedDatabase): Promise<Sample> {
  let bot: DrillbotProcess | undefined;
  try {
    bot = await startDrillbot({ env: database.env });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { readyMs: bot.readyMs, rssBytes: bot.rssBytes() };
  } finally {
    await bot?.stop();
  }
}

function median(samples: readonly Sample[], key: keyof Sample): number {
  return percentile(
    samples.map((s) => s[key]),
    50,
  );
}

async function measure(engine: BenchEngine): Promise<BenchRow[]> {
  const empty = await prepareDatabase(engine, async () => {});
  const loaded = await withChannels(engine);
  try {
    await sample(empty);
    const none: Sample[] = [];
    const many: Sample[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      none.push(await sample(empty));
      many.push(await sample(loaded));
    }
    const bench = `startup (${ENGINE_LABEL[engine]})`;
    const ready = { many: median(many, 'readyMs'), none: median(none, 'readyMs') };
    const rss = { many: median(many, 'rssBytes'), none: median(none, 'rssBytes') };
    return [
      {
        bench,
        figure: `start to ready (/healthz ok), ${CHANNELS.toLocaleString('en')} enrolled channels, median of ${RUNS}`,
        measured: `${Math.round(ready.many)} ms`,
        reference: `${Math.round(ready.none)} ms (no channels)`,
        ratio: ready.many / ready.none,
        target: '<= 3 (report)',
        pass: ready.many / ready.none <= 3,
      },
      {
        bench,
        figure: `resident memory ${SETTLE_MS / 1000} s after ready, ${CHANNELS.toLocaleString('en')} enrolled channels, median of ${RUNS}`,
        measured: `${(rss.many / MIB).toFixed(0)} MiB`,
        reference: `${(rss.none / MIB).toFixed(0)} MiB (no channels)`,
        ratio: rss.many / rss.none,
        target: '<= 3 (report)',
        pass: rss.many / rss.none <= 3,
      },
    ];
  } finally {
    await empty.dispose();
    await loaded.dispose();
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const engine of availableEngines()) rows.push(...(await measure(engine)));
  return rows;
}
