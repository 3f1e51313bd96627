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
/** A's agreements: a draft at partner 1 with a signer, one in negotiation at partner 2. */
let draft: { id: string; version: number; signerId: string };
let negotiating: { id: string; version: number };
let partnerAdmin: string;
let bCookie: string;

const { send, denied } = testClient(() => t);

/** Every route on one agreement, reads first, with a current ETag so only the scope can refuse. */
function everyRoute(
  agreement: { id: string; version: number; signerId?: string },
  auth: { key?: string; cookie?: string },
) {
  const url = `/api/v1/agreements/${agreement.id}`;
  const headers = { 'if-match': `"${agreement.version}"` };
  const reads: TestRequest[] = [
    { method: 'GET', url, ...auth },
    { method: 'GET', url: `${url}/signers`, ...auth },
    { method: 'GET', url: `${url}/versions`, ...auth },
    { method: 'GET', url: `${url}/versions/1`, ...auth },
    { method: 'GET', url: `${url}/redline?from=1&to=1`, ...auth },
    { method: 'GET', url: `${url}/redline.pdf?from=1&to=1`, ...auth },
  ];
  const writes: TestRequest[] = [
    { method: 'PATCH', url, headers, payload: { title: 'X' }, ...auth },
    { method: 'POST', url: `${url}/transitions`, headers, payload: { to: 'draft' }, ...auth },
    {
      method: 'POST',
      url: `${url}/renewal`,
      headers,
      payload: { decision: 'terminate', reason: 'No longer needed' },
      ...auth,
    },
    {
      method: 'POST',
      url: `${url}/signers`,
      headers,
      payload: { side: 'us', memberId: world.a.members.viewer.memberId, role: 'CFO' },
      ...auth,
    },
    { method: 'POST', url: `${url}/versions`, headers, payload: {}, ...auth },
    { method: 'PATCH', url: `${url}/versions/1`, headers, payload: { body: 'Y' }, ...auth },
    ...(agreement.signerId
      ? [{ method: 'DELETE', url: `${url}/signers/${agreement.signerId}`, headers, ...auth }]
      : []),
    { method: 'DELETE', url, headers, ...auth },
  ];
  return { reads, writes };
}
const every = (
  agreement: Parameters<typeof everyRoute>[0],
  auth: { key?: string; cookie?: string },
) => {
  const { reads, writes } = everyRoute(agreement, auth);
  return [...reads, ...writes];
};

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  const make = async (partnerId: string) =>
    (
      await send({
        method: 'POST',
        url: '/api/v1/agreements',
        key,
        payload: { partnerId, type: 'nda', title: 'Secret NDA', value: 100, currency: 'EUR' },
      })
    ).json().id as string;
  const draftId = await make(world.a.partners[0]);
  const signed = await send({
    method: 'POST',
    url: `/api/v1/agreements/${draftId}/signers`,
    key,
    headers: { 'if-match': '"1"' },
    payload: { side: 'us', memberId: world.a.members.admin.memberId, role: 'CEO' },
  });
  const text = (id: string, version: number) =>
    send({
      method: 'POST',
      url: `/api/v1/agreements/${id}/versions`,
      key,
      headers: { 'if-match': `"${version}"` },
      payload: { body: 'Secret text' },
    });
  await text(draftId, 2);
  draft = { id: draftId, version: 3, signerId: signed.json().signers[0].id };
  const negotiatingId = await make(world.a.partners[1]);
  await send({
    method: 'POST',
    url: `/api/v1/agreements/${negotiatingId}/transitions`,
    key,
    headers: { 'if-match': '"1"' },
    payload: { to: 'in_negotiation' },
  });
  await text(negotiatingId, 2);
  negotiating = { id: negotiatingId, version: 3 };
  const admin = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_admin');
  partnerAdmin = await signIn(t.app, admin.email);
  bCookie = await signIn(t.app, world.b.members.admin.email);
});
afterAll(() => t.close());

describe('another workspace', () => {
  it("can neither read nor change A's agreements (404), with a key or a session", async () => {
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      for (const options of every(draft, auth)) await denied(404, options);
      for (const options of every(negotiating, auth)) await denied(404, options);
    }
  });

  it("cannot start an agreement at A's partner, or under A's agreement (422)", async () => {
    const key = world.b.members.admin.key;
    const atPartner = await denied(422, {
      method: 'POST',
      url: '/api/v1/agreements',
      key,
      payload: { partnerId: world.a.partners[0], type: 'nda', title: 'x' },
    });
    expect(atPartner.json().errors[0]).toMatchObject({ field: 'partnerId' });
    const under = await denied(422, {
      method: 'POST',
      url: '/api/v1/agreements',
      key,
      payload: { partnerId: world.b.partners[0], type: 'sow', title: 'x', parentId: draft.id },
    });
    expect(under.json().errors[0]).toMatchObject({ field: 'parentId' });
  });

  it("finds none of A's agreements by any filter, and exports none", async () => {
    const queries = [
      `partnerId=${world.a.partners[0]}`,
      'status=in_negotiation',
      'type=nda',
      'currency=EUR&valueMin=1',
      'sort=endOn',
    ];
    for (const query of queries) {
      const res = await send({
        method: 'GET',
        url: `/api/v1/agreements?${query}`,
        key: world.a.members.admin.key,
      });
      expect(res.json().items.length, query).toBeGreaterThan(0);
    }
    const before = await databaseSnapshot(t.database);
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }])
      for (const query of queries) {
        const res = await send({ method: 'GET', url: `/api/v1/agreements?${query}`, ...auth });
        expect(res.statusCode).toBe(200);
        expect(res.json().items, query).toEqual([]);
      }
    const exported = await send({
      method: 'GET',
      url: '/api/v1/agreements/export?format=csv',
      key: world.b.members.admin.key,
    });
    expect(exported.body).not.toContain('Secret NDA');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('two partners in one workspace', () => {
  it("lists one partner's agreements apart from the other's, and keeps signers to the partner's contacts", async () => {
    const key = world.a.members.viewer.key;
    const of = async (partnerId: string) =>
      (await send({ method: 'GET', url: `/api/v1/agreements?partnerId=${partnerId}`, key }))
        .json()
        .items.map((a: { id: string }) => a.id);
    expect(await of(world.a.partners[0])).toEqual([draft.id]);
    expect(await of(world.a.partners[1])).toEqual([negotiating.id]);
    const contact = await send({
      method: 'POST',
      url: '/api/v1/contacts',
      key: world.a.members.admin.key,
      payload: { partnerId: world.a.partners[1], firstName: 'Other', lastName: 'Partner' },
    });
    const res = await denied(422, {
      method: 'POST',
      url: `/api/v1/agreements/${draft.id}/signers`,
      key: world.a.members.admin.key,
      headers: { 'if-match': `"${draft.version}"` },
      payload: { side: 'partner', contactId: contact.json().id, role: 'CEO' },
    });
    expect(res.json().errors[0]).toMatchObject({ field: 'contactId', code: 'invalid_reference' });
  });
});

describe('roles', () => {
  it('let a viewer read every agreement route but change nothing (403)', async () => {
    const viewer = { key: world.a.members.viewer.key };
    for (const agreement of [draft, negotiating]) {
      const { reads, writes } = everyRoute(agreement, viewer);
      for (const options of reads) expect((await send(options)).statusCode).toBe(200);
      for (const options of writes) await denied(403, options);
    }
    await denied(403, {
      method: 'POST',
      url: '/api/v1/agreements',
      ...viewer,
      payload: { partnerId: world.a.partners[0], type: 'nda', title: 'x' },
    });
  });
});

describe('partner users', () => {
  it("are refused on every internal agreement route (403, or 404 for an agreement), even their partner's", async () => {
    const cookie = partnerAdmin;
    await denied(403, { method: 'GET', url: '/api/v1/agreements', cookie });
    await denied(403, { method: 'GET', url: '/api/v1/agreements/export?format=csv', cookie });
    await denied(403, {
      method: 'POST',
      url: '/api/v1/agreements',
      cookie,
      payload: { partnerId: world.a.partners[1], type: 'nda', title: 'x' },
    });
    for (const options of every(negotiating, { cookie })) await denied(404, options);
    for (const options of every(draft, { cookie })) await denied(404, options);
  });
});
