/**
 * `content:lint`: validates every pack, prints a summary per pack, the rubric self-check
 * findings and every error. Exit code 1 on any error; rubric findings are warnings here (the
 * test suite enforces them) so a half-written pack can still be linted for structure.
 */
import { type LoadedPack, loadPacks } from './load.ts';
import { displayPath, formatPackError } from './pack-errors.ts';
import { checkRubric } from './rubric-check.ts';

/** Where lint output goes: process.stdout, or a collector in tests. */
export interface LintOutput {
  write(text: string): unknown;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** e.g. "ai-security-engineer (content/ai-security-engineer.yaml): 15 questions, ..." */
export function summarisePack({ pack, file }: LoadedPack, cwd: string = process.cwd()): string[] {
  const questions = pack.questions;
  const difficulty = countBy(questions, (q) => String(q.difficulty));
  const spread = ['1', '2', '3'].map((level) => `${level}:${difficulty.get(level) ?? 0}`).join(' ');
  const points = questions.flatMap((q) => q.framework.points);
  const phrases = points.reduce((sum, point) => sum + point.rubric.length, 0);
  const tags = [
    ...countBy(
      questions.flatMap((q) => q.tags),
      (tag) => tag,
    ),
  ].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return [
    `${pack.id} (${displayPath(file, cwd)}): ${plural(questions.length, 'question')}, difficulty ${spread}, ${plural(points.length, 'key point')}, ${plural(phrases, 'rubric phrase')}`,
    `  tags (${tags.length}): ${tags.map(([tag, count]) => (count > 1 ? `${tag}×${count}` : tag)).join(', ')}`,
  ];
}

/** Lints the packs in `dirs`; returns the process exit code. */
export async function lintPacks(dirs: readonly string[], out: LintOutput): Promise<number> {
  const { packs, errors } = await loadPacks(dirs);
  const lines: string[] = [];
  let warnings = 0;
  for (const loaded of packs) {
    lines.push(...summarisePack(loaded));
    for (const question of loaded.pack.questions) {
      for (const finding of checkRubric(question)) {
        warnings += 1;
        lines.push(`  warning: question "${finding.questionId}": ${finding.message}`);
      }
    }
  }
  for (const error of errors) lines.push(`error: ${formatPackError(error)}`);
  const questions = packs.reduce((sum, { pack }) => sum + pack.questions.length, 0);
  lines.push(
    `${plural(packs.length, 'pack')}, ${plural(questions, 'question')} valid; ${plural(errors.length, 'error')}, ${plural(warnings, 'rubric warning')}`,
  );
  out.write(`${lines.join('\n')}\n`);
  return errors.length > 0 ? 1 : 0;
}
