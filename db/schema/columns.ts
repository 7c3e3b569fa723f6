import { timestamp } from 'drizzle-orm/pg-core';

/** Every instant is stored as timestamptz: channels live in many zones, the database in UTC. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** created_at / updated_at pair shared by tables whose rows change over time. */
export const timestamps = {
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};
