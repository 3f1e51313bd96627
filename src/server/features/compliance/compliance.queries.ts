import { and, asc, count, eq, isNotNull, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { ComplianceRequirementListQuery } from '../../../domain/compliance';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { pgArray } from '../../db/pg-array';
import { agreementRequirements, agreements, complianceRequirements } from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import { newId } from '../../ids';

export type RequirementRow = typeof complianceRequirements.$inferSelect;
export type NewRequirementRow = typeof complianceRequirements.$inferInsert;
export type AgreementRequirementRow = typeof agreementRequirements.$inferSelect;

/** Requirements are internal: a partner user's scope sees none. */
function visible(scope: Scope): SQL {
  if (scope.kind === 'partner') return sql`false`;
  return eq(complianceRequirements.workspaceId, scope.workspaceId);
}

function visibleMarks(scope: Scope): SQL {
  if (scope.kind === 'partner') return sql`false`;
  return eq(agreementRequirements.workspaceId, scope.workspaceId);
}

export function findRequirementRows(
  db: Db | Tx,
  scope: Scope,
  query: ComplianceRequirementListQuery,
): Promise<RequirementRow[]> {
  return db
    .select()
    .from(complianceRequirements)
    .where(
      and(
        visible(scope),
        query.archived === 'false' ? isNull(complianceRequirements.archivedAt) : undefined,
        query.archived === 'true' ? isNotNull(complianceRequirements.archivedAt) : undefined,
      ),
    )
    .orderBy(asc(complianceRequirements.title), asc(complianceRequirements.id));
}

export async function findRequirement(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RequirementRow | undefined> {
  const query = db
    .select()
    .from(complianceRequirements)
    .where(and(visible(scope), eq(complianceRequirements.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function countRequirements(tx: Tx, scope: Scope): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(complianceRequirements).where(visible(scope));
  return row?.n ?? 0;
}

export async function insertRequirementRows(
  tx: Tx,
  rows: NewRequirementRow[],
): Promise<RequirementRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(complianceRequirements).values(rows).returning();
}

export async function updateRequirementRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewRequirementRow>,
): Promise<RequirementRow> {
  const [row] = await tx
    .update(complianceRequirements)
    .set(set)
    .where(and(visible(scope), eq(complianceRequirements.id, id)))
    .returning();
  if (!row) throw new Error('requirement update matched no row');
  return row;
}

/** An agreement's requirements in use, with their definitions, by title. */
export function findAgreementRequirementRows(
  db: Db | Tx,
  scope: Scope,
  agreementId: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = db
    .select({ mark: agreementRequirements, requirement: complianceRequirements })
    .from(agreementRequirements)
    .innerJoin(
      complianceRequirements,
      and(
        eq(complianceRequirements.workspaceId, agreementRequirements.workspaceId),
        eq(complianceRequirements.id, agreementRequirements.requirementId),
      ),
    )
    .where(
      and(
        visibleMarks(scope),
        eq(agreementRequirements.agreementId, agreementId),
        isNull(complianceRequirements.archivedAt),
      ),
    )
    .orderBy(asc(complianceRequirements.title), asc(agreementRequirements.id));
  return options.forUpdate ? query.for('update', { of: agreementRequirements }) : query;
}

export type AgreementRequirementJoin = Awaited<
  ReturnType<typeof findAgreementRequirementRows>
>[number];

/** The types and statuses of a partner's agreements, for requirements met by another one. */
export function findPartnerAgreementStates(db: Db | Tx, scope: Scope, partnerId: string) {
  return db
    .select({ id: agreements.id, type: agreements.type, status: agreements.status })
    .from(agreements)
    .where(and(eq(agreements.workspaceId, scope.workspaceId), eq(agreements.partnerId, partnerId)));
}

export async function updateAgreementRequirementRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: PgUpdateSetSource<typeof agreementRequirements>,
): Promise<AgreementRequirementRow> {
  const [row] = await tx
    .update(agreementRequirements)
    .set(set)
    .where(and(visibleMarks(scope), eq(agreementRequirements.id, id)))
    .returning();
  if (!row) throw new Error('agreement requirement update matched no row');
  return row;
}

/**
 * Keeps an agreement's checklist in step with its type: rows of requirements that no longer
 * apply go, those that now apply (and are in use) are added open. Answers what was added.
 */
export async function syncAgreementRequirementRows(
  tx: Tx,
  scope: Scope,
  agreement: { id: string; partnerId: string; type: string },
): Promise<{ added: number; removed: number }> {
  const applicable = await tx
    .select({ id: complianceRequirements.id })
    .from(complianceRequirements)
    .where(
      and(
        visible(scope),
        isNull(complianceRequirements.archivedAt),
        sql`${agreement.type} = ANY(${complianceRequirements.appliesTo})`,
      ),
    );
  const ids = applicable.map((r) => r.id);
  const removed = await tx
    .delete(agreementRequirements)
    .where(
      and(
        visibleMarks(scope),
        eq(agreementRequirements.agreementId, agreement.id),
        ids.length > 0 ? notInArray(agreementRequirements.requirementId, ids) : undefined,
      ),
    )
    .returning({ id: agreementRequirements.id });
  if (ids.length === 0) return { added: 0, removed: removed.length };
  const added = await tx
    .insert(agreementRequirements)
    .values(
      ids.map((requirementId) => ({
        id: newId(),
        workspaceId: scope.workspaceId,
        agreementId: agreement.id,
        partnerId: agreement.partnerId,
        requirementId,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: agreementRequirements.id });
  return { added: added.length, removed: removed.length };
}

/**
 * A requirement now applies to more types: agreements of those types that are not yet in
 * force get it, open, in one statement.
 */
export async function addRequirementToAgreements(
  tx: Tx,
  scope: Scope,
  requirement: RequirementRow,
) {
  if (requirement.archivedAt) return;
  await tx.execute(sql`
    INSERT INTO ${agreementRequirements} (id, workspace_id, agreement_id, partner_id, requirement_id)
    SELECT ${uuidv7Sql}, a.workspace_id, a.id, a.partner_id, ${requirement.id}::uuid
    FROM ${agreements} a
    WHERE a.workspace_id = ${scope.workspaceId}
      AND a.type = ANY(${pgArray(requirement.appliesTo)}::text[])
      AND a.status IN ('draft', 'in_negotiation', 'pending_signature')
    ON CONFLICT DO NOTHING`);
}

/**
 * Copies the met and waived markings (evidence, waiver and who gave it) of one agreement's
 * checklist onto another's rows for the same requirements, in one statement: a renewed term
 * starts with what its previous term settled. Answers how many rows took a marking.
 */
export async function copyRequirementMarkings(
  tx: Tx,
  scope: Scope,
  fromAgreementId: string,
  toAgreementId: string,
): Promise<number> {
  const rows = await tx.execute(sql`
    UPDATE ${agreementRequirements} n
    SET status = o.status, evidence = o.evidence, met_at = o.met_at,
      waived_reason = o.waived_reason, waived_by_member_id = o.waived_by_member_id,
      waived_by_name = o.waived_by_name, waived_at = o.waived_at, updated_at = now()
    FROM ${agreementRequirements} o
    WHERE n.workspace_id = ${scope.workspaceId} AND n.agreement_id = ${toAgreementId}
      AND o.workspace_id = ${scope.workspaceId} AND o.agreement_id = ${fromAgreementId}
      AND o.requirement_id = n.requirement_id AND o.status IN ('met', 'waived')
    RETURNING n.id`);
  return (rows as unknown as { rows: unknown[] }).rows.length;
}
