import { defineConfig } from 'vitest/config';

/**
 * `npm run test:chaos`: the multi-process chaos and fault runs (test/chaos/*.chaos.ts). Each
 * starts its own PostgreSQL server, fakes and drillbot processes, so they run one at a time.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
