/**
 * The question messages of a platform's open drills, and of the drills revealed since a
 * given time: the threads whose replies an adapter back on a platform without redelivery
 * (Discord) reads to catch up on what was said while it was away. Recently revealed drills
 * are included because a reply can be written just before a reveal while no session
 * listens (or heard and then lost with the session while the database was down); stored
 * after the reveal, it is kept as late rather than lost.
 */
import { and, eq, gte, isNotNull, like, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { drills } from '../schema.ts';

export async function openDrillRefs(
  db: DbOrTx,
  platform: string,
  revealedSince: Date,
): Promise<string[]> {
  const rows = await db
    .select({ ref: drills.messageRef })
    .from(drills)
    .where(
      and(
        or(
          eq(drills.status, 'open'),
          and(eq(drills.status, 'revealed'), gte(drills.revealedAt, revealedSince)),
        ),
        isNotNull(drills.messageRef),
        like(drills.channelId, `${platform}:%`),
      ),
    );
  return rows.flatMap((row) => (row.ref === null ? [] : [row.ref]));
}
