/**
 * Inbound deliveries already handled, by the platform's event id: Slack retries an event it
 * thinks was lost, possibly to another instance, and Discord replays events after a resume.
 */
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';

export const processedEvents = pgTable(
  'processed_events',
  {
    /** Platform-prefixed event id, e.g. `slack:Ev0123` or `discord:interaction:42`. */
    eventId: text('event_id').primaryKey(),
    receivedAt: instant('received_at').notNull().defaultNow(),
  },
  (t) => [index('processed_events_received_idx').on(t.receivedAt)],
);

export type ProcessedEvent = typeof processedEvents.$inferSelect;
