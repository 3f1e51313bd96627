import type { ApiKeyId, PartnerId, UserId, WorkspaceId } from '../../domain/ids';
import type { MemberRole, PartnerRole } from '../../domain/roles';

/** Who is calling, resolved once per request. Every service and query takes it first. */
export type MemberScope = {
  kind: 'member';
  workspaceId: WorkspaceId;
  role: MemberRole;
  /** The signed-in user, or null when an API key calls. */
  userId: UserId | null;
  /** The API key, when one calls. */
  apiKeyId: ApiKeyId | null;
};

export type PartnerScope = {
  kind: 'partner';
  workspaceId: WorkspaceId;
  role: PartnerRole;
  userId: UserId;
  partnerId: PartnerId;
};

export type Scope = MemberScope | PartnerScope;

/** Who an audit event names. */
export function actorOf(scope: Scope): { actorType: 'user' | 'api_key'; actorId: string | null } {
  if (scope.kind === 'member' && scope.apiKeyId)
    return { actorType: 'api_key', actorId: scope.apiKeyId };
  return { actorType: 'user', actorId: scope.userId };
}
