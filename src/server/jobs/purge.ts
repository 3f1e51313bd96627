import type { Database } from '../db/client';
import { purgeExpiredAuthRows } from '../features/auth/auth.queries';
import { SIGN_IN_WINDOW_MS } from '../features/auth/auth.throttle';
import { purgeRateLimitHits } from '../http/rate-limiter';
import { purgeDeliveries } from './deliver-once';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes what no longer counts, each table by its owner's rule: sessions and verifications
 * (reset tokens) past their expiry, sign-in failures older than the throttle window, rate-limit windows older
 * than a day (the longest window), delivery records older than a week (a mail's retries end
 * within hours). Runs on the hourly schedule; safe to run at any time, in any process.
 */
export async function purgeExpired(database: Database, now: Date) {
  const auth = await purgeExpiredAuthRows(
    database.db,
    now,
    new Date(now.getTime() - SIGN_IN_WINDOW_MS),
  );
  return {
    ...auth,
    rateLimitHits: await purgeRateLimitHits(database, new Date(now.getTime() - DAY_MS)),
    deliveries: await purgeDeliveries(database, new Date(now.getTime() - 7 * DAY_MS)),
  };
}
