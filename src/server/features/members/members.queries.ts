import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { pgArray } from '../../db/pg-array';
import { plainRows } from '../../db/plain';
import { members, users } from '../../db/schema';
import type { ListPlan } from '../../http/list';

const memberColumns = {
  id: members.id,
  userId: members.userId,
  name: users.name,
  email: users.email,
  role: members.role,
  createdAt: members.createdAt,
  updatedAt: members.updatedAt,
  version: members.version,
};

export function listMembers(db: Db, workspaceId: string, plan: ListPlan) {
  return db
    .select({ ...memberColumns, cursor: plan.cursor })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspaceId), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** A member; `forUpdate` locks the row so a change checked against it cannot race another. */
export async function findMember(
  db: Db | Tx,
  workspaceId: string,
  memberId: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = db
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update', { of: members }) : await query;
  return rows[0];
}

/** The workspace's admins, locked in id order: demoting or removing one cannot race another. */
export function lockAdmins(tx: Tx, workspaceId: string) {
  return tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, 'admin')))
    .orderBy(members.id)
    .for('update');
}

export function insertMembers(
  tx: Tx,
  rows: Array<{ id: string; workspaceId: string; userId: string; role: string }>,
) {
  return tx.insert(members).values(rows);
}

export function setMemberRole(tx: Tx, workspaceId: string, memberId: string, role: string) {
  return tx
    .update(members)
    .set({ role, version: sql`${members.version} + 1`, updatedAt: new Date() })
    .where(and(eq(members.workspaceId, workspaceId), eq(members.id, memberId)));
}

/** Names of the given members of a workspace, for records that point to them. */
/** Names of the given members of the workspace: a plain statement (decision 065). */
export async function findMemberNames(db: Db | Tx, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return plainRows<{ id: string; name: string }>(
    db,
    sql`SELECT m.id, u.name FROM members m JOIN users u ON u.id = m.user_id
      WHERE m.workspace_id = ${workspaceId} AND m.id = ANY(${pgArray(ids)}::uuid[])`,
  );
}

/** Members of the workspace among the given ids, or with the given (lower-cased) emails. */
export function findMemberRefs(
  db: Db | Tx,
  workspaceId: string,
  by: { ids: string[] } | { emails: string[] },
) {
  const match =
    'ids' in by ? inArray(members.id, by.ids) : inArray(sql`lower(${users.email})`, by.emails);
  return db
    .select({ id: members.id, name: users.name, email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspaceId), match));
}
