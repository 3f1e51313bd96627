import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import type { DashboardLink, PortfolioDashboard } from '../../../domain/dashboard';
import type { PartnerId, WorkspaceId } from '../../../domain/ids';
import { formatPeriod, periodAt, previousPeriod } from '../../../domain/periods';
import { kpis, partners, partnerTeamEntries, plans, teams } from '../../db/schema';
import { newId } from '../../ids';

let t: TestApp;
let world: World;
let salesTeam: string;
let goldPlan: string;
let weakPlan: string;
let worstKpi: string;
let weakKpi: string;
/** A's partners made here, by name. */
const made: Record<string, PartnerId> = {};

const url = '/api/v1/dashboard/portfolio';
const year = () =>
  formatPeriod(periodAt(Date.now(), 'year', { fiscalYearStartMonth: 1, timeZone: 'UTC' }));
const quarter = () =>
  formatPeriod(periodAt(Date.now(), 'quarter', { fiscalYearStartMonth: 1, timeZone: 'UTC' }));
const lastYear = () =>
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

async function partner(workspaceId: WorkspaceId, name: string, fields: Fields) {
  const id = newId<PartnerId>();
  await t.database.db.insert(partners).values({
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
  await t.database.db
    .insert(plans)
    .values({ id, workspaceId, partnerId, period, status, summary: '' });
  return id;
}

const kpiPositions = new Map<string, number>();

/** A KPI with its stored progress, as the KPIs feature leaves it after a refresh. */
async function kpi(
  workspaceId: WorkspaceId,
  planId: string,
  name: string,
  status: 'on_track' | 'at_risk' | 'off_track' | null,
  attainment: number | null,
  /** Pace and forecast attainment, the status rule's two inputs; both the attainment unless given. */
  outlook: { pace?: number; forecast?: number } = {},
) {
  const id = newId();
  const position = kpiPositions.get(planId) ?? 0;
  kpiPositions.set(planId, position + 1);
  await t.database.db.insert(kpis).values({
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

async function dashboard(query = '', key = world.a.members.admin.key) {
  const res = await request(t.app, { method: 'GET', url: `${url}${query}`, key });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PortfolioDashboard;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
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
  const [sales] = await t.database.db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, a), eq(teams.name, 'Sales')));
  salesTeam = sales?.id ?? '';
  for (const partnerId of [made.gold, made.weak, made.archived])
    await t.database.db.insert(partnerTeamEntries).values({
      id: newId(),
      workspaceId: a,
      partnerId,
      memberId: member,
      teamId: salesTeam,
      role: 'owner',
    });
  goldPlan = await plan(a, made.gold, year(), 'active');
  const silverPlan = await plan(a, made.silver, quarter(), 'draft');
  weakPlan = await plan(a, made.weak, lastYear(), 'active');
  const archivedPlan = await plan(a, made.archived, year(), 'agreed');
  // KPIs of active plans count, whatever their period; a draft's or an archived partner's not.
  await kpi(a, goldPlan, 'Deals', 'on_track', 1);
  await kpi(a, goldPlan, 'Pipeline', 'off_track', 0.5);
  worstKpi = await kpi(a, goldPlan, 'Certified staff', 'off_track', 0.3, { forecast: 0.4 });
  await kpi(a, goldPlan, 'Renewals', null, null);
  // Further along than the gold partner's worst, but with the lower outlook.
  weakKpi = await kpi(a, weakPlan, 'Integrations', 'off_track', 0.6, { pace: 0.2, forecast: 0.35 });
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
});
afterAll(() => t.close());

const stages = (d: PortfolioDashboard) =>
  Object.fromEntries(d.byStage.filter((s) => s.count > 0).map((s) => [s.stage, s.count]));
const types = (d: PortfolioDashboard) =>
  Object.fromEntries(d.byType.filter((s) => s.count > 0).map((s) => [s.type, s.count]));
const tiers = (d: PortfolioDashboard) => d.byTier.map((s) => [s.tier, s.count]);
const bands = (d: PortfolioDashboard) => [
  ...d.health.bands.map((b) => [b.band, b.count]),
  ['unscored', d.health.unscored],
];
const planStatuses = (d: PortfolioDashboard) =>
  Object.fromEntries(d.plans.byStatus.filter((s) => s.count > 0).map((s) => [s.status, s.count]));

describe('the portfolio dashboard', () => {
  it("counts the workspace's active partners by stage, tier, type and health band", async () => {
    const d = await dashboard();
    expect(d.partners.count).toBe(6);
    expect(stages(d)).toEqual({ prospect: 2, active: 2, onboarding: 1, at_risk: 1 });
    expect(d.byStage.map((s) => s.stage)).toEqual([
      'prospect',
      'onboarding',
      'active',
      'at_risk',
      'inactive',
      'ended',
    ]);
    expect(types(d)).toEqual({ technology: 3, reseller: 2, referral: 1 });
    // The workspace's tiers in order, then a tier no longer listed, then no tier.
    expect(tiers(d)).toEqual([
      ['platinum', 0],
      ['gold', 2],
      ['silver', 1],
      ['bronze', 0],
      ['registered', 0],
      ['legacy', 1],
      [null, 2],
    ]);
    expect(d.byTier.at(-1)?.link).toBeNull();
    // 39 is the top of the at-risk band, 50 fair, 80 healthy.
    expect(bands(d)).toEqual([
      ['atRisk', 2],
      ['fair', 1],
      ['healthy', 1],
      ['unscored', 2],
    ]);
  });

  it("counts the current fiscal year's and quarter's plans by status, not last year's", async () => {
    const d = await dashboard();
    expect(d.plans.periods).toEqual([year(), quarter()]);
    expect(planStatuses(d)).toEqual({ active: 1, draft: 1 });
    expect(d.plans.count).toBe(2);
    expect(d.plans.byStatus.find((s) => s.status === 'active')?.link).toEqual({
      list: 'plans',
      query: { period: [year(), quarter()], status: ['active'] },
    });
  });

  it('sums up KPI attainment across active plans and names the partners off track', async () => {
    const d = await dashboard();
    expect(d.kpis.count).toBe(5);
    expect(Object.fromEntries(d.kpis.byStatus.map((k) => [k.status, k.count]))).toEqual({
      on_track: 1,
      at_risk: 0,
      off_track: 3,
    });
    expect(d.kpis.notDue).toBe(1);
    expect(d.kpis.meanAttainment).toBeCloseTo((1 + 0.5 + 0.3 + 0.6) / 4, 10);
    expect(d.kpis.offTrack.count).toBe(2);
    // Lowest outlook first (the better of pace and forecast), each with its worst KPI.
    expect(d.kpis.offTrack.partners).toEqual([
      {
        partnerId: made.weak,
        name: 'Weak Tech',
        planId: weakPlan,
        period: lastYear(),
        offTrackKpis: 1,
        kpi: {
          id: weakKpi,
          name: 'Integrations',
          attainment: 0.6,
          forecastAttainment: 0.35,
          outlook: 0.35,
        },
      },
      {
        partnerId: made.gold,
        name: 'Gold Reseller',
        planId: goldPlan,
        period: year(),
        offTrackKpis: 2,
        kpi: {
          id: worstKpi,
          name: 'Certified staff',
          attainment: 0.3,
          forecastAttainment: 0.4,
          outlook: 0.4,
        },
      },
    ]);
    const tech = await dashboard('?type=technology');
    expect(tech.kpis.count).toBe(1);
    expect(tech.kpis.offTrack.partners.map((p) => p.partnerId)).toEqual([made.weak]);
    const none = await dashboard(`?ownerId=${world.a.members.admin.memberId}`);
    expect(none.kpis).toMatchObject({ count: 0, meanAttainment: null, notDue: 0 });
    expect(none.kpis.offTrack).toEqual({ count: 0, partners: [] });
  });

  it('narrows every figure by owner, team, type, tier and country, each repeatable', async () => {
    const member = world.a.members.member.memberId;
    const admin = world.a.members.admin.memberId;
    const cases: Array<[string, number, Record<string, number>]> = [
      [`?ownerId=${member}`, 2, { active: 1 }],
      [`?ownerId=${member}&ownerId=${admin}`, 3, { active: 1, draft: 1 }],
      [`?teamId=${salesTeam}`, 2, { active: 1 }],
      ['?type=reseller', 2, { active: 1, draft: 1 }],
      ['?type=reseller&type=referral', 3, { active: 1, draft: 1 }],
      ['?tier=gold', 2, { active: 1 }],
      ['?tier=gold&tier=legacy', 3, { active: 1 }],
      ['?country=DE', 2, { active: 1 }],
      ['?country=fr&country=DE', 3, { active: 1, draft: 1 }],
      ['?type=reseller&country=FR', 1, { draft: 1 }],
      [`?type=technology&ownerId=${admin}`, 0, {}],
    ];
    for (const [query, count, plansByStatus] of cases) {
      const d = await dashboard(query);
      expect(d.partners.count, query).toBe(count);
      expect(
        d.byStage.reduce((sum, s) => sum + s.count, 0),
        query,
      ).toBe(count);
      expect(
        d.byTier.reduce((sum, s) => sum + s.count, 0),
        query,
      ).toBe(count);
      expect(
        d.health.bands.reduce((sum, s) => sum + s.count, d.health.unscored),
        query,
      ).toBe(count);
      expect(planStatuses(d), query).toEqual(plansByStatus);
    }
    const d = await dashboard(`?teamId=${salesTeam}&type=technology`);
    expect(stages(d)).toEqual({ onboarding: 1 });
    // A type or tier filter leaves only its own values in that grouping.
    expect(d.byType.map((s) => s.type)).toEqual(['technology']);
    expect(tiers(await dashboard('?tier=legacy&tier=gold'))).toEqual([
      ['gold', 2],
      ['legacy', 1],
    ]);
    expect(d.filters).toEqual({
      ownerId: [],
      teamId: [salesTeam],
      type: ['technology'],
      tier: [],
      country: [],
    });
  });

  it('links each figure to a list that shows exactly the partners it counts', async () => {
    const key = world.a.members.viewer.key;
    const listed = async (link: DashboardLink) => {
      const params = new URLSearchParams();
      for (const [name, values] of Object.entries(link.query))
        for (const value of values) params.append(name, value);
      params.set('limit', '200');
      const res = await request(t.app, {
        method: 'GET',
        url: `/api/v1/${link.list}?${params}`,
        key,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.length as number;
    };
    for (const query of ['', `?teamId=${salesTeam}`, '?type=reseller&country=DE&country=FR']) {
      const d = await dashboard(query, key);
      const figures = [
        d.partners,
        ...d.byStage,
        ...d.byType,
        ...d.byTier.flatMap((s) => (s.link ? [{ count: s.count, link: s.link }] : [])),
        ...d.health.bands,
      ];
      for (const figure of figures)
        expect(await listed(figure.link), JSON.stringify(figure.link)).toBe(figure.count);
    }
    // The plan list has no partner filters and lists archived partners' plans too (one agreed).
    const d = await dashboard('', key);
    for (const figure of d.plans.byStatus)
      expect(await listed(figure.link), figure.status).toBe(
        figure.count + (figure.status === 'agreed' ? 1 : 0),
      );
  });

  it("never counts another workspace's partners or plans", async () => {
    const b = await dashboard('', world.b.members.viewer.key);
    expect(b.partners.count).toBe(3);
    expect(stages(b)).toEqual({ prospect: 2, active: 1 });
    expect(planStatuses(b)).toEqual({ active: 1 });
    expect(b.kpis.count).toBe(1);
    expect(b.kpis.offTrack.partners.map((p) => p.name)).toEqual(['B Gold Reseller']);
    expect((await dashboard()).kpis.offTrack.partners.map((p) => p.name)).not.toContain(
      'B Gold Reseller',
    );
    // A team of A's names no partner of B's.
    expect(
      (await dashboard(`?teamId=${salesTeam}`, world.b.members.admin.key)).partners.count,
    ).toBe(0);
  });

  it('answers bad filters with problem+json naming the field, and writes nothing', async () => {
    const key = world.a.members.admin.key;
    for (const [query, field] of [
      ['?type=bogus', 'type'],
      ['?teamId=not-a-uuid', 'teamId'],
      ['?country=XX', 'country'],
      ['?stage=active', 'stage'],
    ] as const) {
      const res = await expectDenied(t, 400, { method: 'GET', url: `${url}${query}`, key });
      expect(JSON.stringify(res.json().errors), query).toContain(field);
    }
  });

  it('lets a viewer read it and refuses partner users, even for their own partner', async () => {
    expect((await dashboard('', world.a.members.viewer.key)).partners.count).toBe(6);
    const user = await seedPartnerUser(
      t.database,
      world.a,
      made.gold as PartnerId,
      'partner_admin',
    );
    const cookie = await signIn(t.app, user.email);
    await expectDenied(t, 403, { method: 'GET', url, cookie });
    await expectDenied(t, 403, { method: 'GET', url: `${url}?type=reseller`, cookie });
  });
});
