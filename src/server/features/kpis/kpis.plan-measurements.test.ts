import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import type { MemberScope } from '../../access/scope';
import { scorecardData } from '../reports/reports.service';

let t: TestApp;
let world: World;
let admin: string;

const send = (method: string, url: string, payload?: object, key = admin) =>
  request(t.app, { method: method as 'GET', url, key, ...(payload ? { payload } : {}) });

async function newPlan(partnerId: string, period: string) {
  const res = await send('POST', '/api/v1/plans', { partnerId, period });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function newKpi(planId: string, name: string, extra: object = {}) {
  const res = await send('POST', `/api/v1/plans/${planId}/kpis`, {
    name,
    unit: 'count',
    target: 120,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function record(planId: string, measurements: object[]) {
  const res = await send('PUT', `/api/v1/plans/${planId}/measurements`, { measurements });
  expect(res.statusCode, res.body).toBe(200);
}

const scope = (w: World['a']): MemberScope => ({
  kind: 'member',
  workspaceId: w.workspaceId,
  role: 'admin',
  userId: w.members.admin.userId,
  memberId: w.members.admin.memberId,
  apiKeyId: null,
});

/** A plan with three KPIs (added out of alphabetical order) and values recorded out of order. */
let planId: string;
let kpiIds: string[];
/** Another plan of the same workspace and partner, whose values must not leak in. */
let otherPlanId: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  planId = await newPlan(world.a.partners[1], 'FY2026');
  kpiIds = [
    await newKpi(planId, 'Zulu deals'),
    await newKpi(planId, 'Alpha revenue', { unit: 'currency', currency: 'EUR', target: 5000 }),
    await newKpi(planId, 'NPS', { unit: 'percent', target: 5000, cadence: 'quarterly' }),
  ];
  const [zulu, alpha, nps] = kpiIds as [string, string, string];
  await record(planId, [
    { kpiId: alpha, period: 'FY2026-M02', value: 200, note: 'February' },
    { kpiId: zulu, period: 'FY2026-M03', value: 3 },
    { kpiId: nps, period: 'FY2026-Q1', value: 4000 },
    { kpiId: zulu, period: 'FY2026-M01', value: 1 },
    { kpiId: alpha, period: 'FY2026-M01', value: 100 },
  ]);
  otherPlanId = await newPlan(world.a.partners[1], 'FY2027');
  const otherKpi = await newKpi(otherPlanId, 'Elsewhere');
  await record(otherPlanId, [{ kpiId: otherKpi, period: 'FY2027-M01', value: 9 }]);
});
afterAll(() => t.close());

describe("a plan's measurements in one read", () => {
  it("lists every value of the plan's KPIs, in the KPIs' order then by period", async () => {
    const res = await send(
      'GET',
      `/api/v1/plans/${planId}/measurements`,
      undefined,
      world.a.members.viewer.key,
    );
    expect(res.statusCode, res.body).toBe(200);
    const [zulu, alpha, nps] = kpiIds;
    expect(
      res
        .json()
        .items.map((m: { kpiId: string; period: string; value: number }) => [
          m.kpiId,
          m.period,
          m.value,
        ]),
    ).toEqual([
      [zulu, 'FY2026-M01', 1],
      [zulu, 'FY2026-M03', 3],
      [alpha, 'FY2026-M01', 100],
      [alpha, 'FY2026-M02', 200],
      [nps, 'FY2026-Q1', 4000],
    ]);
    expect(res.json().items[3]).toMatchObject({ note: 'February', source: 'api' });
  });

  it('is empty for a plan without KPIs, and 404 for a plan that does not exist', async () => {
    const empty = await newPlan(world.a.partners[0], 'FY2026');
    const res = await send('GET', `/api/v1/plans/${empty}/measurements`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [] });
    const missing = await send(
      'GET',
      '/api/v1/plans/00000000-0000-4000-8000-000000000000/measurements',
    );
    expect(missing.statusCode).toBe(404);
  });

  it('is 404 to another workspace, with a key or a session, changing nothing', async () => {
    const url = `/api/v1/plans/${planId}/measurements`;
    await expectDenied(t, 404, { method: 'GET', url, key: world.b.members.admin.key });
    const cookie = await signIn(t.app, world.b.members.admin.email);
    await expectDenied(t, 404, { method: 'GET', url, cookie });
  });

  it("is refused to partner users, even of the plan's own partner", async () => {
    const url = `/api/v1/plans/${planId}/measurements`;
    const user = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_admin');
    const cookie = await signIn(t.app, user.email);
    const res = await request(t.app, { method: 'GET', url, cookie });
    expect([403, 404]).toContain(res.statusCode);
    expect(res.body).not.toContain('FY2026-M01');
    await expectDenied(t, res.statusCode, { method: 'GET', url, cookie });
  });
});

describe('the scorecard read', () => {
  /** The statements the scorecard's data costs, counted at the database client. */
  async function statementsFor(id: string) {
    const db = t.database.db;
    const spies = [vi.spyOn(db, 'select'), vi.spyOn(db, 'execute')];
    try {
      const data = await scorecardData({ ...t.ctx, requestId: null }, scope(world.a), id);
      return { data, count: spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0) };
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }

  it('costs the same statements for one KPI as for many, each KPI with its own values', async () => {
    const small = await newPlan(world.a.partners[0], 'FY2028');
    const only = await newKpi(small, 'Only');
    await record(small, [{ kpiId: only, period: 'FY2028-M01', value: 5 }]);
    const one = await statementsFor(small);
    const many = await statementsFor(planId);
    expect(one.count).toBeGreaterThan(0);
    expect(many.count).toBe(one.count);
    expect(many.data.kpis.map((k) => [k.kpi.name, k.measurements.map((m) => m.period)])).toEqual([
      ['Zulu deals', ['FY2026-M01', 'FY2026-M03']],
      ['Alpha revenue', ['FY2026-M01', 'FY2026-M02']],
      ['NPS', ['FY2026-Q1']],
    ]);
    expect(JSON.stringify(many.data)).not.toContain('Elsewhere');
  });
});
