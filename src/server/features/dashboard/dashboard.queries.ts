import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { healthBands } from '../../../domain/health';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { kpis, partners, plans, workspaces } from '../../db/schema';

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

/** The KPIs of active plans of the filtered partners, and the join that reaches the partner. */
function activePlanKpis(scope: Scope, where: SQL | undefined): SQL {
  return sql`${kpis}
    JOIN ${plans} ON ${plans.workspaceId} = ${kpis.workspaceId} AND ${plans.id} = ${kpis.planId}
    JOIN ${partners} ON ${partners.workspaceId} = ${plans.workspaceId} AND ${partners.id} = ${plans.partnerId}
    WHERE ${kpis.workspaceId} = ${scope.workspaceId} AND ${plans.status} = 'active'
      AND ${and(visibleActivePartners(scope), where)}`;
}

/** KPI counts by status (null: nothing due yet) with their attainment sums, and the total row. */
export type KpiCountRow = {
  total: boolean;
  status: string | null;
  count: number;
  attained: number;
  attainment_sum: number | null;
};

export async function kpiCounts(
  db: Db | Tx,
  scope: Scope,
  where: SQL | undefined,
): Promise<KpiCountRow[]> {
  const result = await db.execute(sql`
    SELECT grouping(${kpis.status}) = 1 AS total, ${kpis.status} AS status, count(*)::int AS count,
      count(${kpis.attainment})::int AS attained, sum(${kpis.attainment}) AS attainment_sum
    FROM ${activePlanKpis(scope, where)}
    GROUP BY GROUPING SETS ((${kpis.status}), ())`);
  return (result as unknown as { rows: KpiCountRow[] }).rows;
}

export type OffTrackRow = {
  partner_id: string;
  name: string;
  plan_id: string;
  period: string;
  kpi_id: string;
  kpi_name: string;
  attainment: number | null;
  forecast_attainment: number | null;
  outlook: number;
  off_track_kpis: number;
  partners_off_track: number;
};

/** The status rule's outlook (kpi-math `statusOf`): the better of pace and forecast attainment. */
const outlook = sql`greatest(${kpis.pace}, coalesce(${kpis.forecastAttainment}, 0))`;

/**
 * The partners with an off-track KPI, each with its worst one (lowest outlook), worst first;
 * `partners_off_track` counts them all, before the limit.
 */
export async function offTrackPartners(
  db: Db | Tx,
  scope: Scope,
  where: SQL | undefined,
  limit: number,
): Promise<OffTrackRow[]> {
  const result = await db.execute(sql`
    SELECT *, count(*) OVER ()::int AS partners_off_track FROM (
      SELECT DISTINCT ON (${partners.id}) ${partners.id} AS partner_id, ${partners.name} AS name,
        ${plans.id} AS plan_id, ${plans.period} AS period, ${kpis.id} AS kpi_id,
        ${kpis.name} AS kpi_name, ${kpis.attainment} AS attainment,
        ${kpis.forecastAttainment} AS forecast_attainment, ${outlook} AS outlook,
        count(*) OVER (PARTITION BY ${partners.id})::int AS off_track_kpis
      FROM ${activePlanKpis(scope, where)} AND ${kpis.status} = 'off_track'
      ORDER BY ${partners.id}, ${outlook}, ${kpis.attainment} NULLS LAST, ${kpis.id}
    ) worst
    ORDER BY outlook, attainment NULLS LAST, name, partner_id
    LIMIT ${limit}`);
  return (result as unknown as { rows: OffTrackRow[] }).rows;
}
