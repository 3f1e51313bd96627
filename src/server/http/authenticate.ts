import type { FastifyInstance } from 'fastify';
import { scopeForApiKey } from '../features/api-keys/api-keys.auth';
import { resolveSession } from '../features/auth/auth.session';
import { errors } from './errors';

/**
 * Resolves the caller's Scope once per request: a Bearer API key or the session cookie.
 * A Bearer header that does not name a live key is refused outright.
 */
export function registerAuthentication(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1')) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^bearer\s+(\S+)$/i.exec(authorization);
      const scope = match?.[1] ? await scopeForApiKey(request.ctx, match[1]) : null;
      if (!scope) throw errors.unauthenticated('The API key is not valid or has been revoked');
      request.scope = scope;
      return;
    }
    const session = await resolveSession(request);
    request.sessionUser = session.user;
    request.scope = session.scope;
  });
}
