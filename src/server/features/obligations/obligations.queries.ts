import { and, asc, eq, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { agreementObligations, agreements, obligationTasks } from '../../db/schema';

export type ObligationRow = typeof agreementObligations.$inferSelect;
export type NewObligationRow = typeof agreementObligations.$inferInsert;

/** Obligations of the caller's workspace; partner users see none, as with agreements. */
function visible(scope: Scope): SQL {
  const inWorkspace = eq(agreementObligations.workspaceId, scope.workspaceId);
  if (scope.kind === 'partner') return and(inWorkspace, sql`false`) as SQL;
  return inWorkspace;
}

/** An agreement's obligations: the soonest next due date first, closed ones last. */
export function findObligationRows(db: Db | Tx, scope: Scope, agreementId: string) {
  return db
    .select()
    .from(agreementObligations)
    .where(and(visible(scope), eq(agreementObligations.agreementId, agreementId)))
    .orderBy(
      sql`${agreementObligations.nextDueOn} ASC NULLS LAST`,
      asc(agreementObligations.createdAt),
      asc(agreementObligations.id),
    );
}

export async function countObligations(tx: Tx, scope: Scope, agreementId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(agreementObligations)
    .where(and(visible(scope), eq(agreementObligations.agreementId, agreementId)));
  return row?.n ?? 0;
}

export async function findObligation(
  db: Db | Tx,
  scope: Scope,
  agreementId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ObligationRow | undefined> {
  const query = db
    .select()
    .from(agreementObligations)
    .where(
      and(
        visible(scope),
        eq(agreementObligations.agreementId, agreementId),
        eq(agreementObligations.id, id),
      ),
    );
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function insertObligationRow(tx: Tx, row: NewObligationRow): Promise<ObligationRow> {
  const [inserted] = await tx.insert(agreementObligations).values(row).returning();
  if (!inserted) throw new Error('obligation insert returned no row');
  return inserted;
}

export async function updateObligationRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewObligationRow>,
): Promise<ObligationRow> {
  const [updated] = await tx
    .update(agreementObligations)
    .set(set)
    .where(and(visible(scope), eq(agreementObligations.id, id)))
    .returning();
  if (!updated) throw new Error('obligation update matched no row');
  return updated;
}

export async function deleteObligationRow(tx: Tx, scope: Scope, id: string) {
  await tx.delete(agreementObligations).where(and(visible(scope), eq(agreementObligations.id, id)));
}

/** A member leaves: the obligations they own become unowned, as rows for audit events. */
export function releaseObligationOwnerSql(workspaceId: string, memberId: string): SQL {
  return sql`UPDATE ${agreementObligations} o SET owner_id = NULL, version = o.version + 1, updated_at = now()
    FROM ${agreements} a
    WHERE o.workspace_id = ${workspaceId} AND o.owner_id = ${memberId}
      AND a.workspace_id = o.workspace_id AND a.id = o.agreement_id
    RETURNING o.id AS entity_id, a.partner_id,
      jsonb_build_object('ownerId', ${memberId}::text) AS before,
      jsonb_build_object('ownerId', NULL) AS after`;
}

/** The task made for an occurrence of the obligation, if one was. */
export async function taskOfOccurrence(
  tx: Tx,
  scope: Scope,
  obligationId: string,
  occursOn: string,
) {
  const [row] = await tx
    .select({ taskId: obligationTasks.taskId })
    .from(obligationTasks)
    .where(
      and(
        eq(obligationTasks.workspaceId, scope.workspaceId),
        eq(obligationTasks.obligationId, obligationId),
        eq(obligationTasks.occursOn, occursOn),
      ),
    );
  return row?.taskId ?? null;
}

export async function insertOccurrenceTask(tx: Tx, row: typeof obligationTasks.$inferInsert) {
  await tx.insert(obligationTasks).values(row);
}

/**
 * The open obligations a member answers for (their own, and those nobody owns on agreements they
 * own, as the overdue sweep tells them) with a next due date by `until`, soonest first.
 */
export function findOpenRowsOwnedBy(
  db: Db | Tx,
  scope: Scope,
  window: { memberId: string; until: string; limit: number },
) {
  const o = agreementObligations;
  return db
    .select({
      id: o.id,
      agreementId: o.agreementId,
      description: o.description,
      dueOn: o.dueOn,
      rrule: o.rrule,
      startsOn: o.startsOn,
      nextDueOn: o.nextDueOn,
      agreementTitle: agreements.title,
      partnerId: agreements.partnerId,
    })
    .from(o)
    .innerJoin(
      agreements,
      and(eq(agreements.workspaceId, o.workspaceId), eq(agreements.id, o.agreementId)),
    )
    .where(
      and(
        visible(scope),
        eq(o.status, 'open'),
        lte(o.nextDueOn, window.until),
        or(
          eq(o.ownerId, window.memberId),
          and(isNull(o.ownerId), eq(agreements.ownerId, window.memberId)),
        ),
      ),
    )
    .orderBy(asc(o.nextDueOn), asc(o.id))
    .limit(window.limit);
}
