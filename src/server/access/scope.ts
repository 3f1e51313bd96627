import type { ActorKind } from '../../domain/audit';
import type { ApiKeyId, MemberId, PartnerId, UserId, WorkspaceId } from '../../domain/ids';
import type { MemberRole, PartnerRole } from '../../domain/roles';

/** Who is calling, resolved once per request. Every service and query takes it first. */
export type MemberScope = {
  kind: 'member';
  workspaceId: WorkspaceId;
  role: MemberRole;
  /** The signed-in user, or null when an API key calls. */
  userId: UserId | null;
  /** The signed-in user's membership, what records name as their owner; null for an API key. */
  memberId: MemberId | null;
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

/**
 * Tandem itself acting in one workspace: the demo loader, the command line, a job. It holds
 * every permission (the code that makes one is trusted) and is named in audit events.
 */
/** `calendar-feed`: a feed URL being read, on behalf of the member whose feed it is. */
/** `report-unsubscribe`: a recipient following the unsubscribe link of a scheduled report. */
/** `signing-link`: a partner signer following the signing link mailed to them (decision 056). */
/**
 * `portal`: the rows a partner user's portal request reads once their partner scope let them in,
 * where that scope sees too little (the compliance checklist at signing, the version's files);
 * audit events name the partner user, not it (decision 063).
 */
export type SystemActor =
  | 'demo'
  | 'cli'
  | 'calendar-feed'
  | 'report-unsubscribe'
  | 'signing-link'
  | 'portal'
  | `job:${string}`;

export type SystemScope = {
  kind: 'system';
  workspaceId: WorkspaceId;
  actor: SystemActor;
};

export type Scope = MemberScope | PartnerScope | SystemScope;

/** The member the caller is, when a signed-in member calls: keys and Tandem itself own nothing. */
export function callerMemberId(scope: Scope): MemberId | null {
  return scope.kind === 'member' ? scope.memberId : null;
}

/** The scope of work Tandem does on its own in a workspace. */
export function systemScope(workspaceId: WorkspaceId, actor: SystemActor): SystemScope {
  return { kind: 'system', workspaceId, actor };
}

/**
 * Who an audit event names: a member or partner user by user id, an API key by its id, a
 * system actor by its name (`actorId` null).
 */
export function actorOf(scope: Scope): {
  kind: ActorKind;
  id: string | null;
  systemActor: SystemActor | null;
} {
  if (scope.kind === 'system') return { kind: 'system', id: null, systemActor: scope.actor };
  if (scope.kind === 'partner')
    return { kind: 'partner_user', id: scope.userId, systemActor: null };
  if (scope.apiKeyId) return { kind: 'api_key', id: scope.apiKeyId, systemActor: null };
  return { kind: 'member', id: scope.userId, systemActor: null };
}

/** How a system actor reads in history: "Demo data", "Command line", "Job: email.send". */
export function systemActorName(actor: string): string {
  if (actor === 'demo') return 'Demo data';
  if (actor === 'cli') return 'Command line';
  if (actor.startsWith('job:')) return `Job: ${actor.slice(4)}`;
  if (actor === 'report-unsubscribe') return 'Unsubscribe link';
  if (actor === 'signing-link') return 'Signing link';
  if (actor === 'portal') return 'Partner portal';
  return 'Tandem';
}
