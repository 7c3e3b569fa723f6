/**
 * The drill engine's two entry points: `tick()`, called by the ticker, posts due drills,
 * sends reminders and reveals; `handle(event)`, called by adapters, stores answers and runs
 * commands. Both are the event boundary: an error is logged with context and, where a person
 * is waiting, answered; it never escapes to take the process down.
 */
import { dueReminders, liveDrill, revealEarly, staleClaims } from '../../db/queries/drills.ts';
import type { Channel } from '../../db/schema.ts';
import { runCommand } from './command-runner.ts';
import { forEachConcurrently } from './concurrently.ts';
import type { EngineContext } from './context.ts';
import { advanceSchedule, claimDrill, postClaimed, resumeClaim } from './drill-posting.ts';
import { remindDrill, revealDrill } from './drill-reveal.ts';
import { onReplyDeleted, onReplyEdited, onThreadReply } from './inbound-answers.ts';
import { onBotRemoved, onFormSubmitted } from './inbound-other.ts';
import type { InboundEvent } from './platform.ts';
import { planDue } from './schedule.ts';
import { allDueChannels, allDueReveals } from './tick-sources.ts';
import { onReaction } from './votes.ts';
import { postWeeklyBoard } from './weekly-board.ts';

/**
 * Channels (or drills) a tick handles at once. Posting one is a few queries and a platform
 * call that may wait its turn (Discord's global pace, Slack's second between two posts to a
 * channel); one at a time, 2,000 channels due together would take many minutes. A channel
 * whose reveal and next question go out together spends a second waiting between the two on
 * Slack, so the count is set well above what the database needs to stay busy. The platform
 * adapters keep to the platforms' limits, and the database pool queues what it cannot take.
 */
export const TICK_CONCURRENCY = 64;

export interface TickReport {
  posted: number;
  skippedSlots: number;
  reminded: number;
  revealed: number;
  errors: number;
}

export class DrillService {
  private readonly context: EngineContext;
  private ticking: Promise<TickReport> | undefined;

  constructor(context: EngineContext) {
    this.context = context;
  }

  /**
   * Does all due work once. Overlapping calls share one run (a slow tick never stacks up);
   * concurrent processes are kept apart by the database claims.
   */
  tick(): Promise<TickReport> {
    this.ticking ??= this.runTick().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async runTick(): Promise<TickReport> {
    const report: TickReport = { posted: 0, skippedSlots: 0, reminded: 0, revealed: 0, errors: 0 };
    const { db, logger } = this.context;
    const guard = async (what: string, ids: Record<string, unknown>, work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        report.errors += 1;
        logger.error({ ...ids, err: error }, `${what} failed`);
      }
    };
    const now = this.context.clock.now();
    await forEachConcurrently(allDueChannels(db, now), TICK_CONCURRENCY, (channel) =>
      guard('scheduled drill', { channel: channel.id }, async () => {
        const outcome = await this.runDueSlot(channel);
        report.posted += outcome.posted;
        report.skippedSlots += outcome.skipped;
      }),
    );
    await forEachConcurrently(
      await staleClaims(db, this.context.clock.now()),
      TICK_CONCURRENCY,
      (drill) =>
        guard('resuming a drill post', { channel: drill.channelId, drill: drill.id }, () =>
          resumeClaim(this.context, drill),
        ),
    );
    await forEachConcurrently(
      await dueReminders(db, this.context.clock.now()),
      TICK_CONCURRENCY,
      (drill) =>
        guard('reminder', { channel: drill.channelId, drill: drill.id }, async () => {
          await remindDrill(this.context, drill);
          report.reminded += 1;
        }),
    );
    await forEachConcurrently(
      allDueReveals(db, this.context.clock.now()),
      TICK_CONCURRENCY,
      (drill) =>
        guard('reveal', { channel: drill.channelId, drill: drill.id }, async () => {
          if (await revealDrill(this.context, drill)) report.revealed += 1;
        }),
    );
    return report;
  }

  /** One channel whose slot has come: reveal what is open, skip what was missed, post. */
  private async runDueSlot(channel: Channel): Promise<{ posted: number; skipped: number }> {
    if (!channel.nextRunAt) return { posted: 0, skipped: 0 };
    const now = this.context.clock.now();
    const plan = planDue({
      cron: channel.cron,
      zone: channel.zone,
      windowMs: channel.windowSeconds * 1000,
      nextRunAt: channel.nextRunAt,
      now,
    });
    if (!plan) return { posted: 0, skipped: 0 };
    if (plan.post) {
      const live = await liveDrill(this.context.db, channel.id);
      // Another process may have handled this very slot since `channel` was read: its drill
      // is live now. Only a drill from an earlier slot is closed to make room.
      if (live && live.slotAt.getTime() >= plan.post.getTime()) return { posted: 0, skipped: 0 };
      // At most one open drill per channel: the new one first closes the old one.
      if (live?.status === 'open') {
        await revealEarly(this.context.db, live.id, now);
        await revealDrill(this.context, { ...live, revealAt: now });
      }
      // Still live (being posted or revealed elsewhere): leave the slot for the next tick.
      if (await liveDrill(this.context.db, channel.id)) return { posted: 0, skipped: 0 };
    }
    if (plan.skipped.length + plan.skippedOmitted > 0) {
      this.context.logger.info(
        { channel: channel.id, skipped: plan.skipped.length + plan.skippedOmitted },
        'missed slots recorded as skipped',
      );
    }
    if (!plan.post) {
      await advanceSchedule(this.context, channel, plan.nextRunAt, plan.skipped);
      return { posted: 0, skipped: plan.skipped.length };
    }
    const drill = await claimDrill(this.context, {
      channel,
      slotAt: plan.post,
      trigger: 'schedule',
      advanceTo: plan.nextRunAt,
      skipped: plan.skipped,
    });
    if (!drill) return { posted: 0, skipped: 0 };
    await postClaimed(this.context, drill);
    await postWeeklyBoard(this.context, channel);
    return { posted: 1, skipped: plan.skipped.length };
  }

  /** The event boundary for everything an adapter delivers. Resolves once it is stored. */
  async handle(event: InboundEvent): Promise<void> {
    try {
      await this.dispatch(event);
      this.context.metrics.eventHandled(event.type, true);
    } catch (error) {
      this.context.metrics.eventHandled(event.type, false);
      this.context.logger.error(
        { channel: event.channel, event: event.eventId, type: event.type, err: error },
        'event failed',
      );
      // Rethrown so the adapter does not acknowledge: the platform redelivers it.
      throw error;
    }
  }

  private async dispatch(event: InboundEvent): Promise<void> {
    switch (event.type) {
      case 'thread_reply':
        return onThreadReply(this.context, event);
      case 'reply_edited':
        return onReplyEdited(this.context, event);
      case 'reply_deleted':
        return onReplyDeleted(this.context, event);
      case 'reaction_added':
      case 'reaction_removed':
        return onReaction(this.context, event);
      case 'command':
        return runCommand(this.context, event);
      case 'form_submitted':
        return onFormSubmitted(this.context, event);
      case 'bot_removed':
        return onBotRemoved(this.context, event);
    }
  }
}
