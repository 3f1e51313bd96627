import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import type { Database } from '../../db/client';
import { accounts, sessions, users, verifications } from '../../db/schema';
import { newId } from '../../ids';
import { hashPassword, verifyPassword } from './auth.password';

/** better-auth is the largest module Tandem loads: it loads with the first session or sign-in. */
async function createAuth(ctx: AppContext) {
  const [{ betterAuth }, { drizzleAdapter }] = await Promise.all([
    import('better-auth'),
    import('better-auth/adapters/drizzle'),
  ]);
  const secure = ctx.config.publicUrl.startsWith('https://');
  return betterAuth({
    appName: 'Tandem',
    secret: ctx.config.secret,
    baseURL: ctx.config.publicUrl,
    basePath: '/api/v1/auth',
    trustedOrigins: [new URL(ctx.config.publicUrl).origin],
    database: drizzleAdapter(ctx.database.db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts come only from setup, the CLI and invitations (Tandem's own routes).
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    // Tandem counts failed sign-ins in its own table, in every environment.
    rateLimit: { enabled: false },
    // A session lasts 14 days from sign-in, like its cookie: reading it never writes.
    session: { expiresIn: 60 * 60 * 24 * 14, disableSessionRefresh: true },
    advanced: {
      cookiePrefix: 'tandem',
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
      database: { generateId: () => newId() },
    },
    telemetry: { enabled: false },
    // Tandem logs failures itself, with the request id; better-auth's warnings would be noise.
    logger: { level: 'error' },
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

const instances = new WeakMap<Database, Promise<Auth>>();

/** One better-auth instance per app (keyed by its database), made on first use. */
export function authFor(ctx: AppContext): Promise<Auth> {
  let auth = instances.get(ctx.database);
  if (!auth) {
    auth = createAuth(ctx);
    instances.set(ctx.database, auth);
  }
  return auth;
}

/** Fastify's header object as a Fetch `Headers`, which better-auth reads. */
export function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

/** The request's headers for better-auth, with the client address Fastify trusts. */
export function headersFor(request: FastifyRequest): Headers {
  const headers = toHeaders(request.headers);
  headers.set('x-forwarded-for', request.ip);
  return headers;
}
