/** Shared by the hand-written answer tests: asserts exactly what an answer is credited with. */
import { expect, it } from 'vitest';
import { bundledContentDir, loadPacks } from '../../../src/content/load.ts';
import type { Question } from '../../../src/content/schema.ts';
import { coverage } from '../../../src/core/coverage.ts';

const { packs } = await loadPacks([bundledContentDir]);
const questions = new Map<string, Question>(
  packs.flatMap(({ pack }) => pack.questions.map((question) => [question.id, question] as const)),
);

/** Declares a test: `answer` to question `questionId` covers exactly `keyPoints` (any order). */
export function expectCredits(
  name: string,
  questionId: string,
  answer: string,
  keyPoints: readonly string[],
  mistakeMarkers: readonly string[] = [],
): void {
  it(name, () => {
    const question = questions.get(questionId);
    expect(question, `question ${questionId} in content/`).toBeDefined();
    if (!question) return;
    const result = coverage(answer, question);
    const order = question.framework.points.map((point) => point.id);
    expect(
      keyPoints.filter((id) => !order.includes(id)),
      'unknown key point ids',
    ).toEqual([]);
    const expected = order.filter((id) => keyPoints.includes(id));
    expect(result.covered, `evidence: ${JSON.stringify(result.evidence)}`).toEqual(expected);
    expect(result.mistakeMarkers).toEqual([...mistakeMarkers]);
  });
}
