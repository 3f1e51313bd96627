import { and, asc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { agreementTemplateClauses, agreementTemplates, clauses } from '../../db/schema';
import type { ListPlan } from '../../http/list';

export type ClauseRow = typeof clauses.$inferSelect;
export type NewClauseRow = typeof clauses.$inferInsert;
export type TemplateRow = typeof agreementTemplates.$inferSelect;
export type NewTemplateRow = typeof agreementTemplates.$inferInsert;

/** The library is internal: a partner user's scope sees none of it. */
function visibleClauses(scope: Scope): SQL {
  if (scope.kind === 'partner') return sql`false`;
  return eq(clauses.workspaceId, scope.workspaceId);
}

function visibleTemplates(scope: Scope): SQL {
  if (scope.kind === 'partner') return sql`false`;
  return eq(agreementTemplates.workspaceId, scope.workspaceId);
}

export async function findClause(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ClauseRow | undefined> {
  const query = db
    .select()
    .from(clauses)
    .where(and(visibleClauses(scope), eq(clauses.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** The given clauses the caller may see, in no particular order. */
export async function findClauses(db: Db | Tx, scope: Scope, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(clauses)
    .where(and(visibleClauses(scope), inArray(clauses.id, ids)));
}

export async function insertClauseRow(tx: Tx, row: NewClauseRow): Promise<ClauseRow> {
  const [inserted] = await tx.insert(clauses).values(row).returning();
  if (!inserted) throw new Error('clause insert returned no row');
  return inserted;
}

export async function updateClauseRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewClauseRow>,
): Promise<ClauseRow> {
  const [updated] = await tx
    .update(clauses)
    .set(set)
    .where(and(visibleClauses(scope), eq(clauses.id, id)))
    .returning();
  if (!updated) throw new Error('clause update matched no row');
  return updated;
}

export function listClauseRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return db
    .select({ ...getTableColumns(clauses), cursor: plan.cursor })
    .from(clauses)
    .where(and(visibleClauses(scope), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

export async function findTemplate(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TemplateRow | undefined> {
  const query = db
    .select()
    .from(agreementTemplates)
    .where(and(visibleTemplates(scope), eq(agreementTemplates.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function insertTemplateRow(tx: Tx, row: NewTemplateRow): Promise<TemplateRow> {
  const [inserted] = await tx.insert(agreementTemplates).values(row).returning();
  if (!inserted) throw new Error('template insert returned no row');
  return inserted;
}

export async function updateTemplateRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewTemplateRow>,
): Promise<TemplateRow> {
  const [updated] = await tx
    .update(agreementTemplates)
    .set(set)
    .where(and(visibleTemplates(scope), eq(agreementTemplates.id, id)))
    .returning();
  if (!updated) throw new Error('template update matched no row');
  return updated;
}

export function listTemplateRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return db
    .select({ ...getTableColumns(agreementTemplates), cursor: plan.cursor })
    .from(agreementTemplates)
    .where(and(visibleTemplates(scope), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** The clause ids of the given templates, each template's in order. */
export async function findTemplateClauseIds(db: Db | Tx, scope: Scope, templateIds: string[]) {
  if (templateIds.length === 0) return [];
  return db
    .select({
      templateId: agreementTemplateClauses.templateId,
      clauseId: agreementTemplateClauses.clauseId,
    })
    .from(agreementTemplateClauses)
    .where(
      and(
        eq(agreementTemplateClauses.workspaceId, scope.workspaceId),
        inArray(agreementTemplateClauses.templateId, templateIds),
      ),
    )
    .orderBy(asc(agreementTemplateClauses.templateId), asc(agreementTemplateClauses.position));
}

/** Replaces a template's clauses with the given ones, in that order. */
export async function replaceTemplateClauses(
  tx: Tx,
  scope: Scope,
  templateId: string,
  clauseIds: string[],
) {
  await tx
    .delete(agreementTemplateClauses)
    .where(
      and(
        eq(agreementTemplateClauses.workspaceId, scope.workspaceId),
        eq(agreementTemplateClauses.templateId, templateId),
      ),
    );
  if (clauseIds.length === 0) return;
  await tx.insert(agreementTemplateClauses).values(
    clauseIds.map((clauseId, position) => ({
      workspaceId: scope.workspaceId,
      templateId,
      position,
      clauseId,
    })),
  );
}
