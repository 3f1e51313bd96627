import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { deliveries } from '../db/schema';

/** One thing sent outside (a mail, a webhook call), named by an id that survives retries. */
export type Delivery = { channel: 'email' | 'webhook'; id: string };

/**
 * Sends at most once per delivery id: skips what the record says was sent, and records a send
 * once it succeeded. A crash between the send and the record can still repeat it, so the
 * receiver gets the same id with it (a mail's Message-ID, a webhook's `webhook-id`) to drop the
 * duplicate. The record is written outside any transaction: the send cannot be rolled back.
 */
export async function deliverOnce(
  database: Database,
  delivery: Delivery,
  send: () => Promise<void>,
): Promise<'sent' | 'already-sent'> {
  const key = and(eq(deliveries.channel, delivery.channel), eq(deliveries.deliveryId, delivery.id));
  const [done] = await database.db
    .select({ at: deliveries.deliveredAt })
    .from(deliveries)
    .where(key)
    .limit(1);
  if (done) return 'already-sent';
  await send();
  await database.db
    .insert(deliveries)
    .values({ channel: delivery.channel, deliveryId: delivery.id })
    .onConflictDoNothing();
  return 'sent';
}

/** Records older than any retry of their job (hours) are no longer needed to stop a repeat. */
export async function purgeDeliveries(database: Database, before: Date): Promise<number> {
  const rows = await database.db
    .delete(deliveries)
    .where(lt(deliveries.deliveredAt, before))
    .returning({ id: deliveries.deliveryId });
  return rows.length;
}
