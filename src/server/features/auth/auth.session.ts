import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { MemberId, PartnerId, UserId, WorkspaceId } from '../../../domain/ids';
import { memberRole, partnerRole } from '../../../domain/roles';
import type { Scope } from '../../access/scope';
import type { Config } from '../../config';
import type { AppContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { findLiveSession, findUserAccess, type LiveSessionRow } from './auth.queries';

/** The name of the session cookie better-auth sets (`__Secure-` in front on an https URL). */
export function sessionCookieName(config: Config): string {
  return config.publicUrl.startsWith('https://')
    ? '__Secure-tandem.session_token'
    : 'tandem.session_token';
}

/**
 * The session token the request's cookie carries, when the cookie's signature is ours.
 * better-auth signs the cookie as `token.base64(HMAC-SHA256(secret, token))`, URL-encoded;
 * reading it here spares every signed-in request better-auth's own session endpoint, which cost
 * more than the page it guarded (decision 039). Sign-in and sign-out stay better-auth's.
 */
export function sessionTokenOf(cookieHeader: string | undefined, config: Config): string | null {
  if (!cookieHeader) return null;
  const name = `${sessionCookieName(config)}=`;
  const raw = cookieHeader
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(name))
    ?.slice(name.length);
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1), 'base64');
  const expected = createHmac('sha256', config.secret).update(token).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected)
    ? token
    : null;
}

/** The signed-in user, and the session they came with (rate limits count per session). */
export type SessionUser = { id: UserId; name: string; email: string; sessionId: string };

/** The signed-in user and the scope they hold now, or null when the cookie names no live session. */
async function liveSession(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<{ user: SessionUser; scope: Scope | null } | null> {
  const token = sessionTokenOf(request.headers.cookie, ctx.config);
  if (!token) return null;
  const found = await findLiveSession(ctx.database, token);
  if (!found) return null;
  const user = {
    id: found.userId as UserId,
    name: found.name,
    email: found.email,
    sessionId: found.sessionId,
  };
  return { user, scope: scopeOfAccess(user.id, accessOfRow(found)) };
}

/** The signed-in user, or null when the cookie names no live session. */
export async function sessionUser(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<SessionUser | null> {
  return (await liveSession(ctx, request))?.user ?? null;
}

/** The access columns of a session row, as `findUserAccess` would answer them. */
function accessOfRow(row: LiveSessionRow): UserAccess | null {
  if (row.memberId && row.memberRole && row.memberWorkspaceId)
    return {
      kind: 'member',
      memberId: row.memberId,
      role: row.memberRole,
      workspaceId: row.memberWorkspaceId,
    };
  if (row.partnerId && row.partnerRole && row.partnerWorkspaceId)
    return {
      kind: 'partner',
      partnerId: row.partnerId,
      role: row.partnerRole,
      workspaceId: row.partnerWorkspaceId,
    };
  return null;
}

/** What a scope is made from: a membership or a partner-user row. */
type UserAccess =
  | { kind: 'member'; memberId: string; role: string; workspaceId: string }
  | { kind: 'partner'; partnerId: string; role: string; workspaceId: string };

/** The Scope a user holds now: read on every request, so role changes apply at once. */
export async function scopeForUser(db: Db | Tx, userId: UserId): Promise<Scope | null> {
  const access = await findUserAccess(db, userId);
  return access ? scopeOfAccess(userId, access) : null;
}

function scopeOfAccess(userId: UserId, access: UserAccess | null): Scope | null {
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
  return (await liveSession(request.ctx, request)) ?? { user: null, scope: null };
}

/** The user's membership or partner-user access with the names it carries, or null. */
export function accessOf(db: Db | Tx, userId: UserId) {
  return findUserAccess(db, userId);
}
