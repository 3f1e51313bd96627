import { randomBytes } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context';
import { errors } from './errors';

declare module 'fastify' {
  interface FastifyReply {
    /** The per-response nonce that Mantine's injected <style> elements carry. */
    styleNonce: string;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The web app: scripts only from our origin, styles only by this response's nonce. */
export function webAppPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** The API docs page runs Swagger UI, which needs inline styles. */
const docsPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

function hasBearer(request: FastifyRequest): boolean {
  return /^bearer\s/i.test(request.headers.authorization ?? '');
}

export async function registerSecurity(app: FastifyInstance, ctx: AppContext) {
  await app.register(helmet, {
    contentSecurityPolicy: false, // set per response below: the app, the docs and the API differ
    crossOriginEmbedderPolicy: false,
    hsts: ctx.config.publicUrl.startsWith('https://'),
  });
  app.decorateReply('styleNonce', '');

  const publicOrigin = new URL(ctx.config.publicUrl).origin;

  app.addHook('onRequest', async (request, reply) => {
    const url = request.url;
    let policy = apiPolicy;
    if (url.startsWith('/api/docs')) policy = docsPolicy;
    else if (!url.startsWith('/api/')) {
      // Only the web app's pages carry styles by nonce: API answers need no random bytes.
      reply.styleNonce = randomBytes(16).toString('base64');
      policy = webAppPolicy(reply.styleNonce);
    }
    reply.header('content-security-policy', policy);

    // CSRF: a cookie-authenticated change must come from our own pages.
    if (unsafeMethods.has(request.method) && !hasBearer(request)) {
      const origin = request.headers.origin;
      const hasCookie = Boolean(request.headers.cookie);
      if (
        (origin !== undefined && origin !== publicOrigin) ||
        (origin === undefined && hasCookie)
      ) {
        throw errors.forbiddenOrigin();
      }
    }
  });
}
