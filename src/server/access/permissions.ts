import type { Role } from '../../domain/roles';
import type { Scope } from './scope';

const internal = ['admin', 'manager', 'member', 'viewer'] as const;
const editors = ['admin', 'manager', 'member'] as const;
const partnerSide = ['partner_admin', 'partner_member'] as const;

/**
 * Every permission Tandem knows, one line each, with the roles that hold it.
 * Deny by default: a permission not listed here is held by no one.
 * Partner roles hold no internal permission: they use the portal's own routes and schemas,
 * so an internal field added later can never reach them.
 */
export const permissions = {
  'workspace.read': [...internal],
  'workspace.update': ['admin'],
  'member.read': [...internal],
  'member.manage': ['admin'],
  'invitation.manage': ['admin'],
  'apikey.manage': ['admin'],
  'partner.read': [...internal],
  'partner.create': [...editors],
  'partner.update': [...editors],
  /** Giving a partner to someone else, or taking it from them (members: see `ownRecords`). */
  'partner.assign_owner': ['admin', 'manager'],
  'partner.archive': ['admin', 'manager'],
  'partner.history': [...internal],
  'contact.read': [...internal],
  'contact.create': [...editors],
  'contact.update': [...editors],
  'contact.delete': [...editors],
  /** The portal: a partner user's own account, partner and workspace names. */
  'portal.read': [...partnerSide],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

/**
 * Roles that hold a permission on a record only when they own it or no one does: a member may
 * take an unowned partner or give up their own, never hand one to someone else.
 */
export const ownRecords = {
  'partner.assign_owner': ['member'],
} as const satisfies Partial<Record<Permission, readonly Role[]>>;

/** A record with an owner: a member id, or null when no one owns it. */
export type OwnedRecord = { ownerId: string | null };

/**
 * Whether the caller holds a permission; given a record, also through `ownRecords`. The one
 * check every route and service asks, so ownership rules live here, not in each service.
 */
export function can(scope: Scope, permission: Permission, record?: OwnedRecord): boolean {
  // Tandem's own work (demo data, the command line, jobs) is trusted code acting for the workspace.
  if (scope.kind === 'system') return true;
  const roles: readonly Role[] = permissions[permission] ?? [];
  if (roles.includes(scope.role)) return true;
  if (!record || scope.kind !== 'member') return false;
  const owners: readonly Role[] =
    (ownRecords as Partial<Record<Permission, readonly Role[]>>)[permission] ?? [];
  return (
    owners.includes(scope.role) && (record.ownerId === null || record.ownerId === scope.memberId)
  );
}
