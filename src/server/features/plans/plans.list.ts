import type { PlanListQuery, PlanPage, PlanSort } from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { plans } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { filters, type ListSpec, pageFrom, planList, sortsOf, text, time } from '../../http/list';
import { partnerNames } from '../partners/partners.service';
import { presentPlans } from './plans.present';
import { listPlanRows } from './plans.queries';

/** Each sort follows an index: (workspace_id, created_at | period, id). */
const planListSpec: ListSpec<PlanSort, PlanListQuery> = {
  sorts: sortsOf(plans.id, {
    createdAt: [time(plans.createdAt)],
    period: [text(plans.period)],
  }),
  filters: {
    partnerId: filters.anyOf(plans.partnerId),
    period: filters.anyOf(plans.period),
    status: filters.anyOf(plans.status),
  },
};

export async function listPlans(
  ctx: ServiceContext,
  scope: Scope,
  query: PlanListQuery,
): Promise<PlanPage> {
  const plan = planList(ctx.config.secret, planListSpec, query.sort, query);
  const db = dbOf(ctx);
  const page = pageFrom(ctx.config.secret, plan, await listPlanRows(db, scope, plan), (r) => r);
  const partners = await partnerNames(
    db,
    scope,
    page.items.map((row) => row.partnerId),
  );
  return {
    items: await presentPlans(db, scope, page.items, partners),
    nextCursor: page.nextCursor,
  };
}
