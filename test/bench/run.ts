/**
 * `npm run bench`: runs every benchmark in turn and prints one table. Not part of `npm test`;
 * commits no results. PostgreSQL figures need TEST_DATABASE_URL (the npm script starts a
 * throwaway cluster with .ci/with-postgres.sh).
 *
 * Each benchmark module exports `run(): Promise<BenchRow[]>`; pass names to run only some:
 *   npm run bench -- ingest leaderboards
 */
import { type BenchRow, printTable } from './support/report.ts';

type Bench = { run: () => Promise<BenchRow[]> };

const BENCHES: Record<string, () => Promise<Bench>> = {
  ingest: () => import('./ingest.ts'),
  // After ingest: scoring is reported as a share of the ingest cost measured in the same run.
  scoring: () => import('./scoring.ts'),
  leaderboards: () => import('./leaderboards.ts'),
  fanout: () => import('./fanout.ts'),
  startup: () => import('./startup.ts'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`,
  );
  process.exit(2);
}
const rows: BenchRow[] = [];
for (const [name, load] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stderr.write(`== ${name}\n`);
  const bench = await load();
  rows.push(...(await bench.run()));
}
printTable(rows);
