import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimitName } from '../config';
import type { AppContext } from '../context';
import { sha256 } from '../tokens';
import { clientKey } from './client-address';
import { errors } from './errors';
import { createRateLimiter, type RateLimiter, type Refusal } from './rate-limiter';

/** A limit a public route counts on every request, by what `by` names (the client, an email). */
export type PublicLimit = { name: RateLimitName; by: (request: FastifyRequest) => string };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Public routes and password change: the limits each request counts against, in the database. */
    rateLimits?: PublicLimit[];
  }
  interface FastifyInstance {
    /** The app's request counters; tests sync them by hand. */
    rateLimiter: RateLimiter;
  }
}

/** Counted per client address (an IPv6 client by its /64). */
export function perClient(name: RateLimitName): PublicLimit {
  return { name, by: (request) => `client:${clientKey(request.ip)}` };
}

/** Counted per signed-in person (per client when there is none, which access refuses anyway). */
export function perUser(name: RateLimitName): PublicLimit {
  return {
    name,
    by: (request) =>
      request.sessionUser ? `user:${request.sessionUser.id}` : `client:${clientKey(request.ip)}`,
  };
}

/** Counted per email address in the body, kept only as its hash. */
export function perEmail(name: RateLimitName): PublicLimit {
  return {
    name,
    by: (request) =>
      `email:${sha256(String((request.body as { email?: unknown })?.email ?? '').toLowerCase())}`,
  };
}

function refuse(refusal: Refusal) {
  return errors.tooManyRequests(
    refusal.retryAfterSeconds,
    `Too many requests; try again in ${refusal.retryAfterSeconds} seconds`,
  );
}

/**
 * 429 with Retry-After over a limit (decision 016): public routes by their `rateLimits`, counted
 * in the database; API use by an API key or a session, counted in the process and shared through
 * the database about once a second. Runs after validation and access, so a refused request has
 * read nothing and changed nothing.
 */
export function registerRateLimits(app: FastifyInstance, ctx: AppContext) {
  const limiter = createRateLimiter(ctx.database, ctx.config.rateLimits);
  limiter.start((error) => app.log.warn({ err: error }, 'rate limit sync failed'));
  app.addHook('onClose', async () => limiter.stop());
  app.decorate('rateLimiter', limiter);

  app.addHook('preHandler', async (request: FastifyRequest) => {
    const limits = request.routeOptions.config?.rateLimits;
    if (limits) {
      const refusal = await limiter.hitShared(
        limits.map((limit) => ({ name: limit.name, subject: limit.by(request) })),
      );
      if (refusal) throw refuse(refusal);
    }
    const scope = request.scope;
    if (!scope || !request.url.startsWith('/api/v1')) return;
    const subject =
      scope.kind === 'member' && scope.apiKeyId
        ? `key:${scope.apiKeyId}`
        : request.sessionUser
          ? `session:${request.sessionUser.sessionId}`
          : null;
    if (!subject) return;
    const refusal = await limiter.hitLocal('api', subject);
    if (refusal) throw refuse(refusal);
  });
}
