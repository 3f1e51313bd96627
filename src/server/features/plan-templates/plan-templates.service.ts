import { kpiDefinitionProblems } from '../../../domain/kpis';
import { messages } from '../../../domain/messages';
import {
  maxPlanTemplates,
  type PlanTemplate,
  type PlanTemplateCreate,
  type PlanTemplateList,
  type PlanTemplateListQuery,
  type PlanTemplateUpdate,
  type TemplateKpi,
} from '../../../domain/plan-templates';
import type { PlanObjective } from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors, type FieldError } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import { memberNames } from '../members/members.service';
import { isUniqueViolation } from '../partners/partners.view';
import {
  countTemplates,
  deleteTemplateRow,
  findDefaultFor,
  findTemplate,
  findTemplateRows,
  insertTemplateRow,
  type NewPlanTemplateRow,
  type PlanTemplateRow,
  updateTemplateRow,
} from './plan-templates.queries';

const entityType = 'plan_template';

export function toPlanTemplate(row: PlanTemplateRow): PlanTemplate {
  return {
    id: row.id,
    name: row.name,
    partnerType: row.partnerType as PlanTemplate['partnerType'],
    isDefault: row.isDefault,
    summary: row.summary,
    objectives: row.objectives,
    kpis: row.kpis,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Two requests making two defaults of one type at once: the partial unique index decides. */
const defaultTaken = () =>
  errors.conflict('default_template_exists', 'Another template became the default meanwhile', {}, [
    { field: 'isDefault', code: 'default_template_exists', message: messages.invalid },
  ]);

async function defaultRaceAsConflict<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw isUniqueViolation(error) ? defaultTaken() : error;
  }
}

/**
 * What a plan would refuse, refused here with the same words (decision 045): each KPI per
 * `kpiDefinitionProblems`, each objective's member one of the workspace, and no partner's
 * contact (a template has no partner). 422 naming `kpis.N.field` or `objectives.N.field`.
 */
async function assertContent(
  db: Db | Tx,
  scope: Scope,
  content: { objectives?: PlanObjective[] | undefined; kpis?: TemplateKpi[] | undefined },
) {
  const fields: FieldError[] = [];
  const objectives = content.objectives ?? [];
  objectives.forEach((objective, index) => {
    if (objective.ownerContactId !== null)
      fields.push({
        field: `objectives.${index}.ownerContactId`,
        code: 'invalid_value',
        message: messages.templateHasNoPartner,
      });
  });
  (content.kpis ?? []).forEach((kpi, index) => {
    for (const problem of kpiDefinitionProblems(kpi))
      fields.push({ ...problem, field: `kpis.${index}.${problem.field}` });
  });
  if (fields.length > 0)
    throw errors.unprocessable('invalid_template', 'The template cannot be used as it is', fields);
  const members = await memberNames(
    db,
    scope,
    objectives.flatMap((o) => (o.ownerMemberId ? [o.ownerMemberId] : [])),
  );
  for (const [index, objective] of objectives.entries()) {
    if (objective.ownerMemberId && !members.has(objective.ownerMemberId))
      throw errors.invalidReference(`objectives.${index}.ownerMemberId`, 'member');
  }
}

/** Takes the default of `partnerType` from the template that has it (audited), if any. */
async function takeDefault(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  partnerType: string,
  exceptId: string | null,
  now: Date,
) {
  const other = await findDefaultFor(tx, scope, partnerType, exceptId);
  if (!other) return;
  const row = await updateTemplateRow(tx, scope, other.id, {
    isDefault: false,
    version: other.version + 1,
    updatedAt: now,
  });
  await recordAudit(tx, ctx, scope, {
    action: 'plan_template.updated',
    entityType,
    entityId: row.id,
    before: toPlanTemplate(other),
    after: toPlanTemplate(row),
  });
}

async function visibleTemplate(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  const row = await findTemplate(db, scope, id, { forUpdate });
  if (!row) throw errors.notFound('plan template');
  return row;
}

export async function listTemplates(
  ctx: ServiceContext,
  scope: Scope,
  query: PlanTemplateListQuery,
): Promise<PlanTemplateList> {
  const rows = await findTemplateRows(dbOf(ctx), scope, query);
  return { items: rows.map(toPlanTemplate) };
}

export async function getTemplate(ctx: ServiceContext, scope: Scope, id: string) {
  return toPlanTemplate(await visibleTemplate(dbOf(ctx), scope, id));
}

/**
 * A template a new plan starts from (`field` names it in the request): one of the caller's
 * workspace and in use, else 422 naming the field, the same whether it is elsewhere or nowhere.
 */
export async function usableTemplate(
  db: Db | Tx,
  scope: Scope,
  id: string,
  field: string,
): Promise<PlanTemplate> {
  const row = await findTemplate(db, scope, id);
  if (!row) throw errors.invalidReference(field, 'plan template');
  if (row.archivedAt)
    throw errors.unprocessable('template_archived', 'The template is archived', [
      { field, code: 'template_archived', message: messages.templateArchived },
    ]);
  return toPlanTemplate(row);
}

export function createTemplate(
  ctx: ServiceContext,
  scope: Scope,
  input: PlanTemplateCreate,
): Promise<PlanTemplate> {
  return defaultRaceAsConflict(
    withTransaction(ctx, async (tx, ctx) => {
      await assertContent(tx, scope, input);
      if ((await countTemplates(tx, scope)) >= maxPlanTemplates)
        throw errors.unprocessable(
          'too_many_templates',
          messages.tooManyTemplates(maxPlanTemplates),
          [
            {
              field: 'name',
              code: 'too_many_templates',
              message: messages.tooManyTemplates(maxPlanTemplates),
            },
          ],
        );
      const now = new Date();
      const id = newId();
      if (input.isDefault) await takeDefault(tx, ctx, scope, input.partnerType, id, now);
      const row = await insertTemplateRow(tx, {
        id,
        workspaceId: scope.workspaceId,
        ...input,
        createdAt: now,
        updatedAt: now,
      });
      const template = toPlanTemplate(row);
      await recordAudit(tx, ctx, scope, {
        action: 'plan_template.created',
        entityType,
        entityId: id,
        after: template,
      });
      return template;
    }),
  );
}

/** Changes a template under If-Match; archiving ends it being the default. */
export function updateTemplate(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: PlanTemplateUpdate,
): Promise<PlanTemplate> {
  return defaultRaceAsConflict(
    withTransaction(ctx, async (tx, ctx) => {
      const current = await visibleTemplate(tx, scope, id, true);
      checkIfMatch(ifMatch, current.version, { required: true });
      await assertContent(tx, scope, input);
      const { archived, ...content } = input;
      const archivedAt =
        archived === undefined
          ? current.archivedAt
          : archived
            ? (current.archivedAt ?? new Date())
            : null;
      const isDefault = archivedAt ? false : (input.isDefault ?? current.isDefault);
      if (archivedAt && input.isDefault === true)
        throw errors.unprocessable('template_archived', 'An archived template is no default', [
          { field: 'isDefault', code: 'template_archived', message: messages.templateArchived },
        ]);
      const now = new Date();
      const partnerType = input.partnerType ?? current.partnerType;
      if (isDefault) await takeDefault(tx, ctx, scope, partnerType, id, now);
      const set: Partial<NewPlanTemplateRow> = { ...content, isDefault, archivedAt };
      const row = await updateTemplateRow(tx, scope, id, {
        ...set,
        version: current.version + 1,
        updatedAt: now,
      });
      const before = toPlanTemplate(current);
      const after = toPlanTemplate(row);
      await recordAudit(tx, ctx, scope, {
        action:
          archived === undefined || Boolean(current.archivedAt) === archived
            ? 'plan_template.updated'
            : archived
              ? 'plan_template.archived'
              : 'plan_template.restored',
        entityType,
        entityId: id,
        before,
        after,
      });
      return after;
    }),
  );
}

/** Deletes a template (If-Match optional; when sent it must be current). Plans made keep all. */
export async function deleteTemplate(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleTemplate(tx, scope, id, true);
    checkIfMatch(ifMatch, current.version, { required: false });
    await deleteTemplateRow(tx, scope, id);
    await recordAudit(tx, ctx, scope, {
      action: 'plan_template.deleted',
      entityType,
      entityId: id,
      before: toPlanTemplate(current),
    });
  });
}
