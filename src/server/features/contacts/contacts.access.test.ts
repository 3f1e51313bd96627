import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
/** A's contacts: one at partner 1, one at partner 2. */
let atOne: string;
let atTwo: string;
let partnerAdmin: string;
let partnerMember: string;

type Options = { method: string; url: string; key?: string; cookie?: string; payload?: object };
const send = (options: Options) => request(t.app, options as Parameters<typeof request>[1]);

/** Sends the request and asserts the status and that the database did not change. */
async function denied(status: number, options: Options) {
  const before = await databaseSnapshot(t.database);
  const res = await send(options);
  expect(res.statusCode, `${options.method} ${options.url}`).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(await databaseSnapshot(t.database)).toBe(before);
  return res;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  const make = async (partnerId: string, lastName: string) =>
    (
      await send({
        method: 'POST',
        url: '/api/v1/contacts',
        key,
        payload: { partnerId, firstName: 'C', lastName },
      })
    ).json().id as string;
  atOne = await make(world.a.partners[0], 'One');
  atTwo = await make(world.a.partners[1], 'Two');
  const admin = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  const member = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_member');
  partnerAdmin = await signIn(t.app, admin.email);
  partnerMember = await signIn(t.app, member.email);
});
afterAll(() => t.close());

describe('another workspace', () => {
  it("cannot read, change or delete A's contacts (404) nor list them", async () => {
    const key = world.b.members.admin.key;
    const url = `/api/v1/contacts/${atOne}`;
    await denied(404, { method: 'GET', url, key });
    await denied(404, { method: 'PATCH', url, key, payload: { title: 'X' } });
    const withEtag = await request(t.app, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { title: 'X' },
    });
    expect(withEtag.statusCode).toBe(404);
    await denied(404, { method: 'DELETE', url, key });
    const list = await send({
      method: 'GET',
      url: `/api/v1/contacts?partnerId=${world.a.partners[0]}`,
      key,
    });
    expect(list.json().items).toEqual([]);
    await denied(422, {
      method: 'POST',
      url: '/api/v1/contacts',
      key,
      payload: { partnerId: world.a.partners[0], firstName: 'B', lastName: 'B' },
    });
  });

  it("cannot move its own contact to A's partner (422)", async () => {
    const key = world.b.members.admin.key;
    const own = await send({
      method: 'POST',
      url: '/api/v1/contacts',
      key,
      payload: { partnerId: world.b.partners[0], firstName: 'B', lastName: 'B' },
    });
    const before = await databaseSnapshot(t.database);
    const res = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/contacts/${own.json().id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { partnerId: world.a.partners[0] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('partnerId');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('roles', () => {
  it('refuses a viewer every change (403) but lets them read', async () => {
    const key = world.a.members.viewer.key;
    const url = `/api/v1/contacts/${atOne}`;
    await denied(403, {
      method: 'POST',
      url: '/api/v1/contacts',
      key,
      payload: { partnerId: world.a.partners[0], firstName: 'V', lastName: 'V' },
    });
    await denied(403, { method: 'PATCH', url, key, payload: { title: 'V' } });
    await denied(403, { method: 'DELETE', url, key });
    expect((await send({ method: 'GET', url, key })).statusCode).toBe(200);
  });
});

describe('partner users', () => {
  it("see only their partner's contacts", async () => {
    for (const cookie of [partnerAdmin, partnerMember]) {
      const list = await send({ method: 'GET', url: '/api/v1/contacts', cookie });
      expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([atOne]);
      const filtered = await send({
        method: 'GET',
        url: `/api/v1/contacts?partnerId=${world.a.partners[1]}`,
        cookie,
      });
      expect(filtered.json().items).toEqual([]);
      expect(
        (await send({ method: 'GET', url: `/api/v1/contacts/${atOne}`, cookie })).statusCode,
      ).toBe(200);
      await denied(404, { method: 'GET', url: `/api/v1/contacts/${atTwo}`, cookie });
    }
  });

  it('partner_admin manages contacts of their own partner only', async () => {
    const cookie = partnerAdmin;
    const created = await send({
      method: 'POST',
      url: '/api/v1/contacts',
      cookie,
      payload: { partnerId: world.a.partners[0], firstName: 'P', lastName: 'Own' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await denied(422, {
      method: 'POST',
      url: '/api/v1/contacts',
      cookie,
      payload: { partnerId: world.a.partners[1], firstName: 'P', lastName: 'Other' },
    });
    const move = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/contacts/${id}`,
      cookie,
      headers: { 'if-match': '"1"' },
      payload: { partnerId: world.a.partners[1] },
    });
    expect(move.statusCode).toBe(422);
    await denied(404, { method: 'PATCH', url: `/api/v1/contacts/${atTwo}`, cookie, payload: {} });
    await denied(404, { method: 'DELETE', url: `/api/v1/contacts/${atTwo}`, cookie });
    const del = await send({ method: 'DELETE', url: `/api/v1/contacts/${id}`, cookie });
    expect(del.statusCode).toBe(204);
  });

  it('partner_member may read but not change (403)', async () => {
    const cookie = partnerMember;
    await denied(403, {
      method: 'POST',
      url: '/api/v1/contacts',
      cookie,
      payload: { partnerId: world.a.partners[0], firstName: 'M', lastName: 'M' },
    });
    await denied(403, { method: 'DELETE', url: `/api/v1/contacts/${atOne}`, cookie });
  });
});
