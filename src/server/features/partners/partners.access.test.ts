import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  expectDenied,
  request,
  type TestApp,
} from '../../../../test/harness';

let t: TestApp;
let world: World;
let partnerCookie: string;
/** B's admin, signed in: a session in the other workspace. */
let bCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const user = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  partnerCookie = await signIn(t.app, user.email);
  bCookie = await signIn(t.app, world.b.members.admin.email);
});
afterAll(() => t.close());

/** Sends the request and asserts the status and that the database did not change. */
const denied = (
  status: number,
  options: { method: string; url: string; key?: string; cookie?: string; payload?: object },
) => expectDenied(t, status, options as Parameters<typeof request>[1]);

describe('another workspace', () => {
  it("cannot read, change, archive, restore or see the history of A's partners (404)", async () => {
    const key = world.b.members.admin.key;
    const id = world.a.partners[0];
    await denied(404, { method: 'GET', url: `/api/v1/partners/${id}`, key });
    await denied(404, {
      method: 'PATCH',
      url: `/api/v1/partners/${id}`,
      key,
      payload: { name: 'Stolen' },
    });
    const patchWithEtag = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/partners/${id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Stolen' },
    });
    expect(patchWithEtag.statusCode).toBe(404);
    await denied(404, { method: 'DELETE', url: `/api/v1/partners/${id}`, key });
    await denied(404, { method: 'POST', url: `/api/v1/partners/${id}/restore`, key });
    await denied(404, { method: 'GET', url: `/api/v1/partners/${id}/history`, key });
    const archived = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/partners/${world.a.partners[1]}`,
      key: world.a.members.admin.key,
    });
    expect(archived.statusCode).toBe(200);
    await denied(404, {
      method: 'POST',
      url: `/api/v1/partners/${world.a.partners[1]}/restore`,
      key,
    });
    await request(t.app, {
      method: 'POST',
      url: `/api/v1/partners/${world.a.partners[1]}/restore`,
      key: world.a.members.admin.key,
    });
  });

  it("does not list A's partners, even when filtering by A's owner", async () => {
    const key = world.b.members.admin.key;
    const all = (
      await request(t.app, { method: 'GET', url: '/api/v1/partners?archived=true', key })
    ).json();
    expect(all.items.map((p: { id: string }) => p.id).sort()).toEqual([...world.b.partners].sort());
    const byOwner = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners?ownerId=${world.a.members.admin.memberId}`,
      key,
    });
    expect(byOwner.json().items).toEqual([]);
  });

  it("cannot make A's member the owner of B's partner (422)", async () => {
    await denied(422, {
      method: 'POST',
      url: '/api/v1/partners',
      key: world.b.members.admin.key,
      payload: { name: 'B owned by A', ownerId: world.a.members.admin.memberId },
    });
  });
});

describe('another workspace, signed in with a session', () => {
  it("cannot read, change, archive, restore or see the history of A's partners (404)", async () => {
    const cookie = bCookie;
    const id = world.a.partners[0];
    await denied(404, { method: 'GET', url: `/api/v1/partners/${id}`, cookie });
    await denied(404, {
      method: 'PATCH',
      url: `/api/v1/partners/${id}`,
      cookie,
      payload: { name: 'Stolen' },
    });
    const before = await databaseSnapshot(t.database);
    const patchWithEtag = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/partners/${id}`,
      cookie,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Stolen' },
    });
    expect(patchWithEtag.statusCode).toBe(404);
    expect(await databaseSnapshot(t.database)).toBe(before);
    await denied(404, { method: 'DELETE', url: `/api/v1/partners/${id}`, cookie });
    await denied(404, { method: 'POST', url: `/api/v1/partners/${id}/restore`, cookie });
    await denied(404, { method: 'GET', url: `/api/v1/partners/${id}/history`, cookie });
    // The session itself works: B's own partner answers.
    const own = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.b.partners[0]}`,
      cookie,
    });
    expect(own.statusCode).toBe(200);
  });
});

describe('lists across workspaces', () => {
  const ids = (res: { json(): { items: Array<{ id: string }> } }) =>
    res.json().items.map((p) => p.id);

  it("finds none of A's partners by search, owner or tag, with a key or a session", async () => {
    const aKey = world.a.members.admin.key;
    const owner = world.a.members.admin.memberId;
    const aTagged = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key: aKey,
      payload: { name: 'A Secret Alliance', ownerId: owner, tags: ['a-only', 'shared'] },
    });
    expect(aTagged.statusCode).toBe(201);
    const aId: string = aTagged.json().id;
    const bTagged = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key: world.b.members.admin.key,
      payload: { name: 'B Shared Alliance', tags: ['shared'] },
    });
    expect(bTagged.statusCode).toBe(201);
    const bId: string = bTagged.json().id;

    const queries = [
      'q=A%20Secret%20Alliance',
      'q=A%20Partner%20One',
      `ownerId=${owner}`,
      'tag=a-only',
    ];
    // Each query finds A's partner for A, so an empty answer for B is the scope at work.
    const list = (url: string, auth: { key?: string; cookie?: string }) =>
      request(t.app, { method: 'GET', url: `/api/v1/partners?archived=true&${url}`, ...auth });
    for (const query of queries) {
      const forA = await list(query, { key: aKey });
      expect(forA.statusCode).toBe(200);
      expect(ids(forA).length, query).toBeGreaterThan(0);
    }
    const aIds = [...world.a.partners, aId];
    const before = await databaseSnapshot(t.database);
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      for (const query of queries) {
        const res = await list(query, auth);
        expect(res.statusCode, query).toBe(200);
        expect(res.json().items, `${query} ${Object.keys(auth)[0]}`).toEqual([]);
      }
      const shared = await list('tag=shared', auth);
      expect(ids(shared)).toEqual([bId]);
      const all = await list('', auth);
      for (const id of aIds) expect(ids(all)).not.toContain(id);
      expect(ids(all)).toContain(bId);
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
    expect(ids(await list('tag=shared', { key: aKey }))).toEqual([aId]);
  });
});

describe('roles', () => {
  it('refuses a viewer every change (403)', async () => {
    const key = world.a.members.viewer.key;
    const id = world.a.partners[0];
    await denied(403, { method: 'POST', url: '/api/v1/partners', key, payload: { name: 'V' } });
    await denied(403, {
      method: 'PATCH',
      url: `/api/v1/partners/${id}`,
      key,
      payload: { name: 'V' },
    });
    await denied(403, { method: 'DELETE', url: `/api/v1/partners/${id}`, key });
    await denied(403, { method: 'POST', url: `/api/v1/partners/${id}/restore`, key });
    const read = await request(t.app, { method: 'GET', url: `/api/v1/partners/${id}`, key });
    expect(read.statusCode).toBe(200);
  });

  it('refuses a caller without credentials (401)', async () => {
    await denied(401, { method: 'GET', url: '/api/v1/partners' });
    await denied(401, { method: 'POST', url: '/api/v1/partners', payload: { name: 'Anon' } });
  });
});

describe('a partner user', () => {
  it('reads no partner on the internal API, not even their own (403 list, 404 record)', async () => {
    const cookie = partnerCookie;
    await denied(403, { method: 'GET', url: '/api/v1/partners', cookie });
    await denied(403, { method: 'GET', url: '/api/v1/partners?q=A%20Partner', cookie });
    for (const id of [world.a.partners[0], world.a.partners[1], world.b.partners[0]]) {
      await denied(404, { method: 'GET', url: `/api/v1/partners/${id}`, cookie });
      await denied(404, { method: 'GET', url: `/api/v1/partners/${id}/history`, cookie });
    }
  });

  it('cannot create, change, archive or restore (403 create, 404 record)', async () => {
    const id = world.a.partners[0];
    const cookie = partnerCookie;
    await denied(403, { method: 'POST', url: '/api/v1/partners', cookie, payload: { name: 'P' } });
    await denied(404, {
      method: 'PATCH',
      url: `/api/v1/partners/${id}`,
      cookie,
      payload: { name: 'P' },
    });
    await denied(404, { method: 'DELETE', url: `/api/v1/partners/${id}`, cookie });
    await denied(404, { method: 'POST', url: `/api/v1/partners/${id}/restore`, cookie });
  });
});

describe('the OpenAPI document', () => {
  it('describes the partner routes with named schemas', async () => {
    const doc = (await request(t.app, { method: 'GET', url: '/api/openapi.json' })).json();
    for (const name of [
      'Partner',
      'PartnerCreate',
      'PartnerUpdate',
      'PartnerPage',
      'PartnerHistoryPage',
    ])
      expect(doc.components.schemas[name], name).toBeDefined();
    const listParams = doc.paths['/api/v1/partners'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(listParams).toEqual(
      expect.arrayContaining([
        'q',
        'type',
        'tier',
        'stage',
        'ownerId',
        'tag',
        'country',
        'archived',
        'sort',
        'limit',
        'cursor',
      ]),
    );
    expect(doc.paths['/api/v1/partners/{id}'].patch.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/partners/{id}/restore'].post).toBeDefined();
  });
});
