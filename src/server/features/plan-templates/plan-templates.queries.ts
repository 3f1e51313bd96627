import { and, asc, count, desc, eq, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { PlanTemplateListQuery } from '../../../domain/plan-templates';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { planTemplates } from '../../db/schema';

export type PlanTemplateRow = typeof planTemplates.$inferSelect;
export type NewPlanTemplateRow = typeof planTemplates.$inferInsert;

/** Templates are internal: a partner user's scope sees none. */
function visible(scope: Scope): SQL {
  if (scope.kind === 'partner') return sql`false`;
  return eq(planTemplates.workspaceId, scope.workspaceId);
}

export async function findTemplateRows(
  db: Db | Tx,
  scope: Scope,
  query: PlanTemplateListQuery,
): Promise<PlanTemplateRow[]> {
  return db
    .select()
    .from(planTemplates)
    .where(
      and(
        visible(scope),
        query.partnerType ? eq(planTemplates.partnerType, query.partnerType) : undefined,
        query.archived === 'false' ? isNull(planTemplates.archivedAt) : undefined,
        query.archived === 'true' ? isNotNull(planTemplates.archivedAt) : undefined,
      ),
    )
    .orderBy(
      asc(planTemplates.partnerType),
      desc(planTemplates.isDefault),
      asc(planTemplates.name),
      asc(planTemplates.id),
    );
}

export async function findTemplate(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PlanTemplateRow | undefined> {
  const query = db
    .select()
    .from(planTemplates)
    .where(and(visible(scope), eq(planTemplates.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function countTemplates(tx: Tx, scope: Scope): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(planTemplates).where(visible(scope));
  return row?.n ?? 0;
}

/** The partner type's default template other than `exceptId`, locked, if there is one. */
export async function findDefaultFor(
  tx: Tx,
  scope: Scope,
  partnerType: string,
  exceptId: string | null,
): Promise<PlanTemplateRow | undefined> {
  const rows = await tx
    .select()
    .from(planTemplates)
    .where(
      and(
        visible(scope),
        eq(planTemplates.partnerType, partnerType),
        eq(planTemplates.isDefault, true),
        exceptId ? ne(planTemplates.id, exceptId) : undefined,
      ),
    )
    .for('update');
  return rows[0];
}

export async function insertTemplateRow(tx: Tx, row: NewPlanTemplateRow) {
  const [inserted] = await tx.insert(planTemplates).values(row).returning();
  if (!inserted) throw new Error('plan template insert returned no row');
  return inserted;
}

export async function updateTemplateRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewPlanTemplateRow>,
): Promise<PlanTemplateRow> {
  const [row] = await tx
    .update(planTemplates)
    .set(set)
    .where(and(visible(scope), eq(planTemplates.id, id)))
    .returning();
  if (!row) throw new Error('plan template update matched no row');
  return row;
}

export async function deleteTemplateRow(tx: Tx, scope: Scope, id: string) {
  await tx.delete(planTemplates).where(and(visible(scope), eq(planTemplates.id, id)));
}
