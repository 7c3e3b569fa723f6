/**
 * The catch-up rule (interface, "Drill rules"): what a tick does with the slots that came due
 * since the channel's stored `next_run_at`. Only the latest due slot can be posted, and only
 * while at least half its answer window remains; every other due slot is skipped. Never a
 * burst of missed drills.
 */
import { countSlots } from './schedule-count.ts';
import { type CompiledSchedule, compileSchedule } from './schedule-slots.ts';

/** What a tick should do for one channel whose stored slot has come due. */
export interface DuePlan {
  /** The slot to post now (the latest due one), or undefined when it is too late for it. */
  post: Date | undefined;
  /** Due slots not posted, oldest first: the most recent `maxSkipped` of them. */
  skipped: Date[];
  /** How many further skipped slots, older than those in `skipped`, were left out. */
  skippedOmitted: number;
  /** The channel's next slot: the first one strictly after `now`. */
  nextRunAt: Date;
}

/** Input of {@link planDue}. */
export interface DueInput {
  cron: string;
  zone: string;
  /** The answer window, whose half decides whether a late slot is still worth posting. */
  windowMs: number;
  /** The stored slot; it counts as due even if the schedule has changed since. */
  nextRunAt: Date;
  now: Date;
  /**
   * Cap on the `skipped` list (default 50, a finite number; anything else means the default);
   * the rest only counts in `skippedOmitted`.
   */
  maxSkipped?: number;
}

/** Default cap on the skipped slots listed in a plan (and so stored one by one). */
export const DEFAULT_MAX_SKIPPED = 50;

/**
 * How many due slots are walked one by one before switching to counting. A tick that is a
 * few seconds late, or a restart after a night, walks a handful; a seconds schedule after a
 * week of downtime would walk a hundred thousand, at tens of microseconds each.
 */
export const DUE_WALK_LIMIT = 500;

/**
 * The plan for the slots due at `now`, or undefined when nothing is due (`now < nextRunAt`).
 * Due slots are the stored `nextRunAt` and every slot after it up to and including `now`.
 * Cost stays bounded whatever the downtime: past {@link DUE_WALK_LIMIT} slots the count comes
 * from `countSlots` and the listed ones from croner's previous runs.
 */
export function planDue(input: DueInput): DuePlan | undefined {
  if (input.now.getTime() < input.nextRunAt.getTime()) return undefined;
  // A cap must stay finite: it bounds the slots fetched one by one.
  const cap = input.maxSkipped ?? DEFAULT_MAX_SKIPPED;
  const maxSkipped = Number.isFinite(cap) ? Math.max(0, Math.floor(cap)) : DEFAULT_MAX_SKIPPED;
  const schedule = compileSchedule(input.cron, input.zone);
  const due = collectDueSlots(schedule, input.nextRunAt, input.now, maxSkipped + 1);

  const latest = due.latest[due.latest.length - 1] ?? input.nextRunAt;
  const stillWorthIt = input.now.getTime() - latest.getTime() <= input.windowMs / 2;
  const post = stillWorthIt ? latest : undefined;
  const notPosted = post ? due.latest.slice(0, -1) : due.latest;
  const skipped = notPosted.slice(notPosted.length - Math.min(maxSkipped, notPosted.length));
  return {
    post,
    skipped,
    skippedOmitted: due.total - due.latest.length + (notPosted.length - skipped.length),
    nextRunAt: schedule.next(input.now),
  };
}

/** The due slots of a plan: how many there are and the most recent ones, oldest first. */
export interface DueSlots {
  total: number;
  latest: Date[];
}

/**
 * The due slots from `nextRunAt` to `now` inclusive: their number, and the last `keep` of
 * them. Walks at most `walkLimit` slots; beyond that counts them (exported so tests can check
 * that walking and counting agree).
 */
export function collectDueSlots(
  schedule: CompiledSchedule,
  nextRunAt: Date,
  now: Date,
  keep: number,
  walkLimit: number = DUE_WALK_LIMIT,
): DueSlots {
  const walked: Date[] = [nextRunAt];
  let total = 1;
  let cursor = nextRunAt;
  for (let steps = 0; steps < walkLimit; steps++) {
    const slot = schedule.next(cursor);
    if (slot.getTime() > now.getTime()) return { total, latest: walked.slice(-keep) };
    walked.push(slot);
    if (walked.length > keep) walked.shift();
    total += 1;
    cursor = slot;
  }
  // Too many to walk: count the rest and fetch only the last `keep` of them.
  const afterCursor = new Date(cursor.getTime() + 1);
  total += countSlots(schedule, afterCursor, new Date(now.getTime() + 1));
  const latest = [...walked, ...latestSlots(schedule, cursor, now, keep)].slice(-keep);
  return { total, latest };
}

/**
 * Up to `keep` latest slots in (after, now], oldest first. Croner's previous runs only give
 * a starting point; the slots themselves come from walking forward with `next`, the same
 * call that defines slots everywhere else, so both directions can never disagree at a DST
 * change.
 */
function latestSlots(schedule: CompiledSchedule, after: Date, now: Date, keep: number): Date[] {
  // Croner includes a run in the same second as the reference, so look from one second on.
  const reference = new Date(now.getTime() + 1000);
  for (let wanted = keep + 2; ; wanted *= 2) {
    const previous = schedule.previous(wanted, reference);
    const oldest = previous[previous.length - 1];
    const reachedAfter =
      previous.length < wanted || oldest === undefined || oldest.getTime() <= after.getTime();
    const start = reachedAfter || !oldest ? after : new Date(oldest.getTime() - 1);
    const slots = walkBetween(schedule, start, now);
    if (slots.length >= keep || reachedAfter) return slots.slice(-keep);
  }
}

/** Slots strictly after `start` and at or before `end`. */
function walkBetween(schedule: CompiledSchedule, start: Date, end: Date): Date[] {
  const slots: Date[] = [];
  for (let slot = schedule.next(start); slot.getTime() <= end.getTime(); ) {
    slots.push(slot);
    slot = schedule.next(slot);
  }
  return slots;
}
