import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../src/web/api/schema';
import { seedWorld, type World } from './factories';
import { createTestApp, databaseSnapshot, PUBLIC_URL, request, type TestApp } from './harness';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

/** A typed client as an integration would generate it, sending through the test app. */
function clientFor(key: string) {
  return createClient<paths>({
    baseUrl: PUBLIC_URL,
    headers: { authorization: `Bearer ${key}` },
    fetch: async (input: Request) => {
      const url = new URL(input.url);
      const body = input.method === 'GET' ? undefined : await input.text();
      const res = await t.app.inject({
        method: input.method as 'GET',
        url: `${url.pathname}${url.search}`,
        headers: Object.fromEntries(input.headers.entries()),
        ...(body ? { payload: body } : {}),
      });
      const empty = res.statusCode === 204 || res.body === '';
      return new Response(empty ? null : res.body, {
        status: res.statusCode,
        headers: res.headers as Record<string, string>,
      });
    },
  });
}

describe('a client generated from /api/openapi.json', () => {
  it('is what openapi-typescript makes of the served document', async () => {
    const served = await request(t.app, { method: 'GET', url: '/api/openapi.json' });
    const generated = astToString(
      await openapiTS(served.json(), { alphabetize: true, defaultNonNullable: false }),
    );
    const committed = readFileSync(join(import.meta.dirname, '../src/web/api/schema.d.ts'), 'utf8');
    // The committed types are these, under a generated-file header.
    expect(committed.endsWith(generated)).toBe(true);
  });

  it('calls the operations with the types it produces', async () => {
    const api = clientFor(world.a.members.admin.key);

    const health = await api.GET('/api/health');
    expect(health.data?.status).toBe('ok');

    const created = await api.POST('/api/v1/partners', {
      body: { name: 'Typed Partner', domains: ['typed.example'], stage: 'active' },
    });
    expect(created.response.status).toBe(201);
    const partner = created.data;
    if (!partner) throw new Error('no partner');
    const etag = created.response.headers.get('etag') ?? '';

    const list = await api.GET('/api/v1/partners', {
      params: { query: { stage: ['active'], sort: 'name', limit: 10 } },
    });
    expect(list.data?.items.map((p) => p.id)).toContain(partner.id);

    const one = await api.GET('/api/v1/partners/{id}', { params: { path: { id: partner.id } } });
    expect(one.data?.name).toBe('Typed Partner');

    const changed = await api.PATCH('/api/v1/partners/{id}', {
      params: { path: { id: partner.id }, header: { 'if-match': etag } },
      body: { tier: null, country: 'DE' },
    });
    expect(changed.data?.country).toBe('DE');

    const contact = await api.POST('/api/v1/contacts', {
      body: {
        partnerId: partner.id,
        firstName: 'Ada',
        lastName: 'Typed',
        email: 'ada@typed.example',
      },
    });
    expect(contact.response.status).toBe(201);
    const contactId = contact.data?.id ?? '';
    const contacts = await api.GET('/api/v1/contacts', {
      params: { query: { partnerId: [partner.id] } },
    });
    expect(contacts.data?.items.map((c) => c.id)).toEqual([contactId]);
    const removed = await api.DELETE('/api/v1/contacts/{id}', {
      params: { path: { id: contactId } },
    });
    expect(removed.response.status).toBe(204);

    const history = await api.GET('/api/v1/partners/{id}/history', {
      params: { path: { id: partner.id }, query: { limit: 5 } },
    });
    expect(history.data?.items.length).toBeGreaterThan(0);

    const archived = await api.DELETE('/api/v1/partners/{id}', {
      params: { path: { id: partner.id } },
    });
    expect(archived.data?.archivedAt).toBeTruthy();
    const restored = await api.POST('/api/v1/partners/{id}/restore', {
      params: { path: { id: partner.id } },
    });
    expect(restored.data?.archivedAt).toBeNull();

    const workspace = await api.GET('/api/v1/workspace');
    expect(workspace.data?.name).toBe(world.a.name);
    for (const listed of await Promise.all([
      api.GET('/api/v1/members'),
      api.GET('/api/v1/api-keys'),
      api.GET('/api/v1/invitations'),
      api.GET('/api/v1/partner-users'),
    ]))
      expect(listed.response.status).toBe(200);

    const setup = await api.GET('/api/v1/setup');
    expect(setup.response.status).toBe(200);
  });

  it("reads a problem, typed, for another workspace's partner, changing nothing", async () => {
    const api = clientFor(world.a.members.admin.key);
    const before = await databaseSnapshot(t.database);
    const res = await api.PATCH('/api/v1/partners/{id}', {
      params: { path: { id: world.b.partners[0] }, header: { 'if-match': '"1"' } },
      body: { name: 'Taken over' },
    });
    expect(res.response.status).toBe(404);
    expect(res.error?.code).toBe('not_found');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});
