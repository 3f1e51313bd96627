import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, type TestApp, testClient } from '../../../../test/harness';
import { auditEvents } from '../../db/schema';

let t: TestApp;
let world: World;
let partnerCookie: string;

const { send, denied } = testClient(() => t);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const user = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  partnerCookie = await signIn(t.app, user.email);
});
afterAll(() => t.close());

async function addClause(
  payload: Record<string, unknown>,
  key = world.a.members.manager.key,
): Promise<{ id: string; version: number; title: string }> {
  const res = await send({ method: 'POST', url: '/api/v1/clauses', key, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('clauses', () => {
  it('a manager adds, changes, archives and restores a clause, each with an audit event', async () => {
    const key = world.a.members.manager.key;
    const clause = await addClause({
      title: 'Confidentiality',
      text: '{{partner.name}} keeps {{workspace.name}}’s secrets.',
      category: 'Confidentiality',
      fallbackPositions: ['Three years.', 'Five years for {{partner.name}}.'],
    });
    expect(clause).toMatchObject({
      version: 1,
      variables: ['partner.name', 'workspace.name'],
      fallbackPositions: ['Three years.', 'Five years for {{partner.name}}.'],
      archivedAt: null,
    });
    const url = `/api/v1/clauses/${clause.id}`;
    await denied(428, { method: 'PATCH', url, key, payload: { category: 'Secrecy' } });
    await denied(412, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"7"' },
      payload: { category: 'Secrecy' },
    });
    const changed = await send({
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { fallbackPositions: ['Five years for {{partner.name}}.', 'Three years.'] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json().fallbackPositions).toEqual([
      'Five years for {{partner.name}}.',
      'Three years.',
    ]);
    await send({ method: 'POST', url: `${url}/archive`, key });
    const list = await send({ method: 'GET', url: '/api/v1/clauses', key });
    expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(clause.id);
    const archived = await send({ method: 'GET', url: '/api/v1/clauses?archived=true', key });
    expect(archived.json().items.map((c: { id: string }) => c.id)).toContain(clause.id);
    await send({ method: 'POST', url: `${url}/restore`, key });
    const actions = (
      await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, clause.id))
    ).map((e) => e.action);
    expect(actions).toEqual([
      'clause.created',
      'clause.updated',
      'clause.archived',
      'clause.restored',
    ]);
  });

  it('refuses unknown variables and logic tags, naming the field and the variable', async () => {
    const key = world.a.members.admin.key;
    const unknown = await denied(400, {
      method: 'POST',
      url: '/api/v1/clauses',
      key,
      payload: { title: 'Term', text: 'From {{agreement.start}}.', category: 'Term' },
    });
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({
        field: 'text',
        message: expect.stringContaining('agreement.start'),
      }),
    ]);
    const section = await denied(400, {
      method: 'POST',
      url: '/api/v1/clauses',
      key,
      payload: {
        title: 'Term',
        text: 'Fine',
        category: 'Term',
        fallbackPositions: ['ok', '{{#partner.name}}x{{/partner.name}}'],
      },
    });
    expect(section.json().errors[0]).toMatchObject({ field: 'fallbackPositions.1' });
    await denied(400, {
      method: 'POST',
      url: '/api/v1/clauses',
      key,
      payload: { title: 'Term', text: '{{{partner.name}}}', category: 'Term' },
    });
  });

  it('filters by category, ignoring case', async () => {
    await addClause({ title: 'Payment terms', text: 'Net 30.', category: 'Commercial' });
    const res = await send({
      method: 'GET',
      url: '/api/v1/clauses?category=commercial',
      key: world.a.members.viewer.key,
    });
    expect(res.json().items.map((c: { title: string }) => c.title)).toEqual(['Payment terms']);
  });
});

describe('access', () => {
  it('viewers and members read clauses but write none (403)', async () => {
    const clause = await addClause({ title: 'Read only', text: 'x', category: 'Misc' });
    for (const role of ['member', 'viewer'] as const) {
      const key = world.a.members[role].key;
      const url = `/api/v1/clauses/${clause.id}`;
      expect((await send({ method: 'GET', url, key })).statusCode).toBe(200);
      await denied(403, {
        method: 'POST',
        url: '/api/v1/clauses',
        key,
        payload: { title: 'X', text: 'x', category: 'X' },
      });
      await denied(403, {
        method: 'PATCH',
        url,
        key,
        headers: { 'if-match': '"1"' },
        payload: { title: 'X' },
      });
      await denied(403, { method: 'POST', url: `${url}/archive`, key });
    }
  });

  it("another workspace can neither read nor change A's clauses (404), nor list them", async () => {
    const clause = await addClause({ title: 'Secret clause', text: 'x', category: 'Misc' });
    const key = world.b.members.admin.key;
    const url = `/api/v1/clauses/${clause.id}`;
    await denied(404, { method: 'GET', url, key });
    await denied(404, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { title: 'Taken' },
    });
    await denied(404, { method: 'POST', url: `${url}/archive`, key });
    await denied(404, { method: 'POST', url: `${url}/restore`, key });
    const list = await send({ method: 'GET', url: '/api/v1/clauses?archived=any', key });
    expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(clause.id);
  });

  it('a partner user reads and writes no clause, of their partner or another', async () => {
    const clause = await addClause({ title: 'Hidden', text: 'x', category: 'Misc' });
    await denied(403, { method: 'GET', url: '/api/v1/clauses', cookie: partnerCookie });
    // One record answers as if it did not exist, as every internal record does for partner users.
    await denied(404, {
      method: 'GET',
      url: `/api/v1/clauses/${clause.id}`,
      cookie: partnerCookie,
    });
    await denied(403, {
      method: 'POST',
      url: '/api/v1/clauses',
      cookie: partnerCookie,
      payload: { title: 'X', text: 'x', category: 'X' },
    });
  });
});
