import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { auditEvents, planObjectives, plans, planVersions } from '../../db/schema';
import type { ListPlan } from '../../http/list';

export type PlanRow = typeof plans.$inferSelect;
export type NewPlanRow = typeof plans.$inferInsert;
export type PlanObjectiveRow = typeof planObjectives.$inferSelect;
export type NewPlanObjectiveRow = typeof planObjectives.$inferInsert;
export type PlanVersionRow = typeof planVersions.$inferSelect;
export type NewPlanVersionRow = typeof planVersions.$inferInsert;

/** What the caller may see: plans of their workspace; partner users see none until the portal shows them. */
function visible(scope: Scope): SQL {
  const inWorkspace = eq(plans.workspaceId, scope.workspaceId);
  if (scope.kind === 'partner') return and(inWorkspace, sql`false`) as SQL;
  return inWorkspace;
}

export async function findPlan(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PlanRow | undefined> {
  const query = db
    .select()
    .from(plans)
    .where(and(visible(scope), eq(plans.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** The visible plans among the given ids, in one read. */
export function findPlans(db: Db | Tx, scope: Scope, ids: string[]): Promise<PlanRow[]> {
  return db
    .select()
    .from(plans)
    .where(and(visible(scope), inArray(plans.id, ids)));
}

/** Whether the partner already has a plan for the period (the unique rule, asked first). */
export async function findPlanFor(db: Db | Tx, scope: Scope, partnerId: string, period: string) {
  const rows = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(visible(scope), eq(plans.partnerId, partnerId), eq(plans.period, period)));
  return rows[0];
}

export async function insertPlanRow(tx: Tx, row: NewPlanRow): Promise<PlanRow> {
  const [inserted] = await tx.insert(plans).values(row).returning();
  if (!inserted) throw new Error('plan insert returned no row');
  return inserted;
}

export async function updatePlanRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewPlanRow>,
): Promise<PlanRow> {
  const [updated] = await tx
    .update(plans)
    .set(set)
    .where(and(visible(scope), eq(plans.id, id)))
    .returning();
  if (!updated) throw new Error('plan update matched no row');
  return updated;
}

/** The objectives of the given plans, in order. */
export function findObjectiveRows(db: Db | Tx, scope: Scope, planIds: string[]) {
  if (planIds.length === 0) return Promise.resolve([] as PlanObjectiveRow[]);
  return db
    .select()
    .from(planObjectives)
    .where(
      and(
        eq(planObjectives.workspaceId, scope.workspaceId),
        inArray(planObjectives.planId, planIds),
      ),
    )
    .orderBy(asc(planObjectives.planId), asc(planObjectives.position));
}

/** Replaces a plan's objectives with the given ones. */
export async function replaceObjectiveRows(
  tx: Tx,
  scope: Scope,
  planId: string,
  rows: NewPlanObjectiveRow[],
): Promise<void> {
  await tx
    .delete(planObjectives)
    .where(
      and(eq(planObjectives.workspaceId, scope.workspaceId), eq(planObjectives.planId, planId)),
    );
  if (rows.length > 0) await tx.insert(planObjectives).values(rows);
}

export async function insertVersionRow(tx: Tx, row: NewPlanVersionRow): Promise<PlanVersionRow> {
  const [inserted] = await tx.insert(planVersions).values(row).returning();
  if (!inserted) throw new Error('plan version insert returned no row');
  return inserted;
}

/** A plan's agreed versions, newest first. */
export function findVersionRows(db: Db | Tx, scope: Scope, planId: string) {
  return db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.workspaceId, scope.workspaceId), eq(planVersions.planId, planId)))
    .orderBy(desc(planVersions.number));
}

/** One agreed version of each of the given plans (their last agreed ones). */
export function findVersionsOf(
  db: Db | Tx,
  scope: Scope,
  wanted: { planId: string; number: number }[],
) {
  if (wanted.length === 0) return Promise.resolve([] as PlanVersionRow[]);
  const pairs = sql.join(
    wanted.map((w) => sql`(${w.planId}::uuid, ${w.number}::integer)`),
    sql`, `,
  );
  return db
    .select()
    .from(planVersions)
    .where(
      and(
        eq(planVersions.workspaceId, scope.workspaceId),
        sql`(${planVersions.planId}, ${planVersions.number}) IN (${pairs})`,
      ),
    );
}

/** One page of the plans a list plan asks for (`http/list.ts`), within the scope. */
export function listPlanRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return db
    .select({ ...getTableColumns(plans), cursor: plan.cursor })
    .from(plans)
    .where(and(visible(scope), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** A plan's audit events, newest first, keyset-paginated by id (UUIDv7 is time-ordered). */
export function listPlanHistoryRows(db: Db | Tx, scope: Scope, planId: string, plan: ListPlan) {
  return db
    .select({ ...getTableColumns(auditEvents), cursor: plan.cursor })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.workspaceId, scope.workspaceId),
        eq(auditEvents.entityType, 'plan'),
        eq(auditEvents.entityId, planId),
        plan.where,
      ),
    )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** A member leaves: the objectives they own lose their owner, as rows for audit events. */
export function releaseObjectiveOwnersSql(workspaceId: string, memberId: string): SQL {
  return sql`UPDATE ${planObjectives} SET owner_member_id = NULL
    WHERE workspace_id = ${workspaceId} AND owner_member_id = ${memberId}
    RETURNING plan_id AS entity_id,
      (SELECT partner_id FROM ${plans} p WHERE p.workspace_id = ${workspaceId} AND p.id = ${planObjectives}.plan_id) AS partner_id,
      jsonb_build_object('objective', position, 'ownerMemberId', ${memberId}::text) AS before,
      jsonb_build_object('objective', position, 'ownerMemberId', NULL) AS after`;
}

/** A member leaves: the agreements they recorded keep who agreed, not who recorded it. */
export async function releaseRecorder(tx: Tx, workspaceId: string, memberId: string) {
  await tx
    .update(planVersions)
    .set({ recordedBy: null })
    .where(and(eq(planVersions.workspaceId, workspaceId), eq(planVersions.recordedBy, memberId)));
}

/** A contact is deleted: the objectives they own lose their owner. */
export async function releaseObjectiveContact(tx: Tx, scope: Scope, contactId: string) {
  return tx
    .update(planObjectives)
    .set({ ownerContactId: null })
    .where(
      and(
        eq(planObjectives.workspaceId, scope.workspaceId),
        eq(planObjectives.ownerContactId, contactId),
      ),
    )
    .returning({ planId: planObjectives.planId, position: planObjectives.position });
}
