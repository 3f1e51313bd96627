import type { SessionInfo } from '../../../domain/auth';
import type { UserId } from '../../../domain/ids';
import type { AppContext } from '../../context';
import { clientKey } from '../../http/client-address';
import { errors } from '../../http/errors';
import { authFor } from './auth.instance';
import { deleteSessionByToken, findUserAccess } from './auth.queries';
import { noteSuccess, reserveAttempt, withdrawAttempt } from './auth.throttle';

type User = { id: UserId; name: string; email: string };

/** What the web app needs to know about the signed-in caller. */
export async function sessionInfoFor(ctx: AppContext, user: User): Promise<SessionInfo> {
  const access = await findUserAccess(ctx.database.db, user.id);
  if (!access) throw errors.unauthenticated('This account has no workspace');
  return toSessionInfo(user, access);
}

type UserAccess = NonNullable<Awaited<ReturnType<typeof findUserAccess>>>;

function toSessionInfo(user: User, access: UserAccess): SessionInfo {
  return {
    user: { id: user.id, name: user.name, email: user.email },
    kind: access.kind,
    role: access.role as SessionInfo['role'],
    workspace: { id: access.workspaceId, name: access.workspaceName },
    partnerId: access.partnerId,
  };
}

function isUnauthorized(error: unknown): boolean {
  const e = error as { statusCode?: number; status?: string | number };
  return e?.statusCode === 401 || e?.status === 'UNAUTHORIZED' || e?.status === 401;
}

/**
 * Signs in with email and password through better-auth, throttled by Tandem's own failure
 * count. Answers the Set-Cookie headers and the session info.
 */
export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string; ip: string; headers: Headers },
): Promise<{ setCookie: string[]; info: SessionInfo }> {
  const attempt = await reserveAttempt(ctx, input.email, clientKey(input.ip));
  let result: Awaited<ReturnType<typeof signInEmail>>;
  try {
    result = await signInEmail(ctx, input);
  } catch (error) {
    // A wrong password keeps the reserved attempt as its failure; our own error does not count.
    if (!isUnauthorized(error)) {
      await withdrawAttempt(ctx, attempt);
      throw error;
    }
    throw errors.unauthenticated('The email or the password is not right');
  }
  const user = result.response.user;
  const access = await findUserAccess(ctx.database.db, user.id);
  if (!access) {
    // A user without a workspace (removed) must not hold a session; the attempt stays a failure.
    await deleteSessionByToken(ctx.database.db, result.response.token);
    throw errors.unauthenticated('The email or the password is not right');
  }
  await noteSuccess(ctx, input.email, attempt);
  const info = toSessionInfo({ id: user.id as UserId, name: user.name, email: user.email }, access);
  return { setCookie: result.headers.getSetCookie(), info };
}

/** Opens a session for an account just made (setup, invitation) with the password given. */
export async function signInAfterCreate(
  ctx: AppContext,
  input: { email: string; password: string; headers: Headers },
): Promise<{ setCookie: string[]; info: SessionInfo }> {
  const result = await signInEmail(ctx, input);
  const user = result.response.user;
  const info = await sessionInfoFor(ctx, {
    id: user.id as UserId,
    name: user.name,
    email: user.email,
  });
  return { setCookie: result.headers.getSetCookie(), info };
}

async function signInEmail(
  ctx: AppContext,
  input: { email: string; password: string; headers: Headers },
) {
  return (await authFor(ctx)).api.signInEmail({
    body: { email: input.email, password: input.password, rememberMe: true },
    headers: input.headers,
    returnHeaders: true,
  });
}

/** Ends the caller's session; answers the Set-Cookie headers that clear the cookie. */
export async function signOut(ctx: AppContext, headers: Headers): Promise<string[]> {
  const result = await (await authFor(ctx)).api.signOut({ headers, returnHeaders: true });
  return result.headers.getSetCookie();
}
