import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { PartnerScope, Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { disclosures, partnerUsers, users } from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import type { ListPlan } from '../../http/list';
import { newId } from '../../ids';

export type DisclosureRow = typeof disclosures.$inferSelect;

/**
 * Logs records shown to the scope's partner user in one statement, whatever their number: the
 * person's name and email are copied from their account as it is now. Answers the rows written.
 */
export async function insertDisclosureRows(
  db: Db | Tx,
  scope: PartnerScope,
  shown: {
    recordType: string;
    view: string;
    requestId: string | null;
    records: Array<{ id: string; version: number }>;
  },
): Promise<number> {
  const records = JSON.stringify(shown.records);
  const result = await db.execute(sql`
    INSERT INTO ${disclosures} (id, workspace_id, partner_id, partner_user_id, person_name,
      person_email, record_type, record_id, record_version, view, request_id)
    SELECT ${uuidv7Sql}, pu.workspace_id, pu.partner_id, pu.id, u.name, u.email,
      ${shown.recordType}::text, r.id, r.version, ${shown.view}::text, ${shown.requestId}::text
    FROM ${partnerUsers} pu
    JOIN ${users} u ON u.id = pu.user_id
    CROSS JOIN jsonb_to_recordset(${records}::jsonb) AS r(id uuid, version int)
    WHERE pu.workspace_id = ${scope.workspaceId} AND pu.partner_id = ${scope.partnerId}
      AND pu.user_id = ${scope.userId}
    RETURNING 1`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}

/** Logs the agreement a signing link showed, named by the contact and address it was sent to. */
export async function insertLinkDisclosureRow(
  db: Db | Tx,
  scope: Scope,
  shown: {
    partnerId: string;
    contactId: string | null;
    personName: string;
    personEmail: string;
    recordId: string;
    recordVersion: number;
    requestId: string | null;
  },
): Promise<void> {
  await db.insert(disclosures).values({
    id: newId(),
    workspaceId: scope.workspaceId,
    recordType: 'agreement',
    view: 'signing_link',
    ...shown,
  });
}

/** One page of the workspace's disclosure log a list plan asks for. */
export function listDisclosureRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return db
    .select({ ...getTableColumns(disclosures), cursor: plan.cursor })
    .from(disclosures)
    .where(and(eq(disclosures.workspaceId, scope.workspaceId), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}
