import type { KpiCreate } from '../../../domain/kpis';
import { validateKpiTarget } from '../../../domain/kpis';
import { messages } from '../../../domain/messages';
import { formatPeriod, nextPeriod, parsePeriod } from '../../../domain/periods';
import type { Plan, PlanCopy, PlanCreate } from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { errors, type FieldError } from '../../http/errors';
import { createKpi, listKpis } from '../kpis/kpis.service';
import { createPlan, getPlan } from './plans.service';

/** FY2027 → FY2028, FY2027-Q4 → FY2028-Q1: the period a plan is usually copied into. */
function periodAfter(label: string): string {
  const period = parsePeriod(label);
  return period ? formatPeriod(nextPeriod(period)) : label;
}

/**
 * A new draft plan with its KPIs, each part written, checked and audited by the service that
 * owns it, so a plan copied or made from a template is refused as one made by hand would be.
 * Runs in the caller's transaction: all or nothing.
 */
export async function startDraft(
  ctx: ServiceContext,
  scope: Scope,
  plan: Omit<PlanCreate, 'templateId' | 'kpiTargets'>,
  kpis: KpiCreate[],
): Promise<Plan> {
  const created = await createPlan(ctx, scope, plan);
  for (const kpi of kpis) await createKpi(ctx, scope, created.id, kpi);
  return kpis.length === 0 ? created : getPlan(ctx, scope, created.id);
}

/**
 * "Copy last period's plan": a new draft plan for the same partner, with the summary, the
 * objectives and every KPI's definition and owners (not its values), each KPI with its new
 * target where one is given. All or nothing; each part is written, checked and audited by the
 * service that owns it, so the copy is refused as creating it by hand would be.
 */
export async function copyPlan(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  input: PlanCopy,
): Promise<Plan> {
  return withTransaction(ctx, async (_tx, ctx) => {
    const source = await getPlan(ctx, scope, id);
    const { items: kpis } = await listKpis(ctx, scope, id);
    const targets = new Map<string, number>();
    const fields: FieldError[] = [];
    input.targets.forEach(({ kpiId, target }, index) => {
      const kpi = kpis.find((k) => k.id === kpiId);
      if (!kpi) {
        fields.push({
          field: `targets.${index}.kpiId`,
          code: 'invalid_reference',
          message: messages.noSuchKpi,
        });
        return;
      }
      const wrong = validateKpiTarget({ ...kpi, target });
      if (wrong)
        fields.push({
          field: `targets.${index}.${wrong.field}`,
          code: 'invalid_value',
          message: wrong.message,
        });
      targets.set(kpiId, target);
    });
    if (fields.length > 0) {
      throw errors.unprocessable('invalid_kpi', 'A new target cannot be used', fields);
    }
    return startDraft(
      ctx,
      scope,
      {
        partnerId: source.partnerId,
        period: input.period ?? periodAfter(source.period),
        summary: source.summary,
        objectives: source.objectives,
      },
      kpis.map((kpi) => ({
        name: kpi.name,
        unit: kpi.unit,
        currency: kpi.currency,
        target: targets.get(kpi.id) ?? kpi.target,
        baseline: kpi.baseline,
        direction: kpi.direction,
        cadence: kpi.cadence,
        aggregation: kpi.aggregation,
        ownerMemberId: kpi.ownerMemberId,
        ownerContactId: kpi.ownerContactId,
        source: kpi.source,
      })),
    );
  });
}
