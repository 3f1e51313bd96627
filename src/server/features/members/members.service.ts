import type { MemberId, UserId } from '../../../domain/ids';
import type { Member } from '../../../domain/members';
import { type MemberRole, memberRoles } from '../../../domain/roles';
import type { Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { members } from '../../db/schema';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { byIdList, pageFrom, planList } from '../../http/list';
import { passwordResetMail } from '../../mail/templates';
import { revokeMemberKeys } from '../api-keys/api-keys.service';
import { recordAudit } from '../audit/audit.service';
import { issueResetLink } from '../auth/auth.reset';
import { deleteAccount, endSessions } from '../auth/auth.users';
import { memberHolders } from './member-holders';
import {
  findMember,
  findMemberNames,
  findMemberRefs,
  insertMembers,
  listMembers as listMemberRows,
  lockAdmins,
  setMemberRole,
} from './members.queries';

type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

export function presentMember(row: MemberRow): Member {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role as MemberRole,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Members in the order they joined. */
const memberList = byIdList(members.id);

export async function listMembers(
  ctx: ServiceContext,
  scope: Scope,
  page: { limit: number; cursor?: string },
) {
  const plan = planList(ctx.config.secret, memberList, 'id', page);
  const rows = await listMemberRows(dbOf(ctx), scope.workspaceId, plan);
  return pageFrom(ctx.config.secret, plan, rows, presentMember);
}

export async function getMember(ctx: ServiceContext, scope: Scope, memberId: string) {
  const row = await findMember(dbOf(ctx), scope.workspaceId, memberId);
  if (!row) throw errors.notFound('member');
  return row;
}

/** Names of the given members of the caller's workspace, for records that point to them. */
export async function memberNames(
  db: Db | Tx,
  scope: Scope,
  ids: string[],
): Promise<Map<string, string>> {
  const rows = await findMemberNames(db, scope.workspaceId, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * A member a body names (an assignee, a partnership team member): one of the caller's
 * workspace, or 422 naming the field, the same answer whether it is elsewhere or nowhere.
 */
export async function usableMemberRef(db: Db | Tx, scope: Scope, id: string, field = 'memberId') {
  const name = (await memberNames(db, scope, [id])).get(id);
  if (name === undefined) throw errors.invalidReference(field, 'member');
  return { id: id as MemberId, name };
}

/**
 * Name and email of each current member among `ids`, read where the caller reads (a removed
 * member is simply absent): other features use it to address mail at send time.
 */
export async function memberAddresses(
  db: Db | Tx,
  scope: Scope,
  ids: string[],
): Promise<Map<string, { name: string; email: string }>> {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await findMemberRefs(db, scope.workspaceId, { ids: unique }) : [];
  return new Map(rows.map((row) => [row.id, { name: row.name, email: row.email }]));
}

const rank = (role: string) => memberRoles.indexOf(role as MemberRole);

/** The last admin stays: a workspace without one could never be managed again. */
function assertNotLastAdmin(admins: Array<{ id: string }>, target: MemberRow) {
  if (target.role === 'admin' && admins.length <= 1) {
    throw errors.conflict(
      'last_admin',
      'The last admin of a workspace cannot be removed or demoted',
    );
  }
}

/**
 * Locks what a change to a member is checked against: the admins first, in id order, then the
 * member, so that two changes at once wait for each other instead of deadlocking.
 */
async function lockForChange(tx: Tx, scope: Scope, memberId: string) {
  const admins = await lockAdmins(tx, scope.workspaceId);
  const target = await findMember(tx, scope.workspaceId, memberId, { forUpdate: true });
  if (!target) throw errors.notFound('member');
  return { admins, target };
}

/** Ends the member's sessions and revokes the keys they made: effective on the next request. */
async function cutAccess(ctx: TxContext, scope: Scope, target: MemberRow) {
  await endSessions(ctx, target.userId);
  return revokeMemberKeys(ctx, scope, target);
}

export async function changeMemberRole(
  ctx: ServiceContext,
  scope: Scope,
  memberId: string,
  ifMatch: string | undefined,
  role: MemberRole,
) {
  return withTransaction(ctx, async (tx, ctx) => {
    const { admins, target: before } = await lockForChange(tx, scope, memberId);
    checkIfMatch(ifMatch, before.version, { required: true });
    if (before.role === role) return before;
    if (role !== 'admin') assertNotLastAdmin(admins, before);
    await setMemberRole(tx, scope.workspaceId, memberId, role);
    const demoted = rank(role) > rank(before.role);
    const { revokedApiKeys } = demoted
      ? await cutAccess(ctx, scope, before)
      : { revokedApiKeys: [] };
    const after = await findMember(tx, scope.workspaceId, memberId);
    if (!after) throw errors.notFound('member');
    await recordAudit(tx, ctx, scope, {
      action: 'member.updated',
      entityType: 'member',
      entityId: memberId,
      before: { role: before.role },
      after: { role, revokedApiKeys },
    });
    return after;
  });
}

type NewMember = { id: MemberId; userId: UserId; role: MemberRole };

/** Makes a user a member of the scope's workspace (setup, invitation acceptance). */
export function addMember(ctx: ServiceContext, scope: Scope, member: NewMember) {
  return addMembers(ctx, scope, [member]);
}

/** Makes several users members at once (the demo team). */
export async function addMembers(ctx: ServiceContext, scope: Scope, list: NewMember[]) {
  if (list.length === 0) return;
  await withTransaction(ctx, (tx) =>
    insertMembers(
      tx,
      list.map((m) => ({ ...m, workspaceId: scope.workspaceId })),
    ),
  );
}

export async function removeMember(ctx: ServiceContext, scope: Scope, memberId: string) {
  await withTransaction(ctx, async (tx, ctx) => {
    const { admins, target: before } = await lockForChange(tx, scope, memberId);
    assertNotLastAdmin(admins, before);
    await endSessions(ctx, before.userId);
    // Each feature holding the member's records releases them (partners, keys, invitations).
    const released: Record<string, unknown> = {};
    for (const release of memberHolders) Object.assign(released, await release(ctx, scope, before));
    // The account goes too: a user belongs to one workspace (decision 003).
    await deleteAccount(ctx, before.userId);
    await recordAudit(tx, ctx, scope, {
      action: 'member.removed',
      entityType: 'member',
      entityId: memberId,
      before: { ...presentMember(before) },
      after: released,
    });
  });
}

/** An admin starts a reset for a member: mailed, or the link handed to the admin. */
export async function resetMemberPassword(ctx: ServiceContext, scope: Scope, memberId: string) {
  return withTransaction(ctx, async (tx, ctx) => {
    const target = await findMember(tx, scope.workspaceId, memberId);
    if (!target) throw errors.notFound('member');
    const url = await issueResetLink(tx, ctx, target.userId as UserId);
    const mailed = Boolean(ctx.config.smtpUrl);
    if (mailed)
      await ctx.jobs.enqueue(
        tx,
        'email.send',
        passwordResetMail(ctx.config.secret, target.email, url),
      );
    await recordAudit(tx, ctx, scope, {
      action: 'member.password_reset_started',
      entityType: 'member',
      entityId: memberId,
      after: { mailed },
    });
    return { resetUrl: mailed ? null : url, mailed };
  });
}

export type MemberRef = { id: string; name: string; email: string };

/**
 * Members of the caller's workspace a record points to (participants, assignees), by id or by
 * email address; ids or addresses of no member here are simply not in the answer.
 */
export async function memberRefs(
  db: Db | Tx,
  scope: Scope,
  by: { ids: string[] } | { emails: string[] },
): Promise<MemberRef[]> {
  const values = 'ids' in by ? by.ids : by.emails;
  if (values.length === 0) return [];
  return findMemberRefs(db, scope.workspaceId, by);
}
