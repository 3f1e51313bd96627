import type { PortfolioQuery } from '../../../domain/dashboard';
import type { PartnerListQuery } from '../../../domain/partners';
import { humanize } from '../../../domain/text';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { renderPdf, tandemDocument } from '../../documents/pdf';
import { portfolioDashboard } from '../dashboard/dashboard.service';
import { memberNames } from '../members/members.service';
import { listPartners } from '../partners/partners.list';
import { teamNames } from '../teams/teams.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import {
  type PortfolioPartnerRow,
  type PortfolioReportData,
  portfolioReportContent,
} from './reports.portfolio';

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
  const owners = await memberNames(db, scope, query.ownerId ?? []);
  const teams = await teamNames(db, scope, query.teamId ?? []);
  const parts = [
    ['Owner', (query.ownerId ?? []).map((id) => owners.get(id) ?? 'a former member')],
    ['Team', (query.teamId ?? []).map((id) => teams.get(id) ?? 'a retired team')],
    ['Type', (query.type ?? []).map(humanize)],
    ['Tier', query.tier ?? []],
    ['Country', query.country ?? []],
  ] as const;
  const words = parts
    .filter(([, values]) => values.length > 0)
    .map(([label, values]) => `${label}: ${values.join(', ')}`);
  return words.length > 0 ? words.join('; ') : null;
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
