import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type Permission } from '../access/permissions';
import type { Scope } from '../access/scope';
import { errors } from './errors';

/**
 * What a route requires. `public`: anyone; `authenticated`: any signed-in caller (the
 * service decides more); otherwise a permission from the access table.
 */
export type RouteAccess = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The route reads one record's part named by its query (a comment thread), not a list. */
    recordInQuery?: boolean;
  }
}

/** Every API route states its access; a route without one stops the app from starting. */
export function registerRouteAccess(
  app: FastifyInstance,
  routes: Array<{ method: string; url: string; access: RouteAccess }>,
) {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, access });
    }
  });

  app.addHook('preHandler', async (request: FastifyRequest) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    if (!request.scope) throw errors.unauthenticated();
    if (access !== 'authenticated' && !can(request.scope, access)) throw denial(request);
  });
}

/**
 * A partner user on an internal route is told nothing: a record is not found (404), like one of
 * another workspace, whether the path or the query names it; a list or a create is refused as
 * for any role without the permission.
 */
function denial(request: FastifyRequest) {
  const params = request.params as Record<string, unknown> | undefined;
  const namesRecord =
    (params && Object.keys(params).length > 0) || request.routeOptions.config?.recordInQuery;
  if (request.scope?.kind === 'partner' && namesRecord) return errors.notFound();
  return errors.forbidden();
}

/** The caller's scope on a route that requires one (the preHandler has checked it). */
export function scopeOf(request: FastifyRequest): Scope {
  if (!request.scope) throw errors.unauthenticated();
  return request.scope;
}
