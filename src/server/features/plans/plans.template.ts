import { validateKpiTarget } from '../../../domain/kpis';
import { messages } from '../../../domain/messages';
import { maxObjectives, type Plan, type PlanCreate } from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { errors, type FieldError } from '../../http/errors';
import { memberNames } from '../members/members.service';
import { usableTemplate } from '../plan-templates/plan-templates.service';
import { startDraft } from './plans.copy';
import { createPlan } from './plans.service';

/**
 * Starts a plan (POST /plans). With `templateId` (decision 045) the draft takes the template's
 * summary (unless the request gives one), its objectives before the request's, and its KPIs with
 * the targets `kpiTargets` gives, else the template's. A partner type's default template is
 * never applied unasked: the web form preselects it instead. All or nothing.
 */
export async function startPlan(
  ctx: ServiceContext,
  scope: Scope,
  input: PlanCreate,
): Promise<Plan> {
  const { templateId, kpiTargets, ...plan } = input;
  if (templateId === undefined) {
    if (kpiTargets !== undefined)
      throw errors.unprocessable('invalid_kpi', 'KPI targets come with a template', [
        { field: 'kpiTargets', code: 'invalid_value', message: messages.invalid },
      ]);
    return createPlan(ctx, scope, plan);
  }
  return withTransaction(ctx, async (tx, ctx) => {
    const template = await usableTemplate(tx, scope, templateId, 'templateId');
    const fields: FieldError[] = [];
    const targets = kpiTargets ?? [];
    const kpis = template.kpis.map((kpi, index) => {
      const target = targets[index] ?? kpi.target;
      const field = `kpiTargets.${index}`;
      if (target === null)
        fields.push({ field, code: 'field_required', message: messages.templateKpiTarget });
      else {
        const wrong = validateKpiTarget({ ...kpi, target });
        if (wrong) fields.push({ field, code: 'invalid_value', message: wrong.message });
      }
      return { ...kpi, target: target ?? 0 };
    });
    for (let index = template.kpis.length; index < targets.length; index++)
      fields.push({
        field: `kpiTargets.${index}`,
        code: 'invalid_value',
        message: messages.invalid,
      });
    if (fields.length > 0)
      throw errors.unprocessable('invalid_kpi', 'A KPI of the template needs a target', fields);
    // A member named in the template who has left since owns nothing in the new plan.
    const members = await memberNames(
      tx,
      scope,
      template.objectives.flatMap((o) => (o.ownerMemberId ? [o.ownerMemberId] : [])),
    );
    const objectives = [
      ...template.objectives.map((objective) => ({
        ...objective,
        ownerMemberId:
          objective.ownerMemberId && members.has(objective.ownerMemberId)
            ? objective.ownerMemberId
            : null,
      })),
      ...plan.objectives,
    ];
    if (objectives.length > maxObjectives)
      throw errors.unprocessable('too_many_objectives', messages.maxItems(maxObjectives), [
        { field: 'objectives', code: 'too_big', message: messages.maxItems(maxObjectives) },
      ]);
    return startDraft(
      ctx,
      scope,
      { ...plan, summary: plan.summary || template.summary, objectives },
      kpis.map((kpi) => ({
        ...kpi,
        ownerMemberId: null,
        ownerContactId: null,
        source: 'manual' as const,
      })),
    );
  });
}
