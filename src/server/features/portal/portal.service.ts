import type { PortalMe } from '../../../domain/portal/me';
import type { PartnerScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { errors } from '../../http/errors';
import { accessOf, type SessionUser } from '../auth/auth.session';

/** The portal home of the signed-in partner user: who they are and whom they work with. */
export async function portalMe(
  ctx: ServiceContext,
  scope: PartnerScope,
  user: SessionUser,
): Promise<PortalMe> {
  const access = await accessOf(ctx.database.db, scope.userId);
  if (access?.kind !== 'partner' || access.partnerId !== scope.partnerId)
    throw errors.unauthenticated();
  return {
    user: { id: user.id, name: user.name, email: user.email },
    role: scope.role,
    partner: { id: scope.partnerId, name: access.partnerName },
    workspace: { id: scope.workspaceId, name: access.workspaceName },
  };
}
