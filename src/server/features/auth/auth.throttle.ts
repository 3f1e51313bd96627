import type { AppContext } from '../../context';
import { errors } from '../../http/errors';
import { clearEmailFailures, countFailures, recordFailure } from './auth.queries';

const WINDOW_MS = 15 * 60 * 1000;
/** Five failures are allowed; the sixth attempt in the window is refused. */
const MAX_FAILURES = 5;

/** Refuses the attempt with 429 and Retry-After when the account or the address is over. */
export async function assertNotThrottled(ctx: AppContext, email: string, ip: string) {
  const now = Date.now();
  const counts = await countFailures(ctx.database.db, email, ip, new Date(now - WINDOW_MS));
  let retryAt = 0;
  for (const c of [counts.email, counts.ip]) {
    if (c.n >= MAX_FAILURES && c.oldest) {
      retryAt = Math.max(retryAt, new Date(c.oldest).getTime() + WINDOW_MS);
    }
  }
  if (retryAt > 0) {
    const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
    throw errors.tooManyRequests(
      seconds,
      `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minutes`,
    );
  }
}

export function noteFailure(ctx: AppContext, email: string, ip: string) {
  return recordFailure(ctx.database.db, email, ip, new Date(Date.now() - WINDOW_MS));
}

export function noteSuccess(ctx: AppContext, email: string) {
  return clearEmailFailures(ctx.database.db, email);
}
