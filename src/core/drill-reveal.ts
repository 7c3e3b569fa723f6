/**
 * Closing drills: freeze every answer as it stood at the reveal time, score coverage, post
 * the reveal in the thread, and send reminders before the close. A reveal is claimed with a
 * lease, so two processes never reveal one drill; a retried reveal looks for its marker first.
 */
import { answersAt, answersOfDrill } from '../../db/queries/answers.ts';
import { getChannel } from '../../db/queries/channels.ts';
import { claimReminder, deferLease, markRevealed, takeLease } from '../../db/queries/drills.ts';
import { votesByAuthor } from '../../db/queries/votes.ts';
import type { Drill } from '../../db/schema.ts';
import { missedPointsCard, type RevealedAnswer, reminderCard, revealCard } from './cards.ts';
import { type EngineContext, platformFor } from './context.ts';
import { backoffMs, pauseForLostChannel, questionOfDrill } from './drill-posting.ts';
import { type StoredScore, scoreDrill } from './drill-scoring.ts';
import { platformOf } from './ids.ts';
import { PlatformError } from './platform.ts';
import { shownVotes } from './votes.ts';

/** The answers as scored, with names, votes and late replies, for the reveal card. */
async function revealedAnswers(
  context: EngineContext,
  drillId: number,
  revealAt: Date,
): Promise<RevealedAnswer[]> {
  const asOfReveal = await answersAt(context.db, drillId, revealAt);
  const scores = new Map((await answersOfDrill(context.db, drillId)).map((row) => [row.id, row]));
  const votes = await votesByAuthor(context.db, drillId);
  return asOfReveal.map((answer) => {
    const row = scores.get(answer.answerId);
    const score = (row?.score ?? undefined) as StoredScore | undefined;
    return {
      memberId: answer.memberId,
      name: answer.displayName ?? answer.memberId,
      text: row?.frozenText ?? answer.text,
      covered: score?.covered ?? [],
      ratio: score?.ratio ?? 0,
      fellIntoMistake: (score?.mistakeMarkers.length ?? 0) > 0,
      points: row?.onTime ? (row.points ?? 0) : null,
      votes: shownVotes(votes.get(answer.memberId) ?? 0),
      flags: score?.flags ?? [],
      lateReplies: answer.lateReplies,
    };
  });
}

/** Tells each member who answered on time, privately, what their answer missed. */
async function sendMissedPoints(
  context: EngineContext,
  channelId: string,
  drill: Drill,
  answers: RevealedAnswer[],
): Promise<void> {
  const asked = await questionOfDrill(context, drill);
  if (!asked) return;
  const platform = platformFor(context, channelId);
  for (const answer of answers.filter((entry) => entry.text.trim() !== '')) {
    try {
      await platform.postPrivate(
        channelId,
        answer.memberId,
        missedPointsCard(asked.question, answer.covered, answer.points),
      );
    } catch (error) {
      context.logger.warn(
        { channel: channelId, drill: drill.id, err: error },
        'private feedback failed',
      );
    }
  }
}

/** Reveals an open drill whose reveal time has come; a no-op if another process has it. */
export async function revealDrill(context: EngineContext, drill: Drill): Promise<boolean> {
  const { db, logger } = context;
  const now = context.clock.now();
  const held = await takeLease(
    db,
    drill.id,
    'open',
    context.instanceId,
    now,
    new Date(now.getTime() + context.settings.leaseMs),
  );
  if (!held?.revealAt || !held.messageRef) return false;
  const channel = await getChannel(db, held.channelId);
  const asked = await questionOfDrill(context, held);
  if (!channel || !asked) {
    await markRevealed(db, held.id, context.instanceId, {
      revealedAt: now,
      revealMessageRef: null,
    });
    return true;
  }
  await scoreDrill(context, held, channel, asked.question);
  const answers = await revealedAnswers(context, held.id, held.revealAt);
  const platform = platformFor(context, channel.id);
  const marker = `reveal:${held.id}` as const;
  let revealRef: string | null = null;
  try {
    const found =
      held.attempts > 1
        ? await platform.findPosted(channel.id, marker, held.messageRef)
        : undefined;
    revealRef =
      found?.ref ??
      (
        await platform.postInThread(
          held.messageRef,
          revealCard({ question: asked.question, answers, mode: held.mode }),
          { marker },
        )
      ).ref;
  } catch (error) {
    context.metrics.platformError(
      platformOf(channel.id),
      error instanceof PlatformError ? error.kind : 'other',
    );
    if (error instanceof PlatformError && error.channelLost) {
      // Nobody can see a reveal there any more; close the drill so scores are not held up.
      await markRevealed(db, held.id, context.instanceId, {
        revealedAt: now,
        revealMessageRef: null,
      });
      await pauseForLostChannel(context, channel, error.kind);
      return true;
    }
    const retryIn =
      error instanceof PlatformError && error.kind === 'unknown_outcome'
        ? 0
        : backoffMs(held.attempts, error instanceof PlatformError ? error.retryAfterMs : undefined);
    await deferLease(db, held.id, context.instanceId, new Date(now.getTime() + retryIn));
    logger.warn(
      { channel: channel.id, drill: held.id, err: error, retryInMs: retryIn },
      'reveal post failed; will retry',
    );
    return false;
  }
  const done = await markRevealed(db, held.id, context.instanceId, {
    revealedAt: now,
    revealMessageRef: revealRef,
  });
  if (done) {
    context.metrics.drillRevealed(platformOf(channel.id));
    logger.info(
      { channel: channel.id, drill: held.id, answers: answers.filter((a) => a.text !== '').length },
      'drill revealed',
    );
    await sendMissedPoints(context, channel.id, held, answers);
  }
  return done;
}

/** Posts the reminder in the drill's thread, once. */
export async function remindDrill(context: EngineContext, drill: Drill): Promise<void> {
  const now = context.clock.now();
  if (!drill.messageRef || !drill.revealAt) return;
  if (!(await claimReminder(context.db, drill.id, now))) return;
  const channel = await getChannel(context.db, drill.channelId);
  if (!channel) return;
  const answered = (await answersAt(context.db, drill.id, drill.revealAt)).filter(
    (a) => a.text !== '',
  ).length;
  try {
    await platformFor(context, channel.id).postInThread(
      drill.messageRef,
      reminderCard(drill.revealAt, channel.zone, answered),
      {
        marker: `reminder:${drill.id}`,
      },
    );
  } catch (error) {
    // A reminder is a nudge, not a promise: it is claimed once and not retried.
    context.logger.warn({ channel: channel.id, drill: drill.id, err: error }, 'reminder failed');
  }
}
