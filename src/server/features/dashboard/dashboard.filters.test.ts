import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import type { DashboardLink } from '../../../domain/dashboard';
import type { PartnerId } from '../../../domain/ids';
import {
  dashboardOf,
  type Portfolio,
  planStatuses,
  seedPortfolio,
  stages,
  tiers,
  url,
} from './dashboard.fixture';

/** The portfolio dashboard narrowed by its filters, its links to the lists, and who may read it. */
let t: TestApp;
let world: World;
let made: Portfolio['made'];
let salesTeam: string;

const dashboard = (query = '', key = world.a.members.admin.key) => dashboardOf(t, query, key);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  ({ made, salesTeam } = await seedPortfolio(t.database, world));
});
afterAll(() => t.close());

describe('the portfolio dashboard', () => {
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
