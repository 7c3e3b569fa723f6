/**
 * The row a benchmark reports for a figure it could not measure here (PostgreSQL figures
 * without TEST_DATABASE_URL): the table says so, and the run goes on.
 */
import type { BenchRow } from './report.ts';

export function unavailableRow(
  bench: string,
  figure: string,
  target: string,
  why: string,
): BenchRow {
  return { bench, figure, measured: 'not measured', reference: why, ratio: 0, target, pass: false };
}
