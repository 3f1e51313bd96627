import type { UserId } from '../../../domain/ids';
import { messages } from '../../../domain/messages';
import type { ServiceContext } from '../../context';
import type { Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { passwordResetMail } from '../../mail/templates';
import { newToken, sha256 } from '../../tokens';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from './auth.password';
import {
  deleteUserSessions,
  findLiveResetToken,
  findUserByEmail,
  insertResetToken,
  setPassword,
  takeResetToken,
} from './auth.queries';
import { scopeForUser } from './auth.session';

const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Stores a single-use reset token for the user in the caller's transaction and answers the
 * link. The link is built from TANDEM_PUBLIC_URL, never from the request's Host.
 */
export async function issueResetLink(tx: Tx, ctx: ServiceContext, userId: UserId) {
  const token = newToken();
  await insertResetToken(tx, userId, sha256(token), new Date(Date.now() + RESET_TTL_MS));
  return `${ctx.config.publicUrl}/reset-password#token=${token}`;
}

/** Mails a reset link when the account exists and mail is configured; silent otherwise. */
export async function requestPasswordReset(ctx: ServiceContext, email: string): Promise<void> {
  if (!ctx.config.smtpUrl) return;
  const user = await findUserByEmail(dbOf(ctx), email);
  if (!user) return;
  const scope = await scopeForUser(dbOf(ctx), user.id as UserId);
  if (!scope) return;
  await withTransaction(ctx, async (tx, ctx) => {
    const url = await issueResetLink(tx, ctx, user.id as UserId);
    await ctx.jobs.enqueue(tx, 'email.send', passwordResetMail(ctx.config.secret, user.email, url));
    await recordAudit(tx, ctx, scope, {
      action: 'password_reset.requested',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

/** Sets the new password with a valid token, once; every session of the user ends. */
export async function confirmPasswordReset(
  ctx: ServiceContext,
  input: { token: string; password: string },
): Promise<void> {
  const invalid = errors.badRequest('invalid_token', 'The reset link is not valid or has expired', [
    { field: 'token', code: 'invalid_token', message: messages.invalidResetLink },
  ]);
  // A bad token costs one indexed read, never a hash (argon2id takes ~19 MiB each time).
  if (!(await findLiveResetToken(dbOf(ctx), sha256(input.token), new Date()))) throw invalid;
  // Hashing is slow: done before the transaction, which holds only database work.
  const passwordHash = await hashPassword(input.password);
  // Thrown inside the transaction, so a refused reset changes nothing (the token included).
  await withTransaction(ctx, async (tx, ctx) => {
    const userId = await takeResetToken(tx, sha256(input.token), new Date());
    if (!userId) throw invalid;
    const scope = await scopeForUser(tx, userId as UserId);
    if (!scope) throw invalid;
    const updated = await setPassword(tx, userId, passwordHash);
    if (updated.length === 0) throw invalid;
    await deleteUserSessions(tx, userId);
    await recordAudit(tx, ctx, scope, {
      action: 'password_reset.completed',
      entityType: 'user',
      entityId: userId,
    });
  });
}
