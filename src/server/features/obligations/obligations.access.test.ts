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
/** A's agreement at partner 1 with one obligation. */
let agreementId: string;
let obligationId: string;
let partnerAdmin: string;
let bCookie: string;

const { send, denied } = testClient(() => t);

/** Every obligation route, reads first, with a current ETag so only the scope can refuse. */
function everyRoute(auth: { key?: string; cookie?: string }) {
  const list = `/api/v1/agreements/${agreementId}/obligations`;
  const url = `${list}/${obligationId}`;
  const headers = { 'if-match': '"1"' };
  const reads: TestRequest[] = [
    { method: 'GET', url: list, ...auth },
    { method: 'GET', url, ...auth },
  ];
  const writes: TestRequest[] = [
    {
      method: 'POST',
      url: list,
      payload: { description: 'x', party: 'us', dueOn: '2027-01-01' },
      ...auth,
    },
    { method: 'PATCH', url, headers, payload: { description: 'X' }, ...auth },
    { method: 'PATCH', url, headers, payload: { status: 'done' }, ...auth },
    { method: 'POST', url: `${url}/tasks`, payload: { occursOn: '2027-04-01' }, ...auth },
    { method: 'DELETE', url, headers, ...auth },
  ];
  return { reads, writes };
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  const agreement = await send({
    method: 'POST',
    url: '/api/v1/agreements',
    key,
    payload: { partnerId: world.a.partners[1], type: 'nda', title: 'Secret NDA' },
  });
  agreementId = agreement.json().id;
  const obligation = await send({
    method: 'POST',
    url: `/api/v1/agreements/${agreementId}/obligations`,
    key,
    payload: {
      description: 'Secret quarterly review',
      party: 'both',
      rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1',
      startsOn: '2027-01-01',
    },
  });
  expect(obligation.statusCode).toBe(201);
  obligationId = obligation.json().id;
  const admin = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_admin');
  partnerAdmin = await signIn(t.app, admin.email);
  bCookie = await signIn(t.app, world.b.members.admin.email);
});
afterAll(() => t.close());

describe('another workspace', () => {
  it("can neither read nor change A's obligations (404), with a key or a session", async () => {
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      const { reads, writes } = everyRoute(auth);
      for (const options of [...reads, ...writes]) {
        const res = await denied(404, options);
        expect(res.body).not.toContain('Secret');
      }
    }
  });

  it("cannot be named owner of A's obligation (422 naming ownerId)", async () => {
    const res = await denied(422, {
      method: 'POST',
      url: `/api/v1/agreements/${agreementId}/obligations`,
      key: world.a.members.admin.key,
      payload: {
        description: 'x',
        party: 'us',
        dueOn: '2027-01-01',
        ownerId: world.b.members.admin.memberId,
      },
    });
    expect(res.json().errors[0]).toMatchObject({ field: 'ownerId', code: 'invalid_reference' });
  });
});

describe('another agreement in the workspace', () => {
  it("does not reach this agreement's obligation through its own URL (404)", async () => {
    const other = await send({
      method: 'POST',
      url: '/api/v1/agreements',
      key: world.a.members.admin.key,
      payload: { partnerId: world.a.partners[0], type: 'nda', title: 'Other NDA' },
    });
    const url = `/api/v1/agreements/${other.json().id}/obligations/${obligationId}`;
    await denied(404, { method: 'GET', url, key: world.a.members.admin.key });
    await denied(404, {
      method: 'PATCH',
      url,
      key: world.a.members.admin.key,
      headers: { 'if-match': '"1"' },
      payload: { description: 'X' },
    });
    await denied(404, {
      method: 'POST',
      url: `${url}/tasks`,
      key: world.a.members.admin.key,
      payload: { occursOn: '2027-04-01' },
    });
    const list = await send({
      method: 'GET',
      url: `/api/v1/agreements/${other.json().id}/obligations`,
      key: world.a.members.admin.key,
    });
    expect(list.json().items).toEqual([]);
  });
});

describe('roles', () => {
  it('let a viewer read every obligation route but change nothing (403)', async () => {
    const { reads, writes } = everyRoute({ key: world.a.members.viewer.key });
    for (const options of reads) expect((await send(options)).statusCode).toBe(200);
    for (const options of writes) await denied(403, options);
  });
});

describe('partner users', () => {
  it("are refused on every obligation route, even their own partner's agreement (404)", async () => {
    const { reads, writes } = everyRoute({ cookie: partnerAdmin });
    for (const options of [...reads, ...writes]) {
      const res = await denied(404, options);
      expect(res.body).not.toContain('Secret');
    }
  });
});
