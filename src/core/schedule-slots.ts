/**
 * Slots of a cron expression in a zone, from croner. Croner already applies the project's
 * daylight-saving rules (checked in test/core/schedule.test.ts against exact instants):
 *
 * - Fixed-time schedules (a time of day written out: `0 9 * * 1-5`, `30 2,14 * * *`, every
 *   preset): a local time that does not exist (spring forward) runs at the first valid time
 *   after the gap, on the same day (02:30 -> 03:00); a local time that occurs twice (fall
 *   back) runs once, at its first occurrence.
 * - Cadence schedules (a wildcard or step in the second, minute or hour field: `*\/5 * * * * *`,
 *   `0 * * * *`): they keep their real-time cadence, so times in a gap are skipped (the next
 *   beat follows one period later) and both passes of a repeated hour run. Applying "once" to
 *   them would stop an every-5-seconds schedule for a whole hour each autumn.
 *
 * The one correction made here: croner by default counts only single values as fixed-time,
 * so `30 2,14 * * *` would lose its 02:30 slot on the spring-forward day and post 01:30 twice
 * in the autumn. `fixedTimeRule: 'no-wildcard'` makes lists and ranges of explicit times
 * fixed-time too, as the project's rules expect for any written-out time.
 */
import { Cron, type CronOptions } from 'croner';
import { DrillError } from './errors.ts';

/** Croner options every schedule is evaluated with (5 fields, or 6 with seconds first). */
export const CRON_OPTIONS = {
  mode: '5-or-6-parts',
  fixedTimeRule: 'no-wildcard',
  // No callback is ever given, so nothing is scheduled; paused makes that explicit.
  paused: true,
} as const satisfies CronOptions;

/** A cron expression bound to a zone, evaluated without building croner objects per call. */
export interface CompiledSchedule {
  readonly cron: string;
  readonly zone: string;
  /** The first slot strictly after `after`. */
  next(after: Date): Date;
  /** Up to `count` slots before `before` (croner's previousRuns), most recent first. */
  previous(count: number, before: Date): Date[];
}

/**
 * Binds `cron` to `zone`. Throws DrillError('USAGE') for an expression croner refuses; a
 * stored schedule always passed `parseWhen`, so at run time this means corrupted state.
 */
export function compileSchedule(cron: string, zone: string): CompiledSchedule {
  let job: Cron;
  try {
    job = new Cron(cron, { ...CRON_OPTIONS, timezone: zone });
  } catch (error) {
    throw new DrillError('USAGE', `invalid cron expression "${cron}"`, { cause: error });
  }
  return {
    cron,
    zone,
    next(after) {
      let slot: Date | null;
      try {
        slot = job.nextRun(after);
      } catch (error) {
        throw new DrillError('USAGE', `cannot evaluate "${cron}" in zone "${zone}"`, {
          cause: error,
        });
      }
      if (!slot) throw new DrillError('USAGE', `cron expression "${cron}" never runs`);
      return slot;
    },
    previous(count, before) {
      return job.previousRuns(count, before);
    },
  };
}

/**
 * The first slot of `cron` in `zone` strictly after `after`, following the project's DST
 * rules (see the module comment). Throws DrillError('USAGE') for an invalid expression or
 * zone, or an expression that never runs (`0 0 31 2 *`).
 */
export function nextSlot(cron: string, zone: string, after: Date): Date {
  return compileSchedule(cron, zone).next(after);
}
