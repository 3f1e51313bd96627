import {
  type DashboardLink,
  OFF_TRACK_LIMIT,
  type PortfolioDashboard,
  type PortfolioQuery,
  portfolioFilterKeys,
} from '../../../domain/dashboard';
import { type HealthBand, healthBands } from '../../../domain/health';
import { kpiStatuses } from '../../../domain/kpis';
import { partnerStages, partnerTypes } from '../../../domain/partners';
import { formatPeriod, periodAt } from '../../../domain/periods';
import { planStatuses } from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { filterConditions } from '../../http/list';
import { partnerFilters } from '../partners/partners.list';
import {
  dashboardSettings,
  type KpiCountRow,
  kpiCounts,
  type OffTrackRow,
  offTrackPartners,
  partnerCounts,
  planCounts,
} from './dashboard.queries';

/** The dashboard's filters as they were given: every filter, empty when not used. */
function filtersOf(query: PortfolioQuery): PortfolioDashboard['filters'] {
  return {
    ownerId: query.ownerId ?? [],
    teamId: query.teamId ?? [],
    type: query.type ?? [],
    tier: query.tier ?? [],
    country: query.country ?? [],
  };
}

/** The partner list showing the filtered partners, further narrowed by a figure's own filter. */
function partnersLink(query: PortfolioQuery, own: Record<string, string[]> = {}): DashboardLink {
  const carried: Record<string, string[]> = {};
  for (const key of portfolioFilterKeys) {
    const values = query[key];
    if (values && values.length > 0) carried[key] = [...values];
  }
  return { list: 'partners', query: { ...carried, ...own } };
}

/** KPI attainment across active plans: counts by status, the mean, the worst partners. */
function kpisOf(rows: KpiCountRow[], offTrack: OffTrackRow[]): PortfolioDashboard['kpis'] {
  const total = rows.find((row) => row.total);
  const byStatus = kpiStatuses.map((status) => ({
    status,
    count: rows.find((row) => !row.total && row.status === status)?.count ?? 0,
    // No list shows KPIs across plans; the active plans are what these KPIs belong to.
    link: { list: 'plans' as const, query: { status: ['active'] } },
  }));
  const attained = total?.attained ?? 0;
  return {
    count: total?.count ?? 0,
    byStatus,
    notDue: rows.find((row) => !row.total && row.status === null)?.count ?? 0,
    meanAttainment: attained > 0 ? Number(total?.attainment_sum) / attained : null,
    offTrack: {
      count: offTrack[0]?.partners_off_track ?? 0,
      partners: offTrack.map((row) => ({
        partnerId: row.partner_id,
        name: row.name,
        planId: row.plan_id,
        period: row.period,
        offTrackKpis: row.off_track_kpis,
        kpi: {
          id: row.kpi_id,
          name: row.kpi_name,
          attainment: row.attainment,
          forecastAttainment: row.forecast_attainment,
          outlook: row.outlook,
        },
      })),
    },
  };
}

/**
 * The portfolio's figures after the workspace's settings: the partner counts (one grouped scan),
 * the plan counts of the current fiscal year and quarter, the KPI counts of active plans and
 * the partners furthest off track. Every aggregate is SQL; JavaScript only labels the rows.
 */
export async function portfolioDashboard(
  ctx: ServiceContext,
  scope: Scope,
  query: PortfolioQuery,
  now = Date.now(),
): Promise<PortfolioDashboard> {
  const db = dbOf(ctx);
  const settings = await dashboardSettings(db, scope);
  if (!settings) throw new Error('the scope names no workspace');
  const where = filterConditions(partnerFilters, query);
  const counts = await partnerCounts(db, scope, where);
  const periods = [
    formatPeriod(periodAt(now, 'year', settings)),
    formatPeriod(periodAt(now, 'quarter', settings)),
  ];
  const planRows = await planCounts(db, scope, where, periods);
  const kpiRows = await kpiCounts(db, scope, where);
  const offTrack = await offTrackPartners(db, scope, where, OFF_TRACK_LIMIT);

  const countOf = (dimension: string, key: string | null) =>
    counts.find((row) => row.dimension === dimension && row.key === key)?.count ?? 0;
  const keysOf = (dimension: string) =>
    counts.filter((row) => row.dimension === dimension).map((row) => row.key);

  // A type or tier filter leaves only its own values to show (any other would count none).
  let tiers: Array<string | null> = [...settings.tiers];
  for (const tier of keysOf('tier')) if (tier !== null && !tiers.includes(tier)) tiers.push(tier);
  tiers.push(null);
  if (query.tier?.length)
    tiers = tiers.filter((tier) => tier !== null && query.tier?.includes(tier));
  const types = query.type?.length
    ? partnerTypes.filter((type) => query.type?.includes(type))
    : partnerTypes;

  const byStage = partnerStages.map((stage) => ({
    stage,
    count: countOf('stage', stage),
    link: partnersLink(query, { stage: [stage] }),
  }));
  const bands = (Object.keys(healthBands) as HealthBand[]).map((band) => ({
    band,
    ...healthBands[band],
    count: countOf('band', band),
    link: partnersLink(query, {
      healthMin: [String(healthBands[band].min)],
      healthMax: [String(healthBands[band].max)],
    }),
  }));
  const plansBy = planStatuses.map((status) => ({
    status,
    count: planRows.find((row) => row.status === status)?.count ?? 0,
    link: { list: 'plans' as const, query: { period: periods, status: [status] } },
  }));

  return {
    filters: filtersOf(query),
    partners: {
      count: byStage.reduce((sum, row) => sum + row.count, 0),
      link: partnersLink(query),
    },
    byStage,
    byTier: tiers.map((tier) => ({
      tier,
      count: countOf('tier', tier),
      link: tier === null ? null : partnersLink(query, { tier: [tier] }),
    })),
    byType: types.map((type) => ({
      type,
      count: countOf('type', type),
      link: partnersLink(query, { type: [type] }),
    })),
    health: { bands, unscored: countOf('band', 'unscored') },
    plans: {
      periods,
      count: plansBy.reduce((sum, row) => sum + row.count, 0),
      byStatus: plansBy,
    },
    kpis: kpisOf(kpiRows, offTrack),
  };
}
