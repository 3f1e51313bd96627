import type { FastifyRequest } from 'fastify';
import type { MemberId, PartnerId, UserId, WorkspaceId } from '../../../domain/ids';
import { memberRole, partnerRole } from '../../../domain/roles';
import type { Scope } from '../../access/scope';
import type { AppContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { authFor, toHeaders } from './auth.instance';
import { findUserAccess } from './auth.queries';

/** Only a request that carries our cookie costs a session lookup. */
function hasSessionCookie(request: FastifyRequest): boolean {
  return /(^|;\s*)(__Secure-)?tandem\.session_token=/.test(request.headers.cookie ?? '');
}

/** The signed-in user, and the session they came with (rate limits count per session). */
export type SessionUser = { id: UserId; name: string; email: string; sessionId: string };

/** The signed-in user, or null when the cookie names no live session. */
export async function sessionUser(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<SessionUser | null> {
  if (!hasSessionCookie(request)) return null;
  const found = await (await authFor(ctx)).api.getSession({ headers: toHeaders(request.headers) });
  if (!found) return null;
  return {
    id: found.user.id as UserId,
    name: found.user.name,
    email: found.user.email,
    sessionId: found.session.id,
  };
}

/** The Scope a user holds now: read on every request, so role changes apply at once. */
export async function scopeForUser(db: Db | Tx, userId: UserId): Promise<Scope | null> {
  const access = await findUserAccess(db, userId);
  if (!access) return null;
  if (access.kind === 'member') {
    const role = memberRole.safeParse(access.role);
    if (!role.success) return null;
    return {
      kind: 'member',
      workspaceId: access.workspaceId as WorkspaceId,
      role: role.data,
      userId,
      memberId: access.memberId as MemberId,
      apiKeyId: null,
    };
  }
  const role = partnerRole.safeParse(access.role);
  if (!role.success) return null;
  return {
    kind: 'partner',
    workspaceId: access.workspaceId as WorkspaceId,
    role: role.data,
    userId,
    partnerId: access.partnerId as PartnerId,
  };
}

/** The session cookie's user and their scope, both null when there is no live session. */
export async function resolveSession(
  request: FastifyRequest,
): Promise<{ user: SessionUser | null; scope: Scope | null }> {
  const user = await sessionUser(request.ctx, request);
  if (!user) return { user: null, scope: null };
  return { user, scope: await scopeForUser(request.ctx.database.db, user.id) };
}

/** The user's membership or partner-user access with the names it carries, or null. */
export function accessOf(db: Db | Tx, userId: UserId) {
  return findUserAccess(db, userId);
}
