import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { World } from '../../../../test/factories';
import { request, type TestApp } from '../../../../test/harness';
import type { PortfolioDashboard } from '../../../domain/dashboard';
import type { PartnerId, WorkspaceId } from '../../../domain/ids';
import { formatPeriod, periodAt, previousPeriod } from '../../../domain/periods';
import type { Database } from '../../db/client';
import { kpis, partners, partnerTeamEntries, plans, teams } from '../../db/schema';
import { newId } from '../../ids';

/**
 * The portfolio the dashboard tests read: A's partners of every stage, tier and type, with
 * plans and KPIs whose stored progress the figures sum up, and one of B's that matches every
 * filter A is asked with.
 */

export const url = '/api/v1/dashboard/portfolio';

export const year = () =>
  formatPeriod(periodAt(Date.now(), 'year', { fiscalYearStartMonth: 1, timeZone: 'UTC' }));
export const quarter = () =>
  formatPeriod(periodAt(Date.now(), 'quarter', { fiscalYearStartMonth: 1, timeZone: 'UTC' }));
export const lastYear = () =>
  formatPeriod(
    previousPeriod(periodAt(Date.now(), 'year', { fiscalYearStartMonth: 1, timeZone: 'UTC' })),
  );

type Fields = {
  type: string;
  stage: string;
  tier?: string;
  country?: string;
  ownerId?: string;
  healthScore?: number;
  archived?: boolean;
};

/** Rows straight into the tables, as the features that own them would leave them. */
function writer(database: Database) {
  const kpiPositions = new Map<string, number>();
  async function partner(workspaceId: WorkspaceId, name: string, fields: Fields) {
    const id = newId<PartnerId>();
    await database.db.insert(partners).values({
      id,
      workspaceId,
      name,
      searchText: name.toLowerCase(),
      type: fields.type,
      stage: fields.stage,
      tier: fields.tier ?? null,
      country: fields.country ?? null,
      ownerId: fields.ownerId ?? null,
      healthScore: fields.healthScore ?? null,
      archivedAt: fields.archived ? new Date() : null,
    });
    return id;
  }

  async function plan(workspaceId: WorkspaceId, partnerId: string, period: string, status: string) {
    const id = newId();
    await database.db
      .insert(plans)
      .values({ id, workspaceId, partnerId, period, status, summary: '' });
    return id;
  }

  /** A KPI with its stored progress, as the KPIs feature leaves it after a refresh. */
  async function kpi(
    workspaceId: WorkspaceId,
    planId: string,
    name: string,
    status: 'on_track' | 'at_risk' | 'off_track' | null,
    attainment: number | null,
    /** Pace and forecast attainment, the status rule's inputs; the attainment unless given. */
    outlook: { pace?: number; forecast?: number } = {},
  ) {
    const id = newId();
    const position = kpiPositions.get(planId) ?? 0;
    kpiPositions.set(planId, position + 1);
    await database.db.insert(kpis).values({
      id,
      workspaceId,
      planId,
      position,
      name,
      unit: 'count',
      target: 100,
      direction: 'higher',
      cadence: 'monthly',
      aggregation: 'sum',
      status,
      attainment,
      pace: outlook.pace ?? attainment,
      forecastAttainment: outlook.forecast ?? attainment,
      progressOn: status === null ? null : '2026-12-01',
    });
    return id;
  }
  return { partner, plan, kpi };
}

export type Portfolio = Awaited<ReturnType<typeof seedPortfolio>>;

export async function seedPortfolio(database: Database, world: World) {
  const { partner, plan, kpi } = writer(database);
  /** A's partners made here, by name. */
  const made: Record<string, PartnerId> = {};
  const a = world.a.workspaceId;
  const member = world.a.members.member.memberId;
  const admin = world.a.members.admin.memberId;
  // Two partners come with the world: technology prospects, no tier, never scored.
  made.gold = await partner(a, 'Gold Reseller', {
    type: 'reseller',
    stage: 'active',
    tier: 'gold',
    country: 'DE',
    ownerId: member,
    healthScore: 80,
  });
  made.silver = await partner(a, 'Silver Reseller', {
    type: 'reseller',
    stage: 'active',
    tier: 'silver',
    country: 'FR',
    ownerId: admin,
    healthScore: 50,
  });
  made.weak = await partner(a, 'Weak Tech', {
    type: 'technology',
    stage: 'onboarding',
    tier: 'gold',
    country: 'DE',
    ownerId: member,
    healthScore: 20,
  });
  made.legacy = await partner(a, 'Legacy Referral', {
    type: 'referral',
    stage: 'at_risk',
    tier: 'legacy',
    healthScore: 39,
  });
  made.archived = await partner(a, 'Archived Reseller', {
    type: 'reseller',
    stage: 'active',
    tier: 'gold',
    country: 'DE',
    ownerId: member,
    healthScore: 90,
    archived: true,
  });
  const [sales] = await database.db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, a), eq(teams.name, 'Sales')));
  const salesTeam = sales?.id ?? '';
  for (const partnerId of [made.gold, made.weak, made.archived])
    await database.db.insert(partnerTeamEntries).values({
      id: newId(),
      workspaceId: a,
      partnerId,
      memberId: member,
      teamId: salesTeam,
      role: 'owner',
    });
  const goldPlan = await plan(a, made.gold, year(), 'active');
  const silverPlan = await plan(a, made.silver, quarter(), 'draft');
  const weakPlan = await plan(a, made.weak, lastYear(), 'active');
  const archivedPlan = await plan(a, made.archived, year(), 'agreed');
  // KPIs of active plans count, whatever their period; a draft's or an archived partner's not.
  await kpi(a, goldPlan, 'Deals', 'on_track', 1);
  await kpi(a, goldPlan, 'Pipeline', 'off_track', 0.5);
  const worstKpi = await kpi(a, goldPlan, 'Certified staff', 'off_track', 0.3, { forecast: 0.4 });
  await kpi(a, goldPlan, 'Renewals', null, null);
  // Further along than the gold partner's worst, but with the lower outlook.
  const weakKpi = await kpi(a, weakPlan, 'Integrations', 'off_track', 0.6, {
    pace: 0.2,
    forecast: 0.35,
  });
  await kpi(a, silverPlan, 'Draft KPI', 'off_track', 0.1);
  await kpi(a, archivedPlan, 'Archived KPI', 'off_track', 0);
  // Another workspace's partner and plan, matching every filter A is asked with.
  const b = world.b.workspaceId;
  const other = await partner(b, 'B Gold Reseller', {
    type: 'reseller',
    stage: 'active',
    tier: 'gold',
    country: 'DE',
    healthScore: 75,
  });
  await kpi(b, await plan(b, other, year(), 'active'), 'B KPI', 'off_track', 0);
  return { made, salesTeam, goldPlan, weakPlan, worstKpi, weakKpi };
}

export async function dashboardOf(t: TestApp, query: string, key: string) {
  const res = await request(t.app, { method: 'GET', url: `${url}${query}`, key });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PortfolioDashboard;
}

export const stages = (d: PortfolioDashboard) =>
  Object.fromEntries(d.byStage.filter((s) => s.count > 0).map((s) => [s.stage, s.count]));
export const types = (d: PortfolioDashboard) =>
  Object.fromEntries(d.byType.filter((s) => s.count > 0).map((s) => [s.type, s.count]));
export const tiers = (d: PortfolioDashboard) => d.byTier.map((s) => [s.tier, s.count]);
export const bands = (d: PortfolioDashboard) => [
  ...d.health.bands.map((b) => [b.band, b.count]),
  ['unscored', d.health.unscored],
];
export const planStatuses = (d: PortfolioDashboard) =>
  Object.fromEntries(d.plans.byStatus.filter((s) => s.count > 0).map((s) => [s.status, s.count]));
