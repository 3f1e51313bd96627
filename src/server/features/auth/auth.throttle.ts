import type { AppContext } from '../../context';
import { errors } from '../../http/errors';
import { clearEmailFailures, countFailures, deleteFailure, insertFailure } from './auth.queries';

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Five failures are allowed; the sixth attempt in the window is refused. */
const MAX_FAILURES = 5;

/**
 * Reserves a sign-in attempt before the password is verified: the attempt is written as a
 * failure first and counted with the others, so parallel attempts cannot all slip under the
 * count. Over the limit, the reservation is withdrawn and the attempt refused with 429 and
 * Retry-After. Answers the reservation's id: kept as the failure when the password is wrong,
 * withdrawn otherwise. `client` is the address as `clientKey` counts it.
 */
export async function reserveAttempt(ctx: AppContext, email: string, client: string) {
  const db = ctx.database.db;
  const attemptId = await insertFailure(db, email, client);
  const now = Date.now();
  const counts = await countFailures(db, email, client, new Date(now - SIGN_IN_WINDOW_MS));
  let retryAt = 0;
  for (const c of [counts.email, counts.ip]) {
    if (c.n > MAX_FAILURES && c.oldest) {
      retryAt = Math.max(retryAt, new Date(c.oldest).getTime() + SIGN_IN_WINDOW_MS);
    }
  }
  if (retryAt > 0) {
    await deleteFailure(db, attemptId);
    const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
    throw errors.tooManyRequests(
      seconds,
      `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minutes`,
    );
  }
  return attemptId;
}

/** The attempt did not fail on the password (an error of ours): it does not count. */
export function withdrawAttempt(ctx: AppContext, attemptId: string) {
  return deleteFailure(ctx.database.db, attemptId);
}

/** A success withdraws the attempt and forgives the account's failures; the address keeps its count. */
export async function noteSuccess(ctx: AppContext, email: string, attemptId: string) {
  await deleteFailure(ctx.database.db, attemptId);
  await clearEmailFailures(ctx.database.db, email);
}
