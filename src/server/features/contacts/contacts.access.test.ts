import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  request,
  type TestApp,
  testClient,
} from '../../../../test/harness';

let t: TestApp;
let world: World;
/** A's contacts: one at partner 1, one at partner 2, and one to search for at partner 2. */
let atOne: string;
let atTwo: string;
let secret: string;
let partnerAdmin: string;
let partnerMember: string;
/** B's admin, signed in: a session in the other workspace. */
let bCookie: string;

const { send, denied } = testClient(() => t);

/** Asserts the refusal, its problem+json answer and an unchanged database. */

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
  secret = (
    await send({
      method: 'POST',
      url: '/api/v1/contacts',
      key,
      payload: {
        partnerId: world.a.partners[1],
        firstName: 'Quentin',
        lastName: 'Secretsson',
        email: 'quentin@a-partner.test',
        role: 'legal',
      },
    })
  ).json().id;
  const admin = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  const member = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_member');
  partnerAdmin = await signIn(t.app, admin.email);
  partnerMember = await signIn(t.app, member.email);
  bCookie = await signIn(t.app, world.b.members.admin.email);
});

const ids = (res: { json(): { items: Array<{ id: string }> } }) =>
  res.json().items.map((c) => c.id);
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
  it('read no contact on the internal API, not even at their own partner (403 list, 404 record)', async () => {
    for (const cookie of [partnerAdmin, partnerMember]) {
      await denied(403, { method: 'GET', url: '/api/v1/contacts', cookie });
      await denied(403, {
        method: 'GET',
        url: `/api/v1/contacts?partnerId=${world.a.partners[0]}`,
        cookie,
      });
      await denied(404, { method: 'GET', url: `/api/v1/contacts/${atOne}`, cookie });
      await denied(404, { method: 'GET', url: `/api/v1/contacts/${atTwo}`, cookie });
    }
  });

  it('change no contact, not even at their own partner, changing nothing', async () => {
    for (const cookie of [partnerAdmin, partnerMember]) {
      await denied(403, {
        method: 'POST',
        url: '/api/v1/contacts',
        cookie,
        payload: { partnerId: world.a.partners[0], firstName: 'P', lastName: 'Own' },
      });
      await denied(404, { method: 'PATCH', url: `/api/v1/contacts/${atOne}`, cookie, payload: {} });
      await denied(404, { method: 'DELETE', url: `/api/v1/contacts/${atOne}`, cookie });
    }
  });
});

describe('another workspace, signed in with a session', () => {
  it("cannot read, change or delete A's contacts (404) nor add one at A's partner (422)", async () => {
    const cookie = bCookie;
    const url = `/api/v1/contacts/${atOne}`;
    await denied(404, { method: 'GET', url, cookie });
    await denied(404, { method: 'PATCH', url, cookie, payload: { title: 'X' } });
    const before = await databaseSnapshot(t.database);
    const withEtag = await request(t.app, {
      method: 'PATCH',
      url,
      cookie,
      headers: { 'if-match': '"1"' },
      payload: { title: 'X' },
    });
    expect(withEtag.statusCode).toBe(404);
    expect(await databaseSnapshot(t.database)).toBe(before);
    await denied(404, { method: 'DELETE', url, cookie });
    const created = await denied(422, {
      method: 'POST',
      url: '/api/v1/contacts',
      cookie,
      payload: { partnerId: world.a.partners[0], firstName: 'B', lastName: 'B' },
    });
    expect(created.json()).toMatchObject({
      code: 'invalid_reference',
      errors: [{ field: 'partnerId', code: 'invalid_reference' }],
    });
    // The session itself works: a contact at B's own partner can be made.
    const own = await send({
      method: 'POST',
      url: '/api/v1/contacts',
      cookie,
      payload: { partnerId: world.b.partners[0], firstName: 'B', lastName: 'Session' },
    });
    expect(own.statusCode).toBe(201);
  });
});

describe('lists across workspaces', () => {
  it("finds none of A's contacts by search, partner or role, with a key or a session", async () => {
    const aKey = world.a.members.admin.key;
    const mine = await send({
      method: 'POST',
      url: '/api/v1/contacts',
      key: world.b.members.admin.key,
      payload: {
        partnerId: world.b.partners[1],
        firstName: 'Quentin',
        lastName: 'Bee',
        role: 'legal',
      },
    });
    expect(mine.statusCode).toBe(201);
    const aIds = [atOne, atTwo, secret];
    const list = (query: string, auth: { key?: string; cookie?: string }) =>
      send({ method: 'GET', url: `/api/v1/contacts?${query}`, ...auth });

    const queries = [
      'q=secretsson',
      'q=quentin%40a-partner',
      `partnerId=${world.a.partners[1]}`,
      `partnerId=${world.a.partners[0]}`,
    ];
    for (const query of queries) {
      // Each finds an A contact for A, so an empty answer for B is the scope at work.
      expect(ids(await list(query, { key: aKey })).length, query).toBeGreaterThan(0);
    }
    const before = await databaseSnapshot(t.database);
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      for (const query of queries) {
        const res = await list(query, auth);
        expect(res.statusCode, query).toBe(200);
        expect(res.json().items, `${query} ${Object.keys(auth)[0]}`).toEqual([]);
      }
      expect(ids(await list('q=quentin', auth))).toEqual([mine.json().id]);
      expect(ids(await list('role=legal', auth))).toEqual([mine.json().id]);
      const all = ids(await list('limit=100', auth));
      expect(all).toContain(mine.json().id);
      for (const id of aIds) expect(all).not.toContain(id);
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});
