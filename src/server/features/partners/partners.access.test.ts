import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let partnerCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const user = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  partnerCookie = await signIn(t.app, user.email);
});
afterAll(() => t.close());

/** Sends the request and asserts the status and that the database did not change. */
async function denied(
  status: number,
  options: { method: string; url: string; key?: string; cookie?: string; payload?: object },
) {
  const before = await databaseSnapshot(t.database);
  const res = await request(t.app, options as Parameters<typeof request>[1]);
  expect(res.statusCode, `${options.method} ${options.url}`).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(await databaseSnapshot(t.database)).toBe(before);
  return res;
}

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
  it('sees only their own partner in the list and by id', async () => {
    const list = await request(t.app, {
      method: 'GET',
      url: '/api/v1/partners',
      cookie: partnerCookie,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([world.a.partners[0]]);
    const own = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}`,
      cookie: partnerCookie,
    });
    expect(own.statusCode).toBe(200);
    await denied(404, {
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[1]}`,
      cookie: partnerCookie,
    });
    await denied(404, {
      method: 'GET',
      url: `/api/v1/partners/${world.b.partners[0]}`,
      cookie: partnerCookie,
    });
  });

  it('cannot create, change, archive or read history (403)', async () => {
    const id = world.a.partners[0];
    const cookie = partnerCookie;
    await denied(403, { method: 'POST', url: '/api/v1/partners', cookie, payload: { name: 'P' } });
    await denied(403, {
      method: 'PATCH',
      url: `/api/v1/partners/${id}`,
      cookie,
      payload: { name: 'P' },
    });
    await denied(403, { method: 'DELETE', url: `/api/v1/partners/${id}`, cookie });
    await denied(403, { method: 'GET', url: `/api/v1/partners/${id}/history`, cookie });
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
