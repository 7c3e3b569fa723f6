/**
 * The ticker: node-cron calls `tick()` every DRILLBOT_TICK_SECONDS, and once at start-up.
 * It holds no schedule state of its own (that lives in Postgres), so a restarted or second
 * process carries on where things stand. A slow tick is never stacked: a run that comes
 * while the previous one is busy is skipped here (node-cron's own `noOverlap` would do the
 * same but prints a warning to the console every second for as long as a tick is slow).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from './logger.ts';

export interface TickerOptions {
  /** 1 to 60. */
  seconds: number;
  tick: () => Promise<unknown>;
  logger: Logger;
  /** Told how long each tick took (for the tick-duration histogram). */
  onTickFinished?: (durationMs: number) => void;
}

export interface Ticker {
  /** Stops scheduling and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

/**
 * The cron expression for "every `seconds` seconds". Values that do not divide 60 restart
 * their count at each minute (every 7 s means :00, :07, ... :56, then :00).
 */
export function tickExpression(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) {
    throw new RangeError(`tick seconds must be a whole number from 1 to 60, not ${seconds}`);
  }
  return seconds === 60 ? '0 * * * * *' : `*/${seconds} * * * * *`;
}

export function startTicker(options: TickerOptions): Ticker {
  let running: Promise<void> = Promise.resolve();
  let busySince: number | undefined;
  const runOnce = (reason: string): Promise<void> => {
    const started = Date.now();
    busySince = started;
    running = options
      .tick()
      .then((report) => {
        const ms = Date.now() - started;
        options.onTickFinished?.(ms);
        options.logger.debug({ reason, report, ms }, 'tick done');
      })
      .catch((error: unknown) => {
        options.logger.error({ reason, err: error }, 'tick failed');
      })
      .finally(() => {
        busySince = undefined;
      });
    return running;
  };
  const task: ScheduledTask = cron.schedule(
    tickExpression(options.seconds),
    () => {
      if (busySince !== undefined) {
        options.logger.debug(
          { busyMs: Date.now() - busySince },
          'tick skipped: the last one is still running',
        );
        return;
      }
      void runOnce('schedule');
    },
    { name: 'drillbot-tick', suppressMissedWarning: true },
  );
  void runOnce('start-up');
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
