import { type Permission, roleCan } from '../../domain/permissions';
import type { Role } from '../../domain/roles';
import type { Scope } from './scope';

export { type Permission, permissions } from '../../domain/permissions';

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
  if (roleCan(scope.role, permission)) return true;
  if (!record || scope.kind !== 'member') return false;
  const owners: readonly Role[] =
    (ownRecords as Partial<Record<Permission, readonly Role[]>>)[permission] ?? [];
  return (
    owners.includes(scope.role) && (record.ownerId === null || record.ownerId === scope.memberId)
  );
}
