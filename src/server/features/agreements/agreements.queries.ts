import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { sharedAgreementStatuses } from '../../../domain/portal/agreements';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { agreementSigners, agreements } from '../../db/schema';
import type { ListPlan } from '../../http/list';

export type AgreementRow = typeof agreements.$inferSelect;
export type NewAgreementRow = typeof agreements.$inferInsert;
export type SignerRow = typeof agreementSigners.$inferSelect;
export type NewSignerRow = typeof agreementSigners.$inferInsert;

/**
 * What the caller may see: agreements of their workspace; a partner user only their partner's
 * that were sent for signature (decision 063), never a draft or one in negotiation.
 */
export function visible(scope: Scope): SQL {
  const inWorkspace = eq(agreements.workspaceId, scope.workspaceId);
  if (scope.kind === 'partner')
    return and(
      inWorkspace,
      eq(agreements.partnerId, scope.partnerId),
      inArray(agreements.status, [...sharedAgreementStatuses]),
    ) as SQL;
  return inWorkspace;
}

export async function findAgreement(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<AgreementRow | undefined> {
  const query = db
    .select()
    .from(agreements)
    .where(and(visible(scope), eq(agreements.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** Titles of the given agreements the caller may see (parents shown by name). */
export async function findAgreementTitles(db: Db | Tx, scope: Scope, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: agreements.id, title: agreements.title })
    .from(agreements)
    .where(and(visible(scope), inArray(agreements.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row.title]));
}

/**
 * The ids of an agreement and every agreement above it, nearest first: a parent chain ends
 * at an agreement without one (the database holds no cycle, so the walk ends).
 */
export async function ancestorIds(db: Db | Tx, scope: Scope, id: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM ${agreements}
        WHERE workspace_id = ${scope.workspaceId} AND id = ${id}
      UNION ALL
      SELECT a.id, a.parent_id, up.depth + 1 FROM ${agreements} a
        JOIN up ON a.workspace_id = ${scope.workspaceId} AND a.id = up.parent_id
        WHERE up.depth < 100
    )
    SELECT id FROM up ORDER BY depth`);
  return (rows as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
}

/** Whether any agreement falls under this one. */
export async function hasChildren(db: Db | Tx, scope: Scope, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(and(visible(scope), eq(agreements.parentId, id)))
    .limit(1);
  return rows.length > 0;
}

export async function insertAgreementRow(tx: Tx, row: NewAgreementRow): Promise<AgreementRow> {
  const [inserted] = await tx.insert(agreements).values(row).returning();
  if (!inserted) throw new Error('agreement insert returned no row');
  return inserted;
}

export async function updateAgreementRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewAgreementRow>,
): Promise<AgreementRow> {
  const [updated] = await tx
    .update(agreements)
    .set(set)
    .where(and(visible(scope), eq(agreements.id, id)))
    .returning();
  if (!updated) throw new Error('agreement update matched no row');
  return updated;
}

export async function deleteAgreementRow(tx: Tx, scope: Scope, id: string) {
  await tx.delete(agreements).where(and(visible(scope), eq(agreements.id, id)));
}

/** One page of the agreements a list plan asks for (`http/list.ts`), within the scope. */
export function listAgreementRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return db
    .select({ ...getTableColumns(agreements), cursor: plan.cursor })
    .from(agreements)
    .where(and(visible(scope), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** The signers of the given agreements: our side first, then the partner's, each in order added. */
export function findSignerRows(db: Db | Tx, scope: Scope, agreementIds: string[]) {
  if (agreementIds.length === 0) return Promise.resolve([] as SignerRow[]);
  return db
    .select()
    .from(agreementSigners)
    .where(
      and(
        eq(agreementSigners.workspaceId, scope.workspaceId),
        inArray(agreementSigners.agreementId, agreementIds),
      ),
    )
    .orderBy(
      asc(agreementSigners.agreementId),
      desc(agreementSigners.side),
      asc(agreementSigners.id),
    );
}

export async function insertSignerRow(tx: Tx, row: NewSignerRow): Promise<SignerRow> {
  const [inserted] = await tx.insert(agreementSigners).values(row).returning();
  if (!inserted) throw new Error('signer insert returned no row');
  return inserted;
}

/** Removes one signer of one agreement; answers the row removed, if any. */
export async function deleteSignerRow(tx: Tx, scope: Scope, agreementId: string, id: string) {
  const [removed] = await tx
    .delete(agreementSigners)
    .where(
      and(
        eq(agreementSigners.workspaceId, scope.workspaceId),
        eq(agreementSigners.agreementId, agreementId),
        eq(agreementSigners.id, id),
      ),
    )
    .returning();
  return removed;
}

/** A member leaves: the agreements they own become unowned, as rows for audit events. */
export function releaseOwnerSql(workspaceId: string, memberId: string): SQL {
  return sql`UPDATE ${agreements} SET owner_id = NULL, version = version + 1, updated_at = now()
    WHERE workspace_id = ${workspaceId} AND owner_id = ${memberId}
    RETURNING id AS entity_id, partner_id,
      jsonb_build_object('ownerId', ${memberId}::text) AS before,
      jsonb_build_object('ownerId', NULL) AS after`;
}

/** A member leaves: where they sign, their name and role stay, the link to them goes. */
export async function releaseSignerMember(tx: Tx, workspaceId: string, memberId: string) {
  await tx
    .update(agreementSigners)
    .set({ memberId: null })
    .where(
      and(eq(agreementSigners.workspaceId, workspaceId), eq(agreementSigners.memberId, memberId)),
    );
}

/** A contact is deleted: where they sign, their name and role stay, the link to them goes. */
export async function releaseSignerContact(tx: Tx, scope: Scope, contactId: string) {
  return tx
    .update(agreementSigners)
    .set({ contactId: null })
    .where(
      and(
        eq(agreementSigners.workspaceId, scope.workspaceId),
        eq(agreementSigners.contactId, contactId),
      ),
    )
    .returning({ id: agreementSigners.id });
}

/** Agreements made in bulk (the demo loader), with their signers: one INSERT each. */
export async function insertAgreementRows(
  tx: Tx,
  rows: NewAgreementRow[],
  signers: NewSignerRow[],
) {
  if (rows.length > 0) await tx.insert(agreements).values(rows);
  if (signers.length > 0) await tx.insert(agreementSigners).values(signers);
}

/** The title and partner of the given agreements the caller may see, for links to them. */
export function findAgreementHeads(db: Db | Tx, scope: Scope, ids: string[]) {
  return db
    .select({ id: agreements.id, title: agreements.title, partnerId: agreements.partnerId })
    .from(agreements)
    .where(and(visible(scope), inArray(agreements.id, ids)));
}

/**
 * The agreements in force a member owns with a key date (end date, or end less notice) from
 * `from` to `until`, soonest end first, for their calendar.
 */
export function findOwnedInForceRows(
  db: Db | Tx,
  scope: Scope,
  window: { memberId: string; from: string; until: string; limit: number },
) {
  return db
    .select({
      id: agreements.id,
      title: agreements.title,
      partnerId: agreements.partnerId,
      endOn: agreements.endOn,
      noticeDays: agreements.noticeDays,
      autoRenew: agreements.autoRenew,
    })
    .from(agreements)
    .where(
      and(
        visible(scope),
        eq(agreements.ownerId, window.memberId),
        inArray(agreements.status, ['active', 'expiring']),
        sql`${agreements.endOn} >= ${window.from}::date`,
        sql`${agreements.endOn} - coalesce(${agreements.noticeDays}, 0) <= ${window.until}::date`,
      ),
    )
    .orderBy(asc(agreements.endOn), asc(agreements.id))
    .limit(window.limit);
}
