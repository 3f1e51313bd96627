import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let planId = '';
let revenueId = '';

const post = (url: string, payload: object, key = world.a.members.manager.key) =>
  request(t.app, { method: 'POST', url, key, payload });

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const plan = await post('/api/v1/plans', {
    partnerId: world.a.partners[0],
    period: 'FY2026',
    summary: 'Grow together',
    objectives: [
      { text: 'Launch in DACH', ownerSide: 'both', ownerMemberId: world.a.members.member.memberId },
      { text: 'Certify engineers', ownerSide: 'partner' },
    ],
  });
  expect(plan.statusCode, plan.body).toBe(201);
  planId = plan.json().id;
  const revenue = await post(`/api/v1/plans/${planId}/kpis`, {
    name: 'Revenue',
    unit: 'currency',
    currency: 'EUR',
    target: 1_000_000,
  });
  revenueId = revenue.json().id;
  await post(`/api/v1/plans/${planId}/kpis`, {
    name: 'Response time',
    unit: 'duration',
    target: 3600,
    direction: 'lower',
    aggregation: 'average',
  });
  const values = await request(t.app, {
    method: 'PUT',
    url: `/api/v1/plans/${planId}/measurements`,
    key: world.a.members.manager.key,
    payload: { measurements: [{ kpiId: revenueId, period: 'FY2026-M01', value: 50_000 }] },
  });
  expect(values.statusCode, values.body).toBe(200);
});

afterAll(() => t.close());

describe("copying last period's plan", () => {
  it('makes a draft for the next period with the objectives and KPIs, new targets, no values', async () => {
    const res = await post(`/api/v1/plans/${planId}/copies`, {
      targets: [{ kpiId: revenueId, target: 1_500_000 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const copy = res.json();
    expect(res.headers.location).toBe(`/api/v1/plans/${copy.id}`);
    expect(copy).toMatchObject({ period: 'FY2027', status: 'draft', summary: 'Grow together' });
    expect(copy.objectives.map((o: { text: string }) => o.text)).toEqual([
      'Launch in DACH',
      'Certify engineers',
    ]);
    const kpis = (
      await request(t.app, {
        method: 'GET',
        url: `/api/v1/plans/${copy.id}/kpis`,
        key: world.a.members.viewer.key,
      })
    ).json().items;
    expect(kpis.map((k: { name: string; target: number }) => [k.name, k.target])).toEqual([
      ['Revenue', 1_500_000],
      ['Response time', 3600],
    ]);
    const values = await request(t.app, {
      method: 'GET',
      url: `/api/v1/kpis/${kpis[0].id}/measurements`,
      key: world.a.members.viewer.key,
    });
    expect(values.json().items).toEqual([]);
  });

  it('copies into a chosen period, and refuses one that has a plan (409), writing nothing', async () => {
    const quarter = await post(`/api/v1/plans/${planId}/copies`, { period: 'FY2028' });
    expect(quarter.statusCode, quarter.body).toBe(201);
    const res = await expectDenied(t, 409, {
      method: 'POST',
      url: `/api/v1/plans/${planId}/copies`,
      key: world.a.members.manager.key,
      payload: { period: 'FY2027' },
    });
    expect(res.json().code).toBe('plan_exists');
  });

  it('names the target or KPI at fault and writes nothing', async () => {
    const wrongSign = await expectDenied(t, 422, {
      method: 'POST',
      url: `/api/v1/plans/${planId}/copies`,
      key: world.a.members.manager.key,
      payload: { period: 'FY2030', targets: [{ kpiId: revenueId, target: -5 }] },
    });
    expect(wrongSign.json().errors[0].field).toBe('targets.0.target');
    const unknown = await expectDenied(t, 422, {
      method: 'POST',
      url: `/api/v1/plans/${planId}/copies`,
      key: world.a.members.manager.key,
      payload: { period: 'FY2030', targets: [{ kpiId: world.a.partners[0], target: 5 }] },
    });
    expect(unknown.json().errors[0].field).toBe('targets.0.kpiId');
  });

  it('is 404 to another workspace and to partner users, 403 to a viewer, changing nothing', async () => {
    const url = `/api/v1/plans/${planId}/copies`;
    const payload = { period: 'FY2031' };
    await expectDenied(t, 404, { method: 'POST', url, key: world.b.members.admin.key, payload });
    await expectDenied(t, 403, { method: 'POST', url, key: world.a.members.viewer.key, payload });
    const user = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
    const cookie = await signIn(t.app, user.email);
    await expectDenied(t, 404, { method: 'POST', url, cookie, payload });
  });
});
