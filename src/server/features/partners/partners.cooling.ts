import { and, eq, isNull, lt } from 'drizzle-orm';
import { type CoolingPage, type CoolingQuery, daysOverdue } from '../../../domain/cadence';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { partners, workspaces } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { filters, type ListSpec, pageFrom, planList, sortsOf, time } from '../../http/list';
import { effectiveCadenceDaysSql } from './cadence';

/** Longest overdue first: the earliest due time, which partners_touch_due_idx serves in order. */
const coolingList: ListSpec<'touchDueAt', CoolingQuery> = {
  sorts: sortsOf(partners.id, { touchDueAt: [time(partners.touchDueAt)] }),
  filters: { ownerId: filters.anyOf(partners.ownerId) },
};

/**
 * Active partners whose next touch was due before now (never touched: due since added),
 * longest overdue first, in keyset pages.
 */
export async function listCooling(
  ctx: ServiceContext,
  scope: Scope,
  query: CoolingQuery,
): Promise<CoolingPage> {
  const plan = planList(ctx.config.secret, coolingList, 'touchDueAt', query);
  const now = new Date();
  const inScope =
    scope.kind === 'partner'
      ? and(eq(partners.workspaceId, scope.workspaceId), eq(partners.id, scope.partnerId))
      : eq(partners.workspaceId, scope.workspaceId);
  const rows = await dbOf(ctx)
    .select({
      id: partners.id,
      name: partners.name,
      tier: partners.tier,
      stage: partners.stage,
      ownerId: partners.ownerId,
      lastTouchAt: partners.lastTouchAt,
      touchDueAt: partners.touchDueAt,
      cadenceDays: effectiveCadenceDaysSql(),
      cursor: plan.cursor,
    })
    .from(partners)
    .innerJoin(workspaces, eq(workspaces.id, partners.workspaceId))
    .where(and(inScope, isNull(partners.archivedAt), lt(partners.touchDueAt, now), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return pageFrom(ctx.config.secret, plan, rows, (row) => ({
    id: row.id,
    name: row.name,
    tier: row.tier,
    stage: row.stage,
    ownerId: row.ownerId,
    cadenceDays: Number(row.cadenceDays),
    lastTouchAt: row.lastTouchAt ? row.lastTouchAt.toISOString() : null,
    nextTouchDue: row.lastTouchAt ? row.touchDueAt.toISOString() : null,
    daysOverdue: daysOverdue(row.touchDueAt, now),
  }));
}
