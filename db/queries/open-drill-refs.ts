/**
 * The question messages of a platform's open drills: the threads whose replies are answers
 * right now. An adapter that came back to a platform without redelivery (Discord) reads
 * these threads to catch up on what was said while it was away.
 */
import { and, eq, isNotNull, like } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { drills } from '../schema.ts';

export async function openDrillRefs(db: DbOrTx, platform: string): Promise<string[]> {
  const rows = await db
    .select({ ref: drills.messageRef })
    .from(drills)
    .where(
      and(
        eq(drills.status, 'open'),
        isNotNull(drills.messageRef),
        like(drills.channelId, `${platform}:%`),
      ),
    );
  return rows.flatMap((row) => (row.ref === null ? [] : [row.ref]));
}
