import { PortalMe } from '../../../domain/portal/me';
import { errors } from '../../http/errors';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { portalMe } from './portal.service';

const tags = ['portal'];

/** The partner users' own surface: its routes answer only the portal's schemas. */
export async function portalRoutes(app: ZodApp) {
  app.get(
    '/portal/me',
    {
      config: { access: 'portal.read', credentials: 'session' },
      schema: {
        operationId: 'getPortalHome',
        description:
          "The signed-in partner user, their partner and what they may do. Takes a partner user's session only.",
        tags,
        summary: "The partner user's portal home",
        response: { 200: PortalMe },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      // The portal is for people signed in with a session; the permission admits partner roles only.
      if (scope.kind !== 'partner' || !request.sessionUser) throw errors.forbidden();
      return portalMe(request.ctx, scope, request.sessionUser);
    },
  );
}
