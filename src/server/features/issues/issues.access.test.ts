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
/** A's issues: one at partner 1, one at partner 2 (shared with the partner, overdue). */
let atOne: string;
let atTwo: string;
let partnerAdmin: string;
let bCookie: string;

const { send, denied } = testClient(() => t);

/** Asserts the refusal, its problem+json answer and an unchanged database. */

/** Every way to touch one issue, with a current ETag so only the scope can refuse. */
function everyChange(id: string, auth: { key?: string; cookie?: string }): TestRequest[] {
  const url = `/api/v1/issues/${id}`;
  const headers = { 'if-match': '"1"' };
  return [
    { method: 'GET', url, ...auth },
    { method: 'PATCH', url, headers, payload: { title: 'X' }, ...auth },
    {
      method: 'POST',
      url: `${url}/transitions`,
      headers,
      payload: { to: 'investigating' },
      ...auth,
    },
    { method: 'DELETE', url, ...auth },
  ];
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  const make = async (partnerId: string, title: string, extra: object = {}) =>
    (
      await send({
        method: 'POST',
        url: '/api/v1/issues',
        key,
        payload: { partnerId, title, ...extra },
      })
    ).json().id as string;
  atOne = await make(world.a.partners[0], 'Secret conflict', {
    kind: 'legal',
    ownerId: world.a.members.admin.memberId,
  });
  atTwo = await make(world.a.partners[1], 'Shared delay', {
    visibility: 'partner',
    dueOn: '2020-01-01',
  });
  const admin = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_admin');
  partnerAdmin = await signIn(t.app, admin.email);
  bCookie = await signIn(t.app, world.b.members.admin.email);
});
afterAll(() => t.close());

describe('another workspace', () => {
  it("can neither read, change, move nor delete A's issues (404), with a key or a session", async () => {
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      for (const id of [atOne, atTwo])
        for (const options of everyChange(id, auth)) await denied(404, options);
    }
  });

  it("cannot raise an issue at A's partner nor move its own there (422 partnerId)", async () => {
    const key = world.b.members.admin.key;
    const res = await denied(422, {
      method: 'POST',
      url: '/api/v1/issues',
      key,
      payload: { partnerId: world.a.partners[0], title: 'B' },
    });
    expect(res.json().errors[0]).toMatchObject({ field: 'partnerId', code: 'invalid_reference' });
    const own = await send({
      method: 'POST',
      url: '/api/v1/issues',
      key,
      payload: { partnerId: world.b.partners[0], title: 'B own' },
    });
    expect(own.statusCode).toBe(201);
    const moved = await denied(422, {
      method: 'PATCH',
      url: `/api/v1/issues/${own.json().id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { partnerId: world.a.partners[1] },
    });
    expect(moved.json().errors[0].field).toBe('partnerId');
    const owner = await denied(422, {
      method: 'PATCH',
      url: `/api/v1/issues/${own.json().id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { ownerId: world.a.members.member.memberId },
    });
    expect(owner.json().errors[0].field).toBe('ownerId');
  });

  it("finds none of A's issues by search, partner, owner, kind or overdue", async () => {
    const queries = [
      'q=secret',
      `partnerId=${world.a.partners[0]}`,
      `partnerId=${world.a.partners[1]}`,
      `ownerId=${world.a.members.admin.memberId}`,
      'kind=legal',
      'overdue=true',
      'sort=-severity',
    ];
    for (const query of queries) {
      const res = await send({
        method: 'GET',
        url: `/api/v1/issues?${query}`,
        key: world.a.members.admin.key,
      });
      expect(res.json().items.length, query).toBeGreaterThan(0);
    }
    const before = await databaseSnapshot(t.database);
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      for (const query of queries) {
        const res = await send({ method: 'GET', url: `/api/v1/issues?${query}`, ...auth });
        expect(res.statusCode).toBe(200);
        const ids = res.json().items.map((i: { id: string }) => i.id);
        expect(ids, query).not.toContain(atOne);
        expect(ids, query).not.toContain(atTwo);
      }
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('links from tasks', () => {
  it("let a task point at an issue of its workspace and partner, never at A's from B (422)", async () => {
    const own = await send({
      method: 'POST',
      url: '/api/v1/tasks',
      key: world.a.members.admin.key,
      payload: {
        title: 'Call the reseller',
        partnerId: world.a.partners[0],
        subjectType: 'issue',
        subjectId: atOne,
      },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().link).toMatchObject({ subjectType: 'issue', label: 'Secret conflict' });
    const wrongPartner = await denied(422, {
      method: 'POST',
      url: '/api/v1/tasks',
      key: world.a.members.admin.key,
      payload: {
        title: 'Mismatch',
        partnerId: world.a.partners[0],
        subjectType: 'issue',
        subjectId: atTwo,
      },
    });
    expect(wrongPartner.json().code).toBe('link_partner_mismatch');
    const foreign = await denied(422, {
      method: 'POST',
      url: '/api/v1/tasks',
      key: world.b.members.admin.key,
      payload: { title: 'Peek', subjectType: 'issue', subjectId: atOne },
    });
    expect(foreign.json().errors[0].field).toBe('subjectId');
  });
});

describe('two partners in one workspace', () => {
  it("lists one partner's issues apart from the other's", async () => {
    const key = world.a.members.viewer.key;
    const of = async (partnerId: string) =>
      (await send({ method: 'GET', url: `/api/v1/issues?partnerId=${partnerId}`, key }))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await of(world.a.partners[0])).toEqual([atOne]);
    expect(await of(world.a.partners[1])).toEqual([atTwo]);
  });
});

describe('roles', () => {
  it('let a viewer read but change nothing (403), and a member not delete', async () => {
    const viewer = { key: world.a.members.viewer.key };
    const [read, ...changes] = everyChange(atOne, viewer);
    expect((await send(read as TestRequest)).statusCode).toBe(200);
    for (const options of changes) await denied(403, options);
    await denied(403, {
      method: 'POST',
      url: '/api/v1/issues',
      ...viewer,
      payload: { partnerId: world.a.partners[0], title: 'V' },
    });
    await denied(403, {
      method: 'DELETE',
      url: `/api/v1/issues/${atOne}`,
      key: world.a.members.member.key,
    });
  });
});

describe('partner users', () => {
  it('see no issue on the internal API, not even one shared with their partner', async () => {
    const cookie = partnerAdmin;
    await denied(403, { method: 'GET', url: '/api/v1/issues', cookie });
    await denied(403, {
      method: 'POST',
      url: '/api/v1/issues',
      cookie,
      payload: { partnerId: world.a.partners[1], title: 'P' },
    });
    for (const id of [atOne, atTwo])
      for (const options of everyChange(id, { cookie })) await denied(404, options);
  });
});

describe('a member who leaves', () => {
  it('leaves their issues unowned, each change an audit event', async () => {
    const key = world.a.members.admin.key;
    const owned = await send({
      method: 'POST',
      url: '/api/v1/issues',
      key,
      payload: {
        partnerId: world.a.partners[0],
        title: 'Owned by the leaver',
        ownerId: world.a.members.manager.memberId,
      },
    });
    const removed = await send({
      method: 'DELETE',
      url: `/api/v1/members/${world.a.members.manager.memberId}`,
      key,
    });
    expect(removed.statusCode).toBe(204);
    const issue = await send({ method: 'GET', url: `/api/v1/issues/${owned.json().id}`, key });
    expect(issue.json()).toMatchObject({ ownerId: null, ownerName: null, version: 2 });
  });
});
