/**
 * The benchmarks' one output format: each figure measured beside its reference in the same
 * run, reported as a ratio with its target. Nothing is written to disk; the table is printed.
 */
import { cpus, totalmem } from 'node:os';

export interface BenchRow {
  /** Which benchmark, e.g. "ingest (PGlite)". */
  bench: string;
  /** What was measured, e.g. "answers/s through the engine". */
  figure: string;
  /** The measured value with its unit, e.g. "812 /s". */
  measured: string;
  /** The reference measured in the same run, with its unit, e.g. "905 /s (direct SQL)". */
  reference: string;
  /** measured relative to reference, in the direction the target is written in. */
  ratio: number;
  /** The target as text, e.g. ">= 0.8". */
  target: string;
  /**
   * Whether the ratio (and any absolute bound named in the target) meets it; undefined for a
   * figure reported for reference, beside the one the target is about.
   */
  pass: boolean | undefined;
}

const COLUMNS: (keyof BenchRow)[] = [
  'bench',
  'figure',
  'measured',
  'reference',
  'ratio',
  'target',
  'pass',
];

function cell(row: BenchRow, column: keyof BenchRow): string {
  const value = row[column];
  if (column === 'ratio') return (value as number).toFixed((value as number) >= 10 ? 1 : 3);
  if (column === 'pass') return value === undefined ? '—' : value ? 'yes' : 'NO';
  return String(value);
}

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  return `${new Date().toISOString().slice(0, 10)} · node ${process.version} · ${cpus().length} × ${cpu} · ${memory}`;
}

/** A Markdown table, so it can be pasted into the README's Performance section as printed. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = `| ${COLUMNS.join(' | ')} |`;
  const rule = `|${COLUMNS.map(() => '---').join('|')}|`;
  const body = rows.map((row) => `| ${COLUMNS.map((column) => cell(row, column)).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

export function printTable(rows: readonly BenchRow[]): void {
  process.stdout.write(`\n${machineLine()}\n\n${formatTable(rows)}\n`);
}

/** Percentile of already-measured durations (nearest-rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
