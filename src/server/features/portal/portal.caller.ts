import type { FastifyRequest } from 'fastify';
import type { PartnerScope } from '../../access/scope';
import { errors } from '../../http/errors';
import { scopeOf } from '../../http/permissions';
import type { SessionUser } from '../auth/auth.session';

/** Portal reads: partner users signed in with a session. */
export const portalConfig = { access: 'portal.read', credentials: 'session' } as const;

/** The portal is for partner users signed in with a session; the permission admits partner roles only. */
export function partnerCaller(request: FastifyRequest): { scope: PartnerScope; user: SessionUser } {
  const scope = scopeOf(request);
  if (scope.kind !== 'partner' || !request.sessionUser) throw errors.forbidden();
  return { scope, user: request.sessionUser };
}

export const partnerScopeOf = (request: FastifyRequest) => partnerCaller(request).scope;

export const logged =
  ' Every record answered is written to the disclosure log (what was shown, to whom, when).';
