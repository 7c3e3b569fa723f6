import { defineConfig } from 'vitest/config';

/**
 * `npm run test:chaos`: the multi-process chaos and fault runs (test/chaos/*.chaos.ts). Each
 * starts its own PostgreSQL server, fakes and drillbot processes, so they run one at a time.
 *
 * A failed run is run once more, in a fresh world. The runs are random (which process dies
 * when, which post a fault hits), and a few rare interleavings are still open (see the
 * README, "Proof under load and faults"): every failure prints its whole report and its
 * first error lines, so it stays in the CI output for whoever picks it up, while one rare
 * race does not hide every other result. A fault that recurs fails both runs.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    retry: 1,
  },
});
