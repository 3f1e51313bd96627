import type {
  PlanHistoryPage,
  PlanHistoryQuery,
  PlanListQuery,
  PlanPage,
  PlanSort,
} from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { auditEvents, plans } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import {
  byIdList,
  filters,
  type ListSpec,
  pageFrom,
  planList,
  sortsOf,
  text,
  time,
} from '../../http/list';
import { presentActor } from '../audit/audit.service';
import { partnerNames } from '../partners/partners.service';
import { presentPlans } from './plans.present';
import { findPlan, listPlanHistoryRows, listPlanRows } from './plans.queries';

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

/** History is newest first: audit events by id (UUIDv7) descending. */
const historyList = byIdList(auditEvents.id);

/** The plan's audit events, newest first; 404 when the caller may not see the plan. */
export async function planHistory(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  query: PlanHistoryQuery,
): Promise<PlanHistoryPage> {
  const db = dbOf(ctx);
  if (!(await findPlan(db, scope, id))) throw errors.notFound('plan');
  const plan = planList(ctx.config.secret, historyList, '-id', query);
  const rows = await listPlanHistoryRows(db, scope, id, plan);
  return pageFrom(ctx.config.secret, plan, rows, (row) => ({
    id: row.id,
    action: row.action,
    actor: presentActor(row),
    before: row.before,
    after: row.after,
    createdAt: row.createdAt.toISOString(),
  }));
}
