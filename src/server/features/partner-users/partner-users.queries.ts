import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { partners, partnerUsers, users } from '../../db/schema';
import type { ListPlan } from '../../http/list';

const partnerUserColumns = {
  id: partnerUsers.id,
  userId: partnerUsers.userId,
  name: users.name,
  email: users.email,
  role: partnerUsers.role,
  partnerId: partnerUsers.partnerId,
  partnerName: partners.name,
  createdAt: partnerUsers.createdAt,
  updatedAt: partnerUsers.updatedAt,
  version: partnerUsers.version,
};

/** The partner is joined on the workspace too: a row can never show another tenant's partner. */
function joined<Extra extends Record<string, SQL>>(db: Db | Tx, extra?: Extra) {
  return db
    .select({ ...partnerUserColumns, ...(extra as Extra) })
    .from(partnerUsers)
    .innerJoin(users, eq(users.id, partnerUsers.userId))
    .innerJoin(
      partners,
      and(
        eq(partners.id, partnerUsers.partnerId),
        eq(partners.workspaceId, partnerUsers.workspaceId),
      ),
    );
}

export function listPartnerUsers(db: Db, workspaceId: string, plan: ListPlan) {
  return joined(db, { cursor: plan.cursor })
    .where(and(eq(partnerUsers.workspaceId, workspaceId), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** A partner user; `forUpdate` locks the row so a change checked against it cannot race. */
export async function findPartnerUser(
  db: Db | Tx,
  workspaceId: string,
  partnerUserId: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = joined(db)
    .where(and(eq(partnerUsers.workspaceId, workspaceId), eq(partnerUsers.id, partnerUserId)))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update', { of: partnerUsers }) : await query;
  return rows[0];
}

export function insertPartnerUser(
  tx: Tx,
  row: { id: string; workspaceId: string; partnerId: string; userId: string; role: string },
) {
  return tx.insert(partnerUsers).values(row);
}

export function setPartnerUserRole(
  tx: Tx,
  workspaceId: string,
  partnerUserId: string,
  role: string,
) {
  return tx
    .update(partnerUsers)
    .set({ role, version: sql`${partnerUsers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(partnerUsers.workspaceId, workspaceId), eq(partnerUsers.id, partnerUserId)));
}
