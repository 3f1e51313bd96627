import type { Role } from '../../domain/roles';
import type { Scope } from './scope';

const internal = ['admin', 'manager', 'member', 'viewer'] as const;
const editors = ['admin', 'manager', 'member'] as const;
const partnerSide = ['partner_admin', 'partner_member'] as const;

/**
 * Every permission Tandem knows, one line each, with the roles that hold it.
 * Deny by default: a permission not listed here is held by no one.
 * Partner roles see only their own partner's shared records; services filter by scope.
 */
export const permissions = {
  'workspace.read': [...internal],
  'workspace.update': ['admin'],
  'member.read': [...internal],
  'member.manage': ['admin'],
  'invitation.manage': ['admin'],
  'apikey.manage': ['admin'],
  'partner.read': [...internal, ...partnerSide],
  'partner.create': [...editors],
  'partner.update': [...editors],
  /** Giving a partner to someone else, or taking it from them; members may only take unowned ones. */
  'partner.assign_owner': ['admin', 'manager'],
  'partner.archive': ['admin', 'manager'],
  'partner.history': [...internal],
  'contact.read': [...internal, ...partnerSide],
  'contact.create': [...editors, 'partner_admin'],
  'contact.update': [...editors, 'partner_admin'],
  'contact.delete': [...editors, 'partner_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(scope: Scope, permission: Permission): boolean {
  // Tandem's own work (demo data, the command line, jobs) is trusted code acting for the workspace.
  if (scope.kind === 'system') return true;
  const roles: readonly Role[] = permissions[permission] ?? [];
  return roles.includes(scope.role);
}
