import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  type TestApp,
  type TestRequest,
  testClient,
} from '../../../../test/harness';

let t: TestApp;
let world: World;
/** A's draft plan with one KPI and one measurement. */
let planId: string;
let kpiId: string;
let partnerAdmin: string;
let bCookie: string;

const { send, denied } = testClient(() => t);

/** Every KPI route on A's plan and KPI, reads first, with current ETags. */
function everyRoute(auth: { key?: string; cookie?: string }) {
  const headers = { 'if-match': '"1"' };
  const reads: TestRequest[] = [
    { method: 'GET', url: `/api/v1/plans/${planId}/kpis`, ...auth },
    { method: 'GET', url: `/api/v1/kpis/${kpiId}`, ...auth },
    { method: 'GET', url: `/api/v1/kpis/${kpiId}/measurements`, ...auth },
    { method: 'GET', url: `/api/v1/plans/${planId}/measurements`, ...auth },
  ];
  const writes: TestRequest[] = [
    {
      method: 'POST',
      url: `/api/v1/plans/${planId}/kpis`,
      payload: { name: 'X', unit: 'count', target: 1 },
      ...auth,
    },
    { method: 'PATCH', url: `/api/v1/kpis/${kpiId}`, headers, payload: { target: 7 }, ...auth },
    {
      method: 'PUT',
      url: `/api/v1/plans/${planId}/measurements`,
      payload: { measurements: [{ kpiId, period: 'FY2027-M02', value: 3 }] },
      ...auth,
    },
    { method: 'DELETE', url: `/api/v1/kpis/${kpiId}`, headers, ...auth },
  ];
  return { reads, writes };
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  planId = (
    await send({
      method: 'POST',
      url: '/api/v1/plans',
      key,
      payload: { partnerId: world.a.partners[1], period: 'FY2027' },
    })
  ).json().id;
  kpiId = (
    await send({
      method: 'POST',
      url: `/api/v1/plans/${planId}/kpis`,
      key,
      payload: { name: 'Secret deals', unit: 'count', target: 10 },
    })
  ).json().id;
  await send({
    method: 'PUT',
    url: `/api/v1/plans/${planId}/measurements`,
    key,
    payload: { measurements: [{ kpiId, period: 'FY2027-M01', value: 2 }] },
  });
  const admin = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_admin');
  partnerAdmin = await signIn(t.app, admin.email);
  bCookie = await signIn(t.app, world.b.members.admin.email);
});
afterAll(() => t.close());

describe('another workspace', () => {
  it("can neither read nor change A's KPIs or measurements (404), with a key or a session", async () => {
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      const { reads, writes } = everyRoute(auth);
      for (const options of [...reads, ...writes]) await denied(404, options);
    }
  });

  it("cannot record on its own plan with A's KPI (422 naming measurements.0.kpiId)", async () => {
    const key = world.b.members.admin.key;
    const own = (
      await send({
        method: 'POST',
        url: '/api/v1/plans',
        key,
        payload: { partnerId: world.b.partners[0], period: 'FY2027' },
      })
    ).json().id;
    const res = await denied(422, {
      method: 'PUT',
      url: `/api/v1/plans/${own}/measurements`,
      key,
      payload: { measurements: [{ kpiId, period: 'FY2027-M03', value: 1 }] },
    });
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'measurements.0.kpiId', code: 'invalid_reference' }),
    ]);
  });
});

describe('roles', () => {
  it('let a viewer read every KPI route but change nothing (403)', async () => {
    const { reads, writes } = everyRoute({ key: world.a.members.viewer.key });
    for (const options of reads) expect((await send(options)).statusCode).toBe(200);
    for (const options of writes) await denied(403, options);
  });
});

describe('partner users', () => {
  it("are refused on every KPI route, even their own partner's plan", async () => {
    const { reads, writes } = everyRoute({ cookie: partnerAdmin });
    for (const options of [...reads, ...writes]) {
      const res = await send(options);
      expect([403, 404], `${options.method} ${options.url}`).toContain(res.statusCode);
      await denied(res.statusCode, options);
    }
  });
});
