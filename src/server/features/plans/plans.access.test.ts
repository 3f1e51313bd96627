import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  type TestApp,
  type TestRequest,
  testClient,
} from '../../../../test/harness';

let t: TestApp;
let world: World;
/** A's plans: a draft at partner 1, an agreed one at partner 2. */
let draft: string;
let agreed: string;
let partnerAdmin: string;
let bCookie: string;
/** The draft's version after the member's edit. */
let draftVersion = 1;

const { send, denied } = testClient(() => t);

/** Asserts the refusal, its problem+json answer and an unchanged database. */

/** Every route on one plan, reads first, with a current ETag so only the scope can refuse. */
function everyRoute(id: string, version: number, auth: { key?: string; cookie?: string }) {
  const url = `/api/v1/plans/${id}`;
  const headers = { 'if-match': `"${version}"` };
  const reads: TestRequest[] = [
    { method: 'GET', url, ...auth },
    { method: 'GET', url: `${url}/versions`, ...auth },
    { method: 'GET', url: `${url}/changes`, ...auth },
    { method: 'GET', url: `${url}/history`, ...auth },
  ];
  const writes: TestRequest[] = [
    { method: 'PATCH', url, headers, payload: { summary: 'X' }, ...auth },
    { method: 'POST', url: `${url}/transitions`, headers, payload: { to: 'proposed' }, ...auth },
    { method: 'POST', url: `${url}/revisions`, headers, ...auth },
  ];
  return { reads, writes };
}
const every = (id: string, version: number, auth: { key?: string; cookie?: string }) => {
  const { reads, writes } = everyRoute(id, version, auth);
  return [...reads, ...writes];
};

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  const make = async (partnerId: string, period: string) =>
    (
      await send({
        method: 'POST',
        url: '/api/v1/plans',
        key,
        payload: { partnerId, period, summary: 'Secret plan' },
      })
    ).json().id as string;
  draft = await make(world.a.partners[0], 'FY2027');
  agreed = await make(world.a.partners[1], 'FY2027-Q1');
  const headers = (v: number) => ({ 'if-match': `"${v}"` });
  const url = `/api/v1/plans/${agreed}/transitions`;
  await send({ method: 'POST', url, key, headers: headers(1), payload: { to: 'proposed' } });
  await send({
    method: 'POST',
    url,
    key,
    headers: headers(2),
    payload: { to: 'agreed', agreedBy: 'Ada', agreedOn: '2026-12-01' },
  });
  const admin = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_admin');
  partnerAdmin = await signIn(t.app, admin.email);
  bCookie = await signIn(t.app, world.b.members.admin.email);
});
afterAll(() => t.close());

describe('another workspace', () => {
  it("can neither read nor change A's plans (404), with a key or a session", async () => {
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      for (const options of every(draft, 1, auth)) await denied(404, options);
      for (const options of every(agreed, 3, auth)) await denied(404, options);
    }
  });

  it("cannot start a plan at A's partner (422 partnerId)", async () => {
    const res = await denied(422, {
      method: 'POST',
      url: '/api/v1/plans',
      key: world.b.members.admin.key,
      payload: { partnerId: world.a.partners[0], period: 'FY2027' },
    });
    expect(res.json().errors[0]).toMatchObject({ field: 'partnerId', code: 'invalid_reference' });
  });

  it("finds none of A's plans by partner, period or status", async () => {
    const queries = [
      `partnerId=${world.a.partners[0]}`,
      `partnerId=${world.a.partners[1]}`,
      'period=FY2027',
      'status=agreed',
      'sort=period',
    ];
    for (const query of queries) {
      const res = await send({
        method: 'GET',
        url: `/api/v1/plans?${query}`,
        key: world.a.members.admin.key,
      });
      expect(res.json().items.length, query).toBeGreaterThan(0);
    }
    const before = await databaseSnapshot(t.database);
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }])
      for (const query of queries) {
        const res = await send({ method: 'GET', url: `/api/v1/plans?${query}`, ...auth });
        expect(res.statusCode).toBe(200);
        expect(res.json().items, query).toEqual([]);
      }
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('two partners in one workspace', () => {
  it("lists one partner's plans apart from the other's", async () => {
    const key = world.a.members.viewer.key;
    const of = async (partnerId: string) =>
      (await send({ method: 'GET', url: `/api/v1/plans?partnerId=${partnerId}`, key }))
        .json()
        .items.map((p: { id: string }) => p.id);
    expect(await of(world.a.partners[0])).toEqual([draft]);
    expect(await of(world.a.partners[1])).toEqual([agreed]);
  });
});

describe('roles', () => {
  it('let a viewer read every plan route but change nothing (403)', async () => {
    const viewer = { key: world.a.members.viewer.key };
    for (const [id, version] of [
      [draft, 1],
      [agreed, 3],
    ] as const) {
      const { reads, writes } = everyRoute(id, version, viewer);
      for (const options of reads) expect((await send(options)).statusCode).toBe(200);
      for (const options of writes) await denied(403, options);
    }
    await denied(403, {
      method: 'POST',
      url: '/api/v1/plans',
      ...viewer,
      payload: { partnerId: world.a.partners[0], period: 'FY2028' },
    });
  });

  it('let a member write', async () => {
    const res = await send({
      method: 'PATCH',
      url: `/api/v1/plans/${draft}`,
      key: world.a.members.member.key,
      headers: { 'if-match': '"1"' },
      payload: { summary: 'Secret plan, edited' },
    });
    expect(res.statusCode).toBe(200);
    draftVersion = res.json().version;
  });
});

describe('partner users', () => {
  it("are refused on every internal plan route (403, or 404 for a plan), even their partner's", async () => {
    const cookie = partnerAdmin;
    await denied(403, { method: 'GET', url: '/api/v1/plans', cookie });
    await denied(403, {
      method: 'POST',
      url: '/api/v1/plans',
      cookie,
      payload: { partnerId: world.a.partners[1], period: 'FY2029' },
    });
    // A record route answers as if the plan did not exist, as for every internal record.
    for (const options of every(agreed, 3, { cookie })) await denied(404, options);
    for (const options of every(draft, draftVersion, { cookie })) await denied(404, options);
  });
});
