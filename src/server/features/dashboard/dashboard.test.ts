import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import { createTestApp, type TestApp } from '../../../../test/harness';
import {
  bands,
  dashboardOf,
  lastYear,
  type Portfolio,
  planStatuses,
  quarter,
  seedPortfolio,
  stages,
  tiers,
  types,
  year,
} from './dashboard.fixture';

/** What the portfolio dashboard counts; its filters, links and access: dashboard.filters.test.ts. */
let t: TestApp;
let world: World;
let made: Portfolio['made'];
let goldPlan: string;
let weakPlan: string;
let worstKpi: string;
let weakKpi: string;

const dashboard = (query = '', key = world.a.members.admin.key) => dashboardOf(t, query, key);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  ({ made, goldPlan, weakPlan, worstKpi, weakKpi } = await seedPortfolio(t.database, world));
});
afterAll(() => t.close());

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
});
