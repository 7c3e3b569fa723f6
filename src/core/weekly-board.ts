/**
 * The weekly leaderboard post (`/drill weekly-board on`): last week's board, posted to the
 * channel with the first scheduled drill of each week (Monday's, for weekday schedules).
 * Claimed once per channel and week in the database, so several instances post it once.
 */
import { claimEvent } from '../../db/queries/events.ts';
import type { Channel } from '../../db/schema.ts';
import { weeklyBoardMessage } from './command-boards.ts';
import { type EngineContext, platformFor } from './context.ts';
import { periodRange } from './leaderboard.ts';

export async function postWeeklyBoard(context: EngineContext, channel: Channel): Promise<boolean> {
  if (!channel.weeklyBoard) return false;
  const now = context.clock.now();
  const week = periodRange('week', now, channel.zone);
  if (!(await claimEvent(context.db, `weekly-board:${channel.id}:${week.from}`, now))) return false;
  try {
    await platformFor(context, channel.id).postMessage(
      channel.id,
      await weeklyBoardMessage(context, channel, now),
    );
    context.logger.info({ channel: channel.id, week: week.from }, 'weekly leaderboard posted');
    return true;
  } catch (error) {
    // Posted at most once: a failed weekly board is logged, not retried into a double post.
    context.logger.warn({ channel: channel.id, err: error }, 'weekly leaderboard post failed');
    return false;
  }
}
