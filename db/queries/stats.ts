/** Per-member, per-channel streaks and answer counts, updated once per scored drill. */
import { and, eq, gt, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { answers, drills, memberChannelStats, questionSnapshots } from '../schema.ts';

/**
 * Applies one scored drill: members who answered on time extend their streak, everyone else
 * in the channel with a streak loses it. Returns each on-time member's streak after it.
 */
export async function applyDrillToStreaks(
  db: DbOrTx,
  channelId: string,
  onTime: ReadonlyArray<{ memberId: string; coverage: number }>,
  at: Date,
): Promise<Map<string, number>> {
  const ids = onTime.map((entry) => entry.memberId);
  await db
    .update(memberChannelStats)
    .set({ currentStreak: 0 })
    .where(
      and(
        eq(memberChannelStats.channelId, channelId),
        gt(memberChannelStats.currentStreak, 0),
        ids.length > 0 ? notInArray(memberChannelStats.memberId, ids) : undefined,
      ),
    );
  const streaks = new Map<string, number>();
  for (const entry of onTime) {
    const [row] = await db
      .insert(memberChannelStats)
      .values({
        memberId: entry.memberId,
        channelId,
        currentStreak: 1,
        longestStreak: 1,
        answered: 1,
        coverageSum: entry.coverage,
        lastAnsweredAt: at,
      })
      .onConflictDoUpdate({
        target: [memberChannelStats.memberId, memberChannelStats.channelId],
        set: {
          currentStreak: sql`${memberChannelStats.currentStreak} + 1`,
          longestStreak: sql`greatest(${memberChannelStats.longestStreak}, ${memberChannelStats.currentStreak} + 1)`,
          answered: sql`${memberChannelStats.answered} + 1`,
          coverageSum: sql`${memberChannelStats.coverageSum} + ${entry.coverage}`,
          lastAnsweredAt: at,
        },
      })
      .returning({ streak: memberChannelStats.currentStreak });
    if (row) streaks.set(entry.memberId, row.streak);
  }
  return streaks;
}

export async function statsOf(db: DbOrTx, memberId: string, channelId: string) {
  const [row] = await db
    .select()
    .from(memberChannelStats)
    .where(
      and(eq(memberChannelStats.memberId, memberId), eq(memberChannelStats.channelId, channelId)),
    );
  return row;
}

export async function streaksOfChannel(
  db: DbOrTx,
  channelId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .select({ memberId: memberChannelStats.memberId, streak: memberChannelStats.currentStreak })
    .from(memberChannelStats)
    .where(eq(memberChannelStats.channelId, channelId));
  return new Map(rows.map((row) => [row.memberId, row.streak]));
}

/** Each scored on-time answer of a member in a channel: coverage and the question's tags. */
export async function coverageByTags(db: DbOrTx, memberId: string, channelId: string) {
  const rows = await db
    .select({
      ratio: sql<number | null>`(${answers.score} ->> 'ratio')::float8`,
      tags: sql<
        string[] | null
      >`(select array_agg(t) from jsonb_array_elements_text(${questionSnapshots.body} -> 'tags') t)`,
    })
    .from(answers)
    .innerJoin(drills, eq(drills.id, answers.drillId))
    .innerJoin(questionSnapshots, eq(questionSnapshots.id, drills.snapshotId))
    .where(
      and(
        eq(answers.memberId, memberId),
        eq(drills.channelId, channelId),
        eq(answers.onTime, true),
        isNotNull(answers.frozenAt),
      ),
    );
  return rows.map((row) => ({ ratio: row.ratio ?? 0, tags: row.tags ?? [] }));
}
