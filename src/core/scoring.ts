/**
 * Scores the on-time answers of one drill at the reveal. Pure: no clock, no I/O; the same
 * answers, votes and scheme always give the same points.
 *
 * Streak bonuses are not here: they depend on the member's history across drills (see the
 * leaderboard), while this function sees one drill.
 */
import type { Question } from '../content/schema.ts';
import type { Coverage } from './coverage.ts';
import { findCopies } from './scoring-copy.ts';
import { drillWordsOf } from './scoring-pass.ts';
import { repeatsQuestion } from './scoring-repeat.ts';
import { looksLikeBareTermList } from './scoring-term-list.ts';

export interface ScoringScheme {
  /** Points for any non-empty on-time answer, gaming or not. */
  readonly participation: number;
  /**
   * Coverage ratios (covered key points / all key points) from which each further coverage
   * point is earned, ascending; the coverage points are how many of them the ratio reaches.
   */
  readonly coverageThresholds: readonly number[];
  /** Counted upvotes an answer needs for the vote points. */
  readonly votesForPoint: number;
  /** Points for reaching `votesForPoint`. */
  readonly votePoints: number;
}

/**
 * The scheme drillbot uses. 1 point for taking part: any non-empty on-time answer. 0 to 3
 * points for coverage of the framework's key points: 1 from a tenth of them (one key point in
 * any current framework), 2 from half, 3 from four fifths. 1 point when the answer got at
 * least 2 counted upvotes. Late answers are not scored at all; gaming (a bare list of terms,
 * the question repeated back, a copy of an earlier answer) earns the participation point only.
 *
 * Why these steps: frameworks have 5 to 8 key points and a thread reply rarely names every
 * one, so four fifths means "all but one" in all of them (4 of 5, 5 of 6, 6 of 7, 7 of 8)
 * and a thorough answer gets the full 3 whatever the framework's size, while the reveal
 * teaches the one it missed. Half is the middle step by any reading. One real key point is a
 * real contribution and earns the first point: off-topic prose covers nothing (the rubric
 * self-checks enforce it) and keyword dumps are caught as gaming. In a 6-point framework the
 * coverage points go 0 | 1 | 2 | 3 for 0 | 1-2 | 3-4 | 5-6 key points; in a 7-point one for
 * 0 | 1-3 | 4-5 | 6-7. Votes need two upvotes so that one friend's reaction is not a point.
 */
export const DEFAULT_SCHEME: ScoringScheme = {
  participation: 1,
  // 4/5 and 0.8 are the same double, as are 1/10 and 0.1, so ratios land exactly on a step.
  coverageThresholds: [0.1, 0.5, 0.8],
  votesForPoint: 2,
  votePoints: 1,
};

export type ScoringFlag = 'bare-term-list' | 'repeats-question' | 'copy' | 'empty';

export interface AnswerToScore {
  readonly memberId: string;
  /** The frozen answer text (all of the member's on-time replies, joined). */
  readonly text: string;
  /** When the member's first reply was sent: decides who copied whom. */
  readonly firstSentAt: Date;
}

export interface ScoreInput {
  readonly question: Question;
  readonly answers: ReadonlyArray<AnswerToScore>;
  /** memberId -> upvotes that count (self-votes, bots and non-answerers already removed). */
  readonly votes?: ReadonlyMap<string, number>;
  readonly scheme?: ScoringScheme;
}

export interface ScoredAnswer {
  readonly memberId: string;
  /** The answer's real coverage, also when gaming keeps it from earning points (the member
   * still sees privately what was missed). */
  readonly coverage: Coverage;
  readonly points: {
    readonly participation: number;
    readonly coverage: number;
    readonly votes: number;
  };
  readonly total: number;
  /** In the order of `ScoringFlag`; any non-empty flag means participation points only. */
  readonly flags: ScoringFlag[];
  /** The member whose earlier answer this one copies (set with the `copy` flag). */
  readonly copiedFrom?: string;
}

/** Coverage points for a ratio: how many of the scheme's thresholds it reaches. */
export function coveragePoints(ratio: number, scheme: ScoringScheme = DEFAULT_SCHEME): number {
  // Exact on the steps: a ratio is a correctly rounded division, so 4/5 and 8/10 give the
  // very double the literal 0.8 denotes.
  return scheme.coverageThresholds.filter((threshold) => ratio >= threshold).length;
}

/** Vote points: all or nothing at the threshold. */
export function votePoints(upvotes: number, scheme: ScoringScheme = DEFAULT_SCHEME): number {
  return upvotes >= scheme.votesForPoint ? scheme.votePoints : 0;
}

/**
 * One `ScoredAnswer` per answer, in input order. Pass all of a drill's on-time answers in
 * one call: copies are looked for among them (late answers score nothing and are left out).
 * Gaming flags keep coverage and vote points at 0 but the participation point stays: the
 * member did show up, and a false positive then costs little.
 */
export function scoreAnswers(input: ScoreInput): ScoredAnswer[] {
  const { question, answers } = input;
  const scheme = input.scheme ?? DEFAULT_SCHEME;
  // Each answer is read once for all the checks below (see scoring-pass.ts).
  const words = drillWordsOf(question);
  const read = answers.map((answer) => ({
    answer,
    reading: words.read(answer.text),
    empty: answer.text.trim() === '',
  }));
  const copies = findCopies(
    read.map(({ answer, reading, empty }) => ({
      memberId: answer.memberId,
      firstSentAt: answer.firstSentAt,
      // An empty answer has nothing to copy or be copied.
      shingles: empty ? new Set<number>() : reading.shingles,
    })),
  );

  return read.map(({ answer, reading, empty }, index): ScoredAnswer => {
    const covered = reading.coverage;
    if (empty) {
      return {
        memberId: answer.memberId,
        coverage: covered,
        points: { participation: 0, coverage: 0, votes: 0 },
        total: 0,
        flags: ['empty'],
      };
    }
    const copy = copies[index];
    const flags: ScoringFlag[] = [];
    if (looksLikeBareTermList(answer.text, words.borrowed, reading.counts)) {
      flags.push('bare-term-list');
    }
    if (repeatsQuestion(reading.repeat)) flags.push('repeats-question');
    if (copy) flags.push('copy');
    const gaming = flags.length > 0;
    const points = {
      participation: scheme.participation,
      coverage: gaming ? 0 : coveragePoints(covered.ratio, scheme),
      votes: gaming ? 0 : votePoints(input.votes?.get(answer.memberId) ?? 0, scheme),
    };
    return {
      memberId: answer.memberId,
      coverage: covered,
      points,
      total: points.participation + points.coverage + points.votes,
      flags,
      ...(copy ? { copiedFrom: copy.copiedFrom } : {}),
    };
  });
}
