import { type PortfolioQuery, portfolioFiltersInWords } from '../../../domain/dashboard';
import type { PartnerListQuery } from '../../../domain/partners';
import { calendarMonthName, type FiscalYearStart, parsePeriod } from '../../../domain/periods';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { renderPdf, tandemDocument } from '../../documents/pdf';
import { partnerContactRefs } from '../contacts/contacts.service';
import { portfolioDashboard } from '../dashboard/dashboard.service';
import { listPlanMeasurements } from '../kpis/kpis.measurements';
import { listKpis } from '../kpis/kpis.service';
import { measurementPeriods } from '../kpis/kpis.view';
import { memberNames } from '../members/members.service';
import { listPartners } from '../partners/partners.list';
import { getPlan } from '../plans/plans.service';
import { teamNames } from '../teams/teams.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import {
  type PortfolioPartnerRow,
  type PortfolioReportData,
  portfolioReportContent,
} from './reports.portfolio';
import { type ScorecardData, scorecardContent } from './reports.scorecard';

/** The partner table stops here (about 25 pages): past it, the partner list's export serves. */
export const reportPartnerLimit = 1000;

/** `5 December 2026, 21:30 (Europe/Berlin)`: when the figures were read, in the workspace's zone. */
export function generatedAt(now: Date, timeZone: string): string {
  const when = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  });
  return `${when.format(now)} (${timeZone})`;
}

async function filtersInWords(ctx: ServiceContext, scope: Scope, query: PortfolioQuery) {
  const db = dbOf(ctx);
  return portfolioFiltersInWords(query, {
    owners: await memberNames(db, scope, query.ownerId ?? []),
    teams: await teamNames(db, scope, query.teamId ?? []),
  });
}

/** The filtered partners by name, a page at a time, up to the report's limit. */
async function partnerRows(ctx: ServiceContext, scope: Scope, query: PortfolioQuery) {
  const rows: PortfolioPartnerRow[] = [];
  const ownerIds: Array<string | null> = [];
  let cursor: string | undefined;
  do {
    const page = await listPartners(ctx, scope, {
      ...query,
      archived: 'false',
      sort: 'name',
      limit: 200,
      cursor,
    } as PartnerListQuery);
    for (const partner of page.items) {
      if (rows.length === reportPartnerLimit) break;
      rows.push({
        name: partner.name,
        stage: partner.stage,
        type: partner.type,
        tier: partner.tier,
        country: partner.country,
        owner: null,
        healthScore: partner.healthScore,
      });
      ownerIds.push(partner.ownerId);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < reportPartnerLimit);
  const names = await memberNames(
    dbOf(ctx),
    scope,
    ownerIds.filter((id): id is string => id !== null),
  );
  rows.forEach((row, i) => {
    const id = ownerIds[i];
    row.owner = id ? (names.get(id) ?? null) : null;
  });
  return rows;
}

/** What the portfolio report shows: the dashboard's figures and the partners behind them. */
export async function portfolioReportData(
  ctx: ServiceContext,
  scope: Scope,
  query: PortfolioQuery,
  now = new Date(),
): Promise<PortfolioReportData> {
  const dashboard = await portfolioDashboard(ctx, scope, query, now.getTime());
  return {
    dashboard,
    filters: await filtersInWords(ctx, scope, query),
    partners: await partnerRows(ctx, scope, query),
    partnerCount: dashboard.partners.count,
  };
}

/** The portfolio report as a PDF. */
export async function portfolioReport(
  ctx: ServiceContext,
  scope: Scope,
  query: PortfolioQuery,
  now = new Date(),
): Promise<Buffer> {
  const { workspace } = await getWorkspace(ctx, scope);
  const content = portfolioReportContent(await portfolioReportData(ctx, scope, query, now));
  const meta = {
    title: 'Portfolio report',
    subject: `${workspace.name} partner portfolio`,
    workspace: workspace.name,
    generated: generatedAt(now, workspace.timeZone),
  };
  return renderPdf(tandemDocument(meta, content));
}

/** A month shows as its calendar month (`Jan 2027`), a quarter as its label's quarter (`Q2`). */
function periodShown(label: string, settings: FiscalYearStart): string {
  const period = parsePeriod(label);
  if (period?.kind === 'month') return calendarMonthName(period, settings);
  if (period?.kind === 'quarter') return `Q${period.quarter}`;
  return label;
}

/** What a plan's scorecard shows: the plan with its owners' names, its KPIs and their values. */
export async function scorecardData(
  ctx: ServiceContext,
  scope: Scope,
  planId: string,
): Promise<ScorecardData> {
  const db = dbOf(ctx);
  const plan = await getPlan(ctx, scope, planId);
  const { workspace } = await getWorkspace(ctx, scope);
  const { items: kpis } = await listKpis(ctx, scope, planId);
  const members = await memberNames(
    db,
    scope,
    plan.objectives.flatMap((o) => (o.ownerMemberId ? [o.ownerMemberId] : [])),
  );
  const contacts = await partnerContactRefs(db, scope, plan.partnerId, {
    ids: plan.objectives.flatMap((o) => (o.ownerContactId ? [o.ownerContactId] : [])),
  });
  const contactName = new Map(contacts.map((c) => [c.id, c.name]));
  const objectives = plan.objectives.map((objective) => {
    const names = [
      objective.ownerMemberId ? members.get(objective.ownerMemberId) : undefined,
      objective.ownerContactId ? contactName.get(objective.ownerContactId) : undefined,
    ].filter((name): name is string => Boolean(name));
    return {
      text: objective.text,
      ownerSide: objective.ownerSide,
      owner: names.length > 0 ? names.join(' and ') : null,
    };
  });
  // One read for every KPI's values, not one per KPI (decision 046).
  const { items: measurements } = await listPlanMeasurements(ctx, scope, planId);
  const byKpi = new Map<string, typeof measurements>();
  for (const m of measurements) {
    const list = byKpi.get(m.kpiId);
    if (list) list.push(m);
    else byKpi.set(m.kpiId, [m]);
  }
  const items = kpis.map((kpi) => ({
    kpi,
    periods: (measurementPeriods(plan.period, kpi.cadence) ?? []).map((label) => ({
      label,
      shown: periodShown(label, workspace),
    })),
    measurements: byKpi.get(kpi.id) ?? [],
  }));
  return { plan, timeZone: workspace.timeZone, objectives, kpis: items };
}

/** A plan's scorecard as a PDF, for executives or for the partner. */
export async function scorecardReport(
  ctx: ServiceContext,
  scope: Scope,
  planId: string,
  now = new Date(),
): Promise<{ body: Buffer; partnerName: string; period: string }> {
  const { workspace } = await getWorkspace(ctx, scope);
  const data = await scorecardData(ctx, scope, planId);
  const meta = {
    title: `${data.plan.partnerName} scorecard, ${data.plan.period}`,
    subject: `The ${data.plan.period} joint business plan with ${data.plan.partnerName}`,
    workspace: workspace.name,
    generated: generatedAt(now, workspace.timeZone),
  };
  const body = await renderPdf(tandemDocument(meta, scorecardContent(data)));
  return { body, partnerName: data.plan.partnerName, period: data.plan.period };
}
