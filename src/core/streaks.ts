/**
 * Streaks: how many of a channel's drills in a row a member answered on time, and the small
 * bonus a streak earns at milestones. Pure.
 *
 * A streak counts drills, not days: the history lists only the channel's revealed drills, so
 * weekends, paused weeks and skipped slots cannot break a streak, while a drill the member
 * missed (or answered only late) does. A drill still open is not in the history yet, so it
 * neither extends nor breaks the streak until its reveal.
 */

/** One revealed drill of the channel, from one member's point of view. */
export interface StreakDrill {
  drillId: number;
  /** Whether the member's answer was in before the reveal (late replies score nothing). */
  answeredOnTime: boolean;
}

/** The channel's revealed drills, oldest first. */
export type StreakHistory = ReadonlyArray<StreakDrill>;

/** Consecutive most recent drills answered on time; 0 when the latest one was missed. */
export function currentStreak(history: StreakHistory): number {
  let streak = 0;
  for (let index = history.length - 1; index >= 0; index -= 1) {
    if (!history[index]?.answeredOnTime) break;
    streak += 1;
  }
  return streak;
}

/** The longest run of drills answered on time anywhere in the history. */
export function longestStreak(history: StreakHistory): number {
  let longest = 0;
  let run = 0;
  for (const drill of history) {
    run = drill.answeredOnTime ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * Bonus points for the streak a member reaches with this drill: +1 at 5, +2 at 10, +3 at
 * every further multiple of 10 (20, 30, ...), 0 otherwise. Milestones rather than a per-drill
 * bonus keep the streak worth protecting without letting long-standing members run away with
 * every board: at most 3 extra points, at most once in 5 drills, beside the points each
 * answer earns on its own. Paid once, on the drill that reaches the milestone, and recorded in the
 * ledger with its own reason like every other point.
 */
export function streakBonus(streakAfterThisDrill: number): number {
  const streak = streakAfterThisDrill;
  if (!Number.isInteger(streak) || streak <= 0) return 0;
  if (streak === 5) return 1;
  if (streak === 10) return 2;
  return streak % 10 === 0 ? 3 : 0;
}
