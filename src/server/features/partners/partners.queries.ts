import { and, eq, getTableColumns, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import { insertInBatches } from '../../db/batches';
import type { Db, Tx } from '../../db/client';
import { pgArray } from '../../db/pg-array';
import { plainRows } from '../../db/plain';
import { members, partnerDomains, partners, workspaces } from '../../db/schema';
import type { ListPlan } from '../../http/list';

export type PartnerRow = typeof partners.$inferSelect;

/** The columns the API shows: lists read only these (not the search text, not the workspace). */
const {
  searchText: _searchText,
  workspaceId: _workspaceId,
  ...shownColumns
} = getTableColumns(partners);
export type ShownPartnerRow = Omit<PartnerRow, 'searchText' | 'workspaceId'>;
export type NewPartnerRow = typeof partners.$inferInsert;

/** What the caller may see: their workspace, and for a partner user only their partner. */
function visible(scope: Scope): SQL {
  const inWorkspace = eq(partners.workspaceId, scope.workspaceId);
  if (scope.kind === 'partner') return and(inWorkspace, eq(partners.id, scope.partnerId)) as SQL;
  return inWorkspace;
}

export async function findPartner(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PartnerRow | undefined> {
  const query = db
    .select()
    .from(partners)
    .where(and(visible(scope), eq(partners.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** The same condition as `visible`, as plain SQL for the fixed statements below. */
function visiblePlain(scope: Scope): SQL {
  return scope.kind === 'partner'
    ? sql`workspace_id = ${scope.workspaceId} AND id = ${scope.partnerId}`
    : sql`workspace_id = ${scope.workspaceId}`;
}

/**
 * Just enough of a partner to check it is the caller's and name it: many routes start here, so
 * it is a plain statement (decision 065).
 */
export async function findPartnerRef(db: Db | Tx, scope: Scope, id: string) {
  const rows = await plainRows<{ id: string; name: string; archived: boolean }>(
    db,
    sql`SELECT id, name, archived_at IS NOT NULL AS archived FROM partners
      WHERE ${visiblePlain(scope)} AND id = ${id}`,
  );
  return rows[0];
}

/** Names of the given partners, for pages of records that point to them (a plain statement). */
export async function findPartnerNames(db: Db | Tx, scope: Scope, ids: string[]) {
  if (ids.length === 0) return [];
  return plainRows<{ id: string; name: string }>(
    db,
    sql`SELECT id, name FROM partners
      WHERE ${visiblePlain(scope)} AND id = ANY(${pgArray(ids)}::uuid[])`,
  );
}

export async function insertPartnerRow(tx: Tx, row: NewPartnerRow): Promise<PartnerRow> {
  const [inserted] = await tx.insert(partners).values(row).returning();
  if (!inserted) throw new Error('partner insert returned no row');
  return inserted;
}

export async function updatePartnerRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewPartnerRow>,
): Promise<PartnerRow> {
  const [updated] = await tx
    .update(partners)
    .set(set)
    .where(and(visible(scope), eq(partners.id, id)))
    .returning();
  if (!updated) throw new Error('partner update matched no row');
  return updated;
}

/** Claims domains for a partner; a domain another partner holds fails with 23505. */
/** How many partners the scope sees, counting at most `upTo` (archived ones too). */
export async function countPartners(db: Db | Tx, scope: Scope, upTo: number): Promise<number> {
  const rows = await db
    .select({ id: partners.id })
    .from(partners)
    .where(visible(scope))
    .limit(upTo);
  return rows.length;
}

/** Partners and their domain rows in bulk, batched under the parameter limit. */
export async function insertPartnersInBatches(
  tx: Tx,
  scope: Scope,
  rows: { partners: NewPartnerRow[]; domains: Array<{ partnerId: string; domain: string }> },
  onBatch: (written: number) => void,
) {
  const inScope = { workspaceId: scope.workspaceId };
  await insertInBatches(
    tx,
    partners,
    rows.partners.map((p) => ({ ...p, ...inScope })),
    onBatch,
  );
  await insertInBatches(
    tx,
    partnerDomains,
    rows.domains.map((d) => ({ ...d, ...inScope })),
    onBatch,
  );
}

export async function insertDomains(tx: Tx, scope: Scope, partnerId: string, domains: string[]) {
  if (domains.length === 0) return;
  await tx
    .insert(partnerDomains)
    .values(domains.map((domain) => ({ workspaceId: scope.workspaceId, domain, partnerId })));
}

export async function deleteDomains(tx: Tx, scope: Scope, partnerId: string, domains: string[]) {
  if (domains.length === 0) return;
  await tx
    .delete(partnerDomains)
    .where(
      and(
        eq(partnerDomains.workspaceId, scope.workspaceId),
        eq(partnerDomains.partnerId, partnerId),
        inArray(partnerDomains.domain, domains),
      ),
    );
}

/** The first of `domains` that another partner of the workspace holds, archived or not. */
export async function findDomainHolder(
  db: Db | Tx,
  scope: Scope,
  domains: string[],
  exceptPartnerId: string | null,
): Promise<{ domain: string; partnerId: string } | undefined> {
  if (domains.length === 0) return undefined;
  const rows = await db
    .select({ domain: partnerDomains.domain, partnerId: partnerDomains.partnerId })
    .from(partnerDomains)
    .where(
      and(
        eq(partnerDomains.workspaceId, scope.workspaceId),
        inArray(partnerDomains.domain, domains),
        exceptPartnerId ? ne(partnerDomains.partnerId, exceptPartnerId) : undefined,
      ),
    );
  return domains.flatMap((d) => rows.filter((r) => r.domain === d))[0];
}

export async function workspaceTiers(db: Db | Tx, scope: Scope): Promise<string[]> {
  const [row] = await db
    .select({ tiers: workspaces.tiers })
    .from(workspaces)
    .where(eq(workspaces.id, scope.workspaceId));
  return row?.tiers ?? [];
}

/** Whether a member id names a member of the caller's workspace (owners must be). */
export async function memberExists(db: Db | Tx, scope: Scope, memberId: string): Promise<boolean> {
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.workspaceId, scope.workspaceId), eq(members.id, memberId)));
  return rows.length > 0;
}

/** One page (plus one row, to know whether there is another) of the filtered, sorted list. */
/** One page of the partners a list plan asks for (`http/list.ts`), within the scope. */
export function listPartnerRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return db
    .select({ ...shownColumns, cursor: plan.cursor })
    .from(partners)
    .where(and(visible(scope), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/**
 * The partners a leaving member owns become unowned (a new version, so stale edits of them are
 * refused), as one statement yielding what the audit events of the change need.
 */
export function releaseOwnedPartnersSql(workspaceId: string, memberId: string, now: Date): SQL {
  return sql`UPDATE ${partners} SET owner_id = NULL, version = version + 1, updated_at = ${now}
    WHERE workspace_id = ${workspaceId} AND owner_id = ${memberId}
    RETURNING id AS entity_id, id AS partner_id,
      jsonb_build_object('ownerId', ${memberId}::text) AS before,
      jsonb_build_object('ownerId', NULL) AS after`;
}

/** The partners a member owns, as owner-change timeline rows (`recordTimelineEntriesOf`). */
export function ownedPartnersAsOwnerChangeSql(workspaceId: string, memberId: string): SQL {
  return sql`SELECT id AS partner_id, 'partner'::text AS subject_type, id AS subject_id,
      ARRAY[${memberId}::uuid] AS people,
      jsonb_build_object('from', ${memberId}::text, 'to', NULL) AS summary
    FROM ${partners} WHERE workspace_id = ${workspaceId} AND owner_id = ${memberId}`;
}
