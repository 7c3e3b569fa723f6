/**
 * Posting drills: claim a slot in the database, choose the question, post it, record the
 * outcome. A post whose outcome is unknown is never blindly retried: the next attempt first
 * looks for the message by its marker (design: idempotency).
 */
import type { Db, Tx } from '../../db/client.ts';
import { advanceNextRun, getChannel, pauseChannel } from '../../db/queries/channels.ts';
import {
  askedQuestions,
  claimSlot,
  closeUnrevealed,
  deferLease,
  markOpen,
  recordSkipped,
  takeLease,
} from '../../db/queries/drills.ts';
import { getSnapshot } from '../../db/queries/snapshots.ts';
import type { Channel, Drill } from '../../db/schema.ts';
import { type Question, questionSchema } from '../content/schema.ts';
import { questionCard } from './cards.ts';
import { type EngineContext, platformFor } from './context.ts';
import { platformOf } from './ids.ts';
import { notice, text } from './messages.ts';
import { PlatformError } from './platform.ts';
import { nextQuestion, type RotationQuestion } from './rotation.ts';

/** Retry delay after a failed platform call: 5 s doubling per attempt, at most 5 minutes. */
export function backoffMs(attempts: number, retryAfterMs?: number): number {
  const exponential = Math.min(300_000, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}

/** The questions a channel draws from: its packs, or every loaded pack when it follows `all`. */
export function poolOf(context: EngineContext, channel: Channel): RotationQuestion[] {
  const packs = context
    .catalog()
    .packs.filter((pack) => channel.allPacks || channel.packs.includes(pack.id));
  return packs.flatMap((pack) =>
    pack.questions.map((question) => ({
      packId: pack.id,
      questionId: question.id,
      tags: question.tags,
      difficulty: question.difficulty,
    })),
  );
}

/** Picks the channel's next question and returns its snapshot id, or undefined if none. */
export async function chooseSnapshot(
  context: EngineContext,
  db: Db | Tx,
  channel: Channel,
): Promise<number | undefined> {
  const asked = await askedQuestions(db, channel.id);
  const picked = nextQuestion({
    seed: channel.rotationSeed,
    pool: poolOf(context, channel),
    asked,
  });
  return picked ? context.catalog().snapshotId(picked.packId, picked.questionId) : undefined;
}

/** The question as it was stored when the drill was claimed. */
export async function questionOfDrill(
  context: EngineContext,
  drill: Drill,
): Promise<{ question: Question; packId: string } | undefined> {
  if (drill.snapshotId === null) return undefined;
  const snapshot = await getSnapshot(context.db, drill.snapshotId);
  if (!snapshot) return undefined;
  return { question: questionSchema.parse(snapshot.body), packId: snapshot.packId };
}

export interface ClaimRequest {
  channel: Channel;
  slotAt: Date;
  trigger: 'schedule' | 'manual';
  /** For scheduled slots: move the channel's next slot from its current value to this. */
  advanceTo?: Date;
  skipped?: readonly Date[];
}

/**
 * Claims a slot and (for schedule slots) advances the channel's next slot in one
 * transaction, so either both happen or neither. Returns the claimed drill, or undefined
 * when another process got there first or there is no question to ask.
 */
export async function claimDrill(
  context: EngineContext,
  request: ClaimRequest,
): Promise<Drill | undefined> {
  const now = context.clock.now();
  const { channel } = request;
  return context.db
    .transaction(async (tx) => {
      if (request.advanceTo && channel.nextRunAt) {
        const moved = await advanceNextRun(tx, channel.id, channel.nextRunAt, request.advanceTo);
        if (!moved) return undefined;
        await recordSkipped(tx, channel.id, request.skipped ?? []);
      }
      const snapshotId = await chooseSnapshot(context, tx, channel);
      if (snapshotId === undefined) {
        context.logger.warn(
          { channel: channel.id },
          'no question available for this channel: slot skipped',
        );
        await recordSkipped(tx, channel.id, [request.slotAt]);
        return undefined;
      }
      const drill = await claimSlot(tx, {
        channelId: channel.id,
        snapshotId,
        slotAt: request.slotAt,
        trigger: request.trigger,
        status: 'claimed',
        mode: channel.mode,
        leaseOwner: context.instanceId,
        leaseExpiresAt: new Date(now.getTime() + context.settings.leaseMs),
        attempts: 1,
      });
      // Conflict: the slot already has a drill, or a live drill appeared (`/drill now` on another
      // instance). Roll back so the schedule is not advanced past a slot nobody posted.
      if (!drill) throw new SlotTaken();
      return drill;
    })
    .catch((error: unknown) => {
      if (error instanceof SlotTaken) return undefined;
      throw error;
    });
}

class SlotTaken extends Error {}

/** Moves the channel's next slot on when nothing is to be posted, recording missed slots. */
export async function advanceSchedule(
  context: EngineContext,
  channel: Channel,
  to: Date,
  skipped: readonly Date[],
): Promise<boolean> {
  if (!channel.nextRunAt) return false;
  const from = channel.nextRunAt;
  return context.db.transaction(async (tx) => {
    const moved = await advanceNextRun(tx, channel.id, from, to);
    if (moved) await recordSkipped(tx, channel.id, skipped);
    return moved;
  });
}

/** Resumes a claim whose lease ran out (its poster died or its outcome was unknown). */
export async function resumeClaim(context: EngineContext, drill: Drill): Promise<void> {
  const now = context.clock.now();
  const taken = await takeLease(
    context.db,
    drill.id,
    'claimed',
    context.instanceId,
    now,
    new Date(now.getTime() + context.settings.leaseMs),
  );
  if (taken) await postClaimed(context, taken);
}

/** Posts a drill this process holds the lease on, and records the outcome. */
export async function postClaimed(context: EngineContext, drill: Drill): Promise<void> {
  const { db, logger } = context;
  const now = context.clock.now();
  const channel = await getChannel(db, drill.channelId);
  const asked = await questionOfDrill(context, drill);
  if (!channel || !asked) {
    await closeUnrevealed(db, drill.id, 'withdrawn');
    return;
  }
  const windowMs = channel.windowSeconds * 1000;
  const revealAt = new Date(drill.slotAt.getTime() + windowMs);
  // A claim resumed after a long outage follows the catch-up rule like a missed slot.
  if (drill.trigger === 'schedule' && now.getTime() > drill.slotAt.getTime() + windowMs / 2) {
    const platform = platformFor(context, channel.id);
    const found =
      drill.attempts > 1 ? await platform.findPosted(channel.id, `drill:${drill.id}`) : undefined;
    if (!found) {
      await closeUnrevealed(db, drill.id, 'skipped');
      logger.info(
        { channel: channel.id, drill: drill.id },
        'claimed slot too late to post: skipped',
      );
      return;
    }
  }
  const platform = platformFor(context, channel.id);
  const marker = `drill:${drill.id}` as const;
  let ref: string;
  try {
    const found = drill.attempts > 1 ? await platform.findPosted(channel.id, marker) : undefined;
    if (found) {
      ref = found.ref;
      logger.info(
        { channel: channel.id, drill: drill.id },
        'found the drill posted by an earlier attempt',
      );
    } else {
      const pack = context.catalog().packs.find((candidate) => candidate.id === asked.packId);
      const card = questionCard({
        packTitle: pack?.title ?? asked.packId,
        question: asked.question,
        closesAt: revealAt,
        zone: channel.zone,
        mode: channel.mode,
        ping: channel.pingTarget,
        drillId: drill.id,
      });
      ref = (await platform.postMessage(channel.id, card, { marker })).ref;
    }
  } catch (error) {
    await handlePostFailure(context, drill, channel, error);
    return;
  }
  const remindAt = channel.remindBeforeSeconds
    ? new Date(revealAt.getTime() - channel.remindBeforeSeconds * 1000)
    : null;
  const opened = await markOpen(db, drill.id, context.instanceId, {
    messageRef: ref,
    postedAt: now,
    revealAt,
    remindAt,
  });
  if (opened) {
    context.metrics.drillPosted(platformOf(channel.id));
    logger.info(
      { channel: channel.id, drill: drill.id, slot: drill.slotAt.toISOString() },
      'drill posted',
    );
  } else {
    logger.warn({ channel: channel.id, drill: drill.id }, 'lost the claim while posting');
  }
}

async function handlePostFailure(
  context: EngineContext,
  drill: Drill,
  channel: Channel,
  error: unknown,
): Promise<void> {
  const { db, logger } = context;
  const now = context.clock.now();
  context.metrics.platformError(
    platformOf(channel.id),
    error instanceof PlatformError ? error.kind : 'other',
  );
  if (error instanceof PlatformError && error.channelLost) {
    await closeUnrevealed(db, drill.id, 'withdrawn');
    await pauseForLostChannel(context, channel, error.kind);
    return;
  }
  if (error instanceof PlatformError && error.kind === 'invalid') {
    await closeUnrevealed(db, drill.id, 'withdrawn');
    logger.error(
      { channel: channel.id, drill: drill.id, err: error },
      'platform refused the drill post',
    );
    return;
  }
  // Unknown outcome: retry at the next tick, which first looks for the message. Otherwise back off.
  const retryAfter =
    error instanceof PlatformError && error.kind === 'unknown_outcome'
      ? 0
      : backoffMs(drill.attempts, error instanceof PlatformError ? error.retryAfterMs : undefined);
  await deferLease(db, drill.id, context.instanceId, new Date(now.getTime() + retryAfter));
  logger.warn(
    { channel: channel.id, drill: drill.id, err: error, retryInMs: retryAfter },
    'drill post failed; will retry',
  );
}

/** The bot was removed or may not post: pause the channel and tell the admin who enrolled it. */
export async function pauseForLostChannel(
  context: EngineContext,
  channel: Channel,
  reason: string,
): Promise<void> {
  await pauseChannel(context.db, channel.id, reason);
  context.logger.warn(
    { channel: channel.id, reason },
    'drills paused: the bot can no longer post in this channel',
  );
  if (!channel.enrolledBy) return;
  try {
    await platformFor(context, channel.id).postPrivate(
      channel.id,
      channel.enrolledBy,
      notice(
        'notice',
        text(
          `Drills in this channel are paused because the bot can no longer post there (${reason}). `,
        ),
        text('Invite the bot back to the channel, then run /drill resume.'),
      ),
    );
  } catch {
    // The hint is a courtesy; the pause and the log line are what matter.
  }
}
