/** Deduplication of inbound deliveries by the platform's event id. */
import { lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { processedEvents } from '../schema.ts';

/** Records `eventId`; false when it was recorded before (a retry or a replay). */
export async function claimEvent(db: DbOrTx, eventId: string, at: Date): Promise<boolean> {
  const rows = await db
    .insert(processedEvents)
    .values({ eventId, receivedAt: at })
    .onConflictDoNothing()
    .returning({ eventId: processedEvents.eventId });
  return rows.length === 1;
}

/** Forgets event ids older than `before`; platforms stop retrying long before. */
export async function pruneEvents(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(processedEvents).where(lt(processedEvents.receivedAt, before));
}
