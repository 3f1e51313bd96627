import { eq } from 'drizzle-orm';
import type { PartnerId, PartnerUserId, UserId } from '../../../domain/ids';
import type { PartnerUser, PartnerUserListQuery } from '../../../domain/partner-users';
import { type PartnerRole, partnerRoles } from '../../../domain/roles';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { partnerUsers } from '../../db/schema';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { byIdList, pageFrom, planList } from '../../http/list';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import { deleteAccount, endSessions } from '../auth/auth.users';
import {
  findPartnerUser,
  insertPartnerUser,
  listPartnerUsers as listPartnerUserRows,
  setPartnerUserRole,
} from './partner-users.queries';

type PartnerUserRow = NonNullable<Awaited<ReturnType<typeof findPartnerUser>>>;

export function presentPartnerUser(row: PartnerUserRow): PartnerUser {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role as PartnerRole,
    partnerId: row.partnerId,
    partnerName: row.partnerName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Partner users in the order they joined, of one partner when `?partnerId=` names it. */
const partnerUserList = byIdList<PartnerUserListQuery>(partnerUsers.id, {
  partnerId: (id) => eq(partnerUsers.partnerId, id),
});

export async function listPartnerUsers(
  ctx: ServiceContext,
  scope: Scope,
  query: PartnerUserListQuery,
) {
  const plan = planList(ctx.config.secret, partnerUserList, 'id', query);
  const rows = await listPartnerUserRows(dbOf(ctx), scope.workspaceId, plan);
  return pageFrom(ctx.config.secret, plan, rows, presentPartnerUser);
}

export async function getPartnerUser(ctx: ServiceContext, scope: Scope, partnerUserId: string) {
  const row = await findPartnerUser(dbOf(ctx), scope.workspaceId, partnerUserId);
  if (!row) throw errors.notFound('partner user');
  return row;
}

const rank = (role: string) => partnerRoles.indexOf(role as PartnerRole);

/**
 * Changes a partner user's role. Lowering it ends their sessions, so the new role applies on
 * their very next request.
 */
export async function changePartnerUserRole(
  ctx: ServiceContext,
  scope: Scope,
  partnerUserId: string,
  ifMatch: string | undefined,
  role: PartnerRole,
) {
  return withTransaction(ctx, async (tx, ctx) => {
    const before = await findPartnerUser(tx, scope.workspaceId, partnerUserId, { forUpdate: true });
    if (!before) throw errors.notFound('partner user');
    checkIfMatch(ifMatch, before.version, { required: true });
    if (before.role === role) return before;
    await setPartnerUserRole(tx, scope.workspaceId, partnerUserId, role);
    const lowered = rank(role) > rank(before.role);
    if (lowered) await endSessions(ctx, before.userId);
    const after = await findPartnerUser(tx, scope.workspaceId, partnerUserId);
    if (!after) throw errors.notFound('partner user');
    await recordAudit(tx, ctx, scope, {
      action: 'partner_user.updated',
      entityType: 'partner_user',
      entityId: partnerUserId,
      partnerId: before.partnerId,
      before: { role: before.role },
      after: { role, sessionsEnded: lowered },
    });
    return after;
  });
}

/** Makes a user a partner user of one of the workspace's partners (invitation acceptance). */
export async function addPartnerUser(
  ctx: ServiceContext,
  scope: Scope,
  user: { userId: UserId; partnerId: PartnerId; role: PartnerRole },
): Promise<PartnerUserId> {
  const id = newId<PartnerUserId>();
  await withTransaction(ctx, (tx) =>
    insertPartnerUser(tx, { id, workspaceId: scope.workspaceId, ...user }),
  );
  return id;
}

/** Removes a partner user and their account: sessions end at once (decision 003). */
export async function removePartnerUser(ctx: ServiceContext, scope: Scope, partnerUserId: string) {
  await withTransaction(ctx, async (tx, ctx) => {
    const before = await findPartnerUser(tx, scope.workspaceId, partnerUserId, { forUpdate: true });
    if (!before) throw errors.notFound('partner user');
    // Deleting the user cascades their partner-user row, sessions and credentials.
    await deleteAccount(ctx, before.userId);
    await recordAudit(tx, ctx, scope, {
      action: 'partner_user.removed',
      entityType: 'partner_user',
      entityId: partnerUserId,
      partnerId: before.partnerId,
      before: { ...presentPartnerUser(before) },
    });
  });
}
