/** Shared by the scoring tests: real questions from the bundled packs, and drill times. */
import { expect, it } from 'vitest';
import { bundledContentDir, loadPacks } from '../../src/content/load.ts';
import type { Question } from '../../src/content/schema.ts';
import { type AnswerToScore, type ScoredAnswer, scoreAnswers } from '../../src/core/scoring.ts';

const { packs } = await loadPacks([bundledContentDir]);
const questions = new Map<string, Question>(
  packs.flatMap(({ pack }) => pack.questions.map((question) => [question.id, question] as const)),
);

/** A question of the bundled packs; throws so a renamed question fails loudly. */
export function questionById(id: string): Question {
  const question = questions.get(id);
  if (!question) throw new Error(`question ${id} not found in content/`);
  return question;
}

const DRILL_POSTED_AT = Date.UTC(2025, 2, 10, 9, 0);

/** The moment `minutes` after the drill was posted. */
export function minutesIn(minutes: number): Date {
  return new Date(DRILL_POSTED_AT + minutes * 60_000);
}

/** An answer sent `minutes` into the drill. */
export function answer(memberId: string, minutes: number, text: string): AnswerToScore {
  return { memberId, text, firstSentAt: minutesIn(minutes) };
}

/** What a test pins about a scored answer: the points, flags and covered key points. */
export interface ScoreSummary {
  readonly covered: readonly string[];
  readonly points: readonly [participation: number, coverage: number, votes: number];
  readonly total: number;
  readonly flags: readonly string[];
  readonly copiedFrom?: string;
  readonly mistakeMarkers?: readonly string[];
}

export function summarise(scored: ScoredAnswer): ScoreSummary {
  const { participation, coverage, votes } = scored.points;
  return {
    covered: scored.coverage.covered,
    points: [participation, coverage, votes],
    total: scored.total,
    flags: scored.flags,
    ...(scored.copiedFrom ? { copiedFrom: scored.copiedFrom } : {}),
    ...(scored.coverage.mistakeMarkers.length > 0
      ? { mistakeMarkers: scored.coverage.mistakeMarkers }
      : {}),
  };
}

/** One member's answer in a drill test, and what it must score. */
export interface DrillRow {
  readonly kind: string;
  readonly answer: AnswerToScore;
  readonly expected: ScoreSummary;
}

/**
 * Scores all rows as one drill (as the reveal does, so copies are found among them) and
 * declares one test per row, named after the member and the kind of answer.
 */
export function itScoresDrill(
  question: Question,
  rows: readonly DrillRow[],
  votes: ReadonlyMap<string, number>,
): void {
  const scored = scoreAnswers({ question, answers: rows.map((row) => row.answer), votes });
  it('returns one result per answer, in order', () => {
    expect(scored.map((result) => result.memberId)).toEqual(rows.map((row) => row.answer.memberId));
  });
  for (const [index, row] of rows.entries()) {
    it(`${row.answer.memberId}: ${row.kind}`, () => {
      const result = scored[index];
      expect(result && summarise(result)).toEqual(row.expected);
    });
  }
}
