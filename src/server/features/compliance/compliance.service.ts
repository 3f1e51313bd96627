import {
  type ComplianceRequirement,
  type ComplianceRequirementCreate,
  type ComplianceRequirementList,
  type ComplianceRequirementListQuery,
  type ComplianceRequirementUpdate,
  defaultRequirements,
  maxRequirementsPerWorkspace,
} from '../../../domain/compliance';
import { messages } from '../../../domain/messages';
import type { Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import { sameValue } from '../../db/patch';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit, recordAudits } from '../audit/audit.service';
import {
  addRequirementToAgreements,
  countRequirements,
  findRequirement,
  findRequirementRows,
  insertRequirementRows,
  type NewRequirementRow,
  type RequirementRow,
  updateRequirementRow,
} from './compliance.queries';

const entityType = 'compliance_requirement';

export function toRequirement(row: RequirementRow): ComplianceRequirement {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    appliesTo: row.appliesTo as ComplianceRequirement['appliesTo'],
    blocks: row.blocks as ComplianceRequirement['blocks'],
    satisfiedBy: row.satisfiedBy ?? null,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function newRows(
  scope: Scope,
  inputs: readonly ComplianceRequirementCreate[],
): NewRequirementRow[] {
  const now = new Date();
  return inputs.map((input) => ({
    ...input,
    appliesTo: [...input.appliesTo],
    id: newId(),
    workspaceId: scope.workspaceId,
    createdAt: now,
    updatedAt: now,
  }));
}

/** A new workspace starts with the default checklist (decision 053), each with its audit event. */
export async function addDefaultRequirements(ctx: TxContext, scope: Scope): Promise<void> {
  const rows = await insertRequirementRows(ctx.tx, newRows(scope, defaultRequirements));
  await recordAudits(
    ctx.tx,
    ctx,
    scope,
    rows.map((row) => ({
      action: 'compliance_requirement.created',
      entityType,
      entityId: row.id,
      after: toRequirement(row),
    })),
  );
}

export async function listRequirements(
  ctx: ServiceContext,
  scope: Scope,
  query: ComplianceRequirementListQuery,
): Promise<ComplianceRequirementList> {
  const rows = await findRequirementRows(dbOf(ctx), scope, query);
  return { items: rows.map(toRequirement) };
}

export async function getRequirement(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<ComplianceRequirement> {
  const row = await findRequirement(dbOf(ctx), scope, id);
  if (!row) throw errors.notFound('compliance requirement');
  return toRequirement(row);
}

/**
 * Adds a requirement; agreements of its types not yet in force get it, open, so it guards
 * their next moves as it will guard new ones.
 */
export async function createRequirement(
  ctx: ServiceContext,
  scope: Scope,
  input: ComplianceRequirementCreate,
): Promise<ComplianceRequirement> {
  return withTransaction(ctx, async (tx, ctx) => {
    if ((await countRequirements(tx, scope)) >= maxRequirementsPerWorkspace)
      throw errors.conflict(
        'too_many_requirements',
        `A workspace keeps at most ${maxRequirementsPerWorkspace} requirements, archived ones included`,
        { limit: maxRequirementsPerWorkspace },
        [{ field: 'title', code: 'too_many_requirements', message: messages.invalid }],
      );
    const [row] = await insertRequirementRows(tx, newRows(scope, [input]));
    if (!row) throw new Error('requirement insert returned no row');
    await addRequirementToAgreements(tx, scope, row);
    const requirement = toRequirement(row);
    await recordAudit(tx, ctx, scope, {
      action: 'compliance_requirement.created',
      entityType,
      entityId: row.id,
      after: requirement,
    });
    return requirement;
  });
}

/**
 * Changes, archives or restores a requirement. Types it now applies to gain it on agreements
 * not yet in force; markings already made stay. Archived, it neither shows nor blocks.
 */
export async function updateRequirement(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: ComplianceRequirementUpdate,
): Promise<ComplianceRequirement> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await findRequirement(tx, scope, id, { forUpdate: true });
    if (!current) throw errors.notFound('compliance requirement');
    checkIfMatch(ifMatch, current.version, { required: true });
    const { archived, ...fields } = input;
    const set: Partial<NewRequirementRow> = Object.fromEntries(
      Object.entries(fields).filter(
        ([key, value]) =>
          value !== undefined && !sameValue(value, current[key as keyof RequirementRow]),
      ),
    );
    if (archived !== undefined && archived !== (current.archivedAt !== null))
      set.archivedAt = archived ? new Date() : null;
    if (Object.keys(set).length === 0) return toRequirement(current);
    const row = await updateRequirementRow(tx, scope, id, {
      ...set,
      version: current.version + 1,
      updatedAt: new Date(),
    });
    if (set.appliesTo !== undefined || set.archivedAt === null)
      await addRequirementToAgreements(tx, scope, row);
    const action =
      set.archivedAt === undefined
        ? 'compliance_requirement.updated'
        : set.archivedAt
          ? 'compliance_requirement.archived'
          : 'compliance_requirement.restored';
    const requirement = toRequirement(row);
    await recordAudit(tx, ctx, scope, {
      action,
      entityType,
      entityId: id,
      before: toRequirement(current),
      after: requirement,
    });
    return requirement;
  });
}
