import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What was delivered to the outside world (a mail, later a webhook), by a delivery id that stays
 * the same across retries (the job's id), so a retry after a crash does not send it again.
 * Not tenant data: like the job queue it stays with the coordinator (docs/scaling.md).
 */
export const deliveries = pgTable(
  'deliveries',
  {
    channel: text('channel').notNull(),
    deliveryId: text('delivery_id').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.deliveryId] })],
);
