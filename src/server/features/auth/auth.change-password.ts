import type { ChangePassword } from '../../../domain/auth';
import { messages } from '../../../domain/messages';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { clientKey } from '../../http/client-address';
import { errors } from '../../http/errors';
import { recordAudit } from '../audit/audit.service';
import { authFor } from './auth.instance';
import { hashPassword, verifyPassword } from './auth.password';
import { deleteOtherSessions, findPasswordHash, setPassword } from './auth.queries';
import type { SessionUser } from './auth.session';
import { noteSuccess, reserveAttempt, withdrawAttempt } from './auth.throttle';

/**
 * Changes the signed-in person's password when the current one is right, counted like a
 * sign-in so it cannot be used to guess; every other session of theirs ends, this one stays.
 */
export async function changePassword(
  ctx: ServiceContext,
  input: ChangePassword & { user: SessionUser; scope: Scope; headers: Headers; ip: string },
): Promise<void> {
  const session = await (await authFor(ctx)).api.getSession({ headers: input.headers });
  if (!session || session.user.id !== input.user.id) throw errors.unauthenticated();
  const attempt = await reserveAttempt(ctx, input.user.email, clientKey(input.ip));
  let right: boolean;
  try {
    const stored = await findPasswordHash(ctx.database.db, input.user.id);
    right =
      stored !== null && (await verifyPassword({ hash: stored, password: input.currentPassword }));
  } catch (error) {
    // Our own error is no wrong guess: it does not count.
    await withdrawAttempt(ctx, attempt);
    throw error;
  }
  // A wrong password keeps the reserved attempt as its failure.
  if (!right) {
    throw errors.unprocessable('wrong_password', 'The current password is not right', [
      { field: 'currentPassword', code: 'wrong_password', message: messages.wrongPassword },
    ]);
  }
  await noteSuccess(ctx, input.user.email, attempt);
  // Hashing is slow: done before the transaction, which holds only database work.
  const passwordHash = await hashPassword(input.newPassword);
  await withTransaction(ctx, async (tx, ctx) => {
    await setPassword(tx, input.user.id, passwordHash);
    await deleteOtherSessions(tx, input.user.id, session.session.token);
    await recordAudit(tx, ctx, input.scope, {
      action: 'password.changed',
      entityType: 'user',
      entityId: input.user.id,
    });
  });
}
