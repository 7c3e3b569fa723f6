/**
 * Scoring a drill at its reveal, once: freeze every answer as it stood at the reveal time,
 * score the on-time ones (./scoring.ts), and write the points to the ledger with their
 * reasons, the streaks and the day aggregates, all in one transaction claimed by
 * `drills.scored_at`. A reveal retried after a crash finds the drill scored and only posts.
 */
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { answersAt, freezeAnswer } from '../../db/queries/answers.ts';
import { type Award, awardAll } from '../../db/queries/points.ts';
import { applyDrillToStreaks } from '../../db/queries/stats.ts';
import { votesByAuthor } from '../../db/queries/votes.ts';
import { type Channel, type Drill, drills, members } from '../../db/schema.ts';
import type { Question } from '../content/schema.ts';
import type { EngineContext } from './context.ts';
import { coverage } from './coverage.ts';
import { workspaceOfChannel } from './ids.ts';
import { localDay } from './leaderboard-period.ts';
import { DEFAULT_SCHEME, type ScoredAnswer, scoreAnswers } from './scoring.ts';
import { streakBonus } from './streaks.ts';

/** What a frozen answer's `score` column holds, read back by the reveal and by stats. */
export interface StoredScore {
  covered: string[];
  missed: string[];
  ratio: number;
  mistakeMarkers: string[];
  flags: string[];
  copiedFrom?: string;
  points: { participation: number; coverage: number; votes: number; streakBonus: number };
  streak?: number;
}

export const awardKey = (drillId: number, memberId: string, reason: string) =>
  `drill:${drillId}:${memberId}:${reason}`;

async function claimScoring(tx: Tx, drillId: number, at: Date): Promise<boolean> {
  const rows = await tx
    .update(drills)
    .set({ scoredAt: at })
    .where(and(eq(drills.id, drillId), isNull(drills.scoredAt)))
    .returning({ id: drills.id });
  return rows.length === 1;
}

async function optedOut(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(inArray(members.id, [...ids]), isNotNull(members.optedOutAt)));
  return new Set(rows.map((row) => row.id));
}

/** Freezes and scores the drill's answers unless that was done before. */
export async function scoreDrill(
  context: EngineContext,
  drill: Drill,
  channel: Channel,
  question: Question,
): Promise<void> {
  const revealAt = drill.revealAt;
  if (!revealAt || drill.scoredAt) return;
  const now = context.clock.now();
  const workspaceId = workspaceOfChannel(channel.id);
  const day = localDay(now, channel.zone);
  await context.db.transaction(async (tx) => {
    if (!(await claimScoring(tx, drill.id, now))) return;
    const stored = await answersAt(tx, drill.id, revealAt);
    const onTime = stored.filter(
      (answer) => answer.text.trim() !== '' && answer.firstSentAt !== null,
    );
    const votes = await votesByAuthor(tx, drill.id);
    const scored = scoreAnswers({
      question,
      answers: onTime.map((answer) => ({
        memberId: answer.memberId,
        text: answer.text,
        firstSentAt: answer.firstSentAt ?? revealAt,
      })),
      votes,
    });
    const skipPoints = await optedOut(
      tx,
      onTime.map((answer) => answer.memberId),
    );
    const counted = scored.filter((entry) => !skipPoints.has(entry.memberId));
    const streaks = await applyDrillToStreaks(
      tx,
      channel.id,
      counted.map((entry) => ({ memberId: entry.memberId, coverage: entry.coverage.ratio })),
      now,
    );
    const byMember = new Map<string, ScoredAnswer>(scored.map((entry) => [entry.memberId, entry]));
    // Written after the loop, in member order (see awardAll).
    const awards: Award[] = [];
    for (const answer of stored) {
      const entry = byMember.get(answer.memberId);
      const earns = entry !== undefined && !skipPoints.has(answer.memberId);
      const streak = earns ? streaks.get(answer.memberId) : undefined;
      const bonus = streak === undefined ? 0 : streakBonus(streak);
      const points = {
        participation: earns ? entry.points.participation : 0,
        coverage: earns ? entry.points.coverage : 0,
        votes: earns ? entry.points.votes : 0,
        streakBonus: bonus,
      };
      const found = entry?.coverage ?? coverage(answer.text, question);
      const score: StoredScore = {
        covered: found.covered,
        missed: found.missed,
        ratio: found.ratio,
        mistakeMarkers: found.mistakeMarkers,
        flags: entry ? [...entry.flags] : [],
        ...(entry?.copiedFrom ? { copiedFrom: entry.copiedFrom } : {}),
        points,
        ...(streak === undefined ? {} : { streak }),
      };
      await freezeAnswer(tx, answer.answerId, {
        frozenText: answer.text,
        onTime: entry !== undefined,
        frozenAt: now,
        score: { ...score },
        points: points.participation + points.coverage + points.votes + points.streakBonus,
      });
      if (!earns) continue;
      const base = {
        memberId: answer.memberId,
        workspaceId,
        channelId: channel.id,
        drillId: drill.id,
        earnedAt: now,
        day,
      };
      for (const [reason, value] of [
        ['participation', points.participation],
        ['coverage', points.coverage],
        ['votes', points.votes],
        ['streak_bonus', points.streakBonus],
      ] as const) {
        if (value > 0)
          awards.push({
            ...base,
            reason,
            points: value,
            awardKey: awardKey(drill.id, answer.memberId, reason),
          });
      }
    }
    await awardAll(tx, awards);
    context.logger.info(
      { channel: channel.id, drill: drill.id, scored: counted.length },
      'drill scored',
    );
  });
}

export const SCORING_SCHEME = DEFAULT_SCHEME;
