import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { healthBands } from '../../../domain/health';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { partners, plans, workspaces } from '../../db/schema';

/** The workspace's active partners the caller may see (a partner user only their own). */
export function visibleActivePartners(scope: Scope): SQL {
  const inWorkspace = and(eq(partners.workspaceId, scope.workspaceId), isNull(partners.archivedAt));
  return (
    scope.kind === 'partner' ? and(inWorkspace, eq(partners.id, scope.partnerId)) : inWorkspace
  ) as SQL;
}

/** What the figures need of the workspace: its tier order and fiscal settings. */
export async function dashboardSettings(db: Db | Tx, scope: Scope) {
  const [row] = await db
    .select({
      tiers: workspaces.tiers,
      fiscalYearStartMonth: workspaces.fiscalYearStartMonth,
      timeZone: workspaces.timeZone,
    })
    .from(workspaces)
    .where(eq(workspaces.id, scope.workspaceId));
  return row;
}

/** One group of the partner counts: which grouping it belongs to, its key and its count. */
export type PartnerCountRow = {
  dimension: 'stage' | 'tier' | 'type' | 'band';
  key: string | null;
  count: number;
};

/** The band of the latest score, as `healthBandOf` names it; `unscored` before any snapshot. */
const bandSql = sql`CASE
  WHEN ${partners.healthScore} IS NULL THEN 'unscored'
  WHEN ${partners.healthScore} <= ${sql.raw(String(healthBands.atRisk.max))} THEN 'atRisk'
  WHEN ${partners.healthScore} <= ${sql.raw(String(healthBands.fair.max))} THEN 'fair'
  ELSE 'healthy' END`;

/**
 * The filtered partners counted by stage, tier, type and health band in one statement: one scan
 * of the partners, grouped four ways (GROUPING SETS).
 */
export async function partnerCounts(
  db: Db | Tx,
  scope: Scope,
  where: SQL | undefined,
): Promise<PartnerCountRow[]> {
  const result = await db.execute(sql`
    SELECT CASE
        WHEN grouping(stage) = 0 THEN 'stage'
        WHEN grouping(tier) = 0 THEN 'tier'
        WHEN grouping(type) = 0 THEN 'type'
        ELSE 'band' END AS dimension,
      coalesce(stage, type, band, tier) AS key,
      count(*)::int AS count
    FROM (
      SELECT ${partners.stage} AS stage, ${partners.tier} AS tier, ${partners.type} AS type,
        ${bandSql} AS band
      FROM ${partners}
      WHERE ${and(visibleActivePartners(scope), where)}
    ) p
    GROUP BY GROUPING SETS ((stage), (tier), (type), (band))`);
  return (result as unknown as { rows: PartnerCountRow[] }).rows;
}

/** Plans of the filtered partners in the given periods, counted by status. */
export function planCounts(
  db: Db | Tx,
  scope: Scope,
  where: SQL | undefined,
  periods: string[],
): Promise<Array<{ status: string; count: number }>> {
  return db
    .select({ status: plans.status, count: sql<number>`count(*)::int` })
    .from(plans)
    .innerJoin(
      partners,
      and(eq(partners.workspaceId, plans.workspaceId), eq(partners.id, plans.partnerId)),
    )
    .where(
      and(
        eq(plans.workspaceId, scope.workspaceId),
        inArray(plans.period, periods),
        visibleActivePartners(scope),
        where,
      ),
    )
    .groupBy(plans.status);
}
