import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, type TestApp, testClient } from '../../../../test/harness';
import { auditEvents, partners } from '../../db/schema';

let t: TestApp;
let world: World;
let partnerCookie: string;

const { send, denied } = testClient(() => t);

let parties: string;
let term: string;
let law: string;
let foreign: string;

async function post(url: string, payload: object, key = world.a.members.manager.key) {
  const res = await send({ method: 'POST', url, key, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const user = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  partnerCookie = await signIn(t.app, user.email);
  await t.database.db
    .update(partners)
    .set({ name: 'AT&T *Labs*', country: 'DE' })
    .where(eq(partners.id, world.a.partners[0]));
  parties = (
    await post('/api/v1/clauses', {
      title: 'Parties',
      text: 'Between {{workspace.name}} and {{partner.name}} of {{partner.country}}.',
      category: 'General',
    })
  ).id;
  term = (
    await post('/api/v1/clauses', {
      title: 'Term',
      text: 'From {{agreement.effective_date}} to {{agreement.end_date}}; notice by {{agreement.notice_deadline}}.',
      category: 'Term',
    })
  ).id;
  law = (
    await post('/api/v1/clauses', {
      title: 'Governing law',
      text: 'The law of {{agreement.governing_law}} governs this {{agreement.type}}.',
      category: 'Legal',
    })
  ).id;
  foreign = (
    await post(
      '/api/v1/clauses',
      { title: 'B only', text: 'x', category: 'B' },
      world.b.members.admin.key,
    )
  ).id;
});
afterAll(() => t.close());

describe('agreement templates', () => {
  it('a manager makes a template, reorders its clauses, archives and restores it', async () => {
    const key = world.a.members.manager.key;
    const template = await post('/api/v1/agreement-templates', {
      name: 'Reseller standard',
      agreementType: 'reseller',
      clauseIds: [parties, term],
    });
    const url = `/api/v1/agreement-templates/${template.id}`;
    await denied(428, { method: 'PATCH', url, key, payload: { clauseIds: [term, parties] } });
    const reordered = await send({
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { clauseIds: [law, term, parties] },
    });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(reordered.headers.etag).toBe('"2"');
    expect(reordered.json().clauses.map((c: { title: string }) => c.title)).toEqual([
      'Governing law',
      'Term',
      'Parties',
    ]);
    await denied(412, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Stale' },
    });
    await send({ method: 'POST', url: `${url}/archive`, key });
    const listed = await send({ method: 'GET', url: '/api/v1/agreement-templates', key });
    expect(listed.json().items.map((x: { id: string }) => x.id)).not.toContain(template.id);
    await send({ method: 'POST', url: `${url}/restore`, key });
    const byType = await send({
      method: 'GET',
      url: '/api/v1/agreement-templates?agreementType=reseller',
      key,
    });
    expect(byType.json().items.map((x: { id: string }) => x.id)).toEqual([template.id]);
    const actions = (
      await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, template.id))
    ).map((e) => e.action);
    expect(actions).toEqual([
      'agreement_template.created',
      'agreement_template.updated',
      'agreement_template.archived',
      'agreement_template.restored',
    ]);
  });

  it('refuses a repeated clause, another workspace’s clause and an archived one, naming clauseIds.N', async () => {
    const key = world.a.members.admin.key;
    const url = '/api/v1/agreement-templates';
    const repeated = await denied(422, {
      method: 'POST',
      url,
      key,
      payload: { name: 'X', agreementType: 'nda', clauseIds: [parties, term, parties] },
    });
    expect(repeated.json()).toMatchObject({
      code: 'clause_repeated',
      errors: [{ field: 'clauseIds.2' }],
    });
    const other = await denied(422, {
      method: 'POST',
      url,
      key,
      payload: { name: 'X', agreementType: 'nda', clauseIds: [parties, foreign] },
    });
    expect(other.json()).toMatchObject({
      code: 'invalid_reference',
      errors: [{ field: 'clauseIds.1' }],
    });
    const old = await post('/api/v1/clauses', { title: 'Old', text: 'x', category: 'Old' });
    const holder = await post(url, { name: 'Holder', agreementType: 'nda', clauseIds: [old.id] });
    await send({ method: 'POST', url: `/api/v1/clauses/${old.id}/archive`, key });
    const archived = await denied(409, {
      method: 'POST',
      url,
      key,
      payload: { name: 'X', agreementType: 'nda', clauseIds: [old.id] },
    });
    expect(archived.json()).toMatchObject({
      code: 'clause_archived',
      errors: [{ field: 'clauseIds.0' }],
    });
    // A template that already holds it keeps it through a reorder.
    const kept = await send({
      method: 'PATCH',
      url: `${url}/${holder.id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { clauseIds: [parties, old.id] },
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().clauses[1]).toMatchObject({ id: old.id, archived: true });
  });
});

describe('preview', () => {
  let template: string;
  beforeAll(async () => {
    template = (
      await post('/api/v1/agreement-templates', {
        name: 'Reseller agreement',
        agreementType: 'reseller',
        clauseIds: [parties, term, law],
      })
    ).id;
  });

  it('fills the template from the partner and the agreement fields, as Markdown', async () => {
    const res = await send({
      method: 'POST',
      url: `/api/v1/agreement-templates/${template}/preview`,
      key: world.a.members.viewer.key,
      payload: {
        partnerId: world.a.partners[0],
        effectiveDate: '2027-01-01',
        endDate: '2028-03-01',
        noticePeriodDays: 1,
        governingLaw: 'Germany',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().text).toBe(
      [
        '# Reseller agreement',
        '',
        '## 1. Parties',
        '',
        'Between Workspace A and AT&T \\*Labs\\* of Germany.',
        '',
        '## 2. Term',
        '',
        'From 2027-01-01 to 2028-03-01; notice by 2028-02-29.',
        '',
        '## 3. Governing law',
        '',
        'The law of Germany governs this Reseller agreement.',
        '',
      ].join('\n'),
    );
  });

  it('a missing value is a 422 naming every variable, with the clauses using it', async () => {
    const res = await denied(422, {
      method: 'POST',
      url: `/api/v1/agreement-templates/${template}/preview`,
      key: world.a.members.viewer.key,
      payload: { partnerId: world.a.partners[1], effectiveDate: '2027-01-01' },
    });
    const body = res.json();
    expect(body.code).toBe('template_variables');
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual([
      'partner.country',
      'agreement.end_date',
      'agreement.notice_deadline',
      'agreement.governing_law',
    ]);
    expect(body.variables).toContainEqual({
      name: 'agreement.end_date',
      code: 'variable_empty',
      clauseIds: [term],
    });
  });

  it('a partner of another workspace is 422 naming partnerId; another workspace’s template 404', async () => {
    const key = world.a.members.manager.key;
    const foreignPartner = await denied(422, {
      method: 'POST',
      url: `/api/v1/agreement-templates/${template}/preview`,
      key,
      payload: { partnerId: world.b.partners[0] },
    });
    expect(foreignPartner.json().errors[0]).toMatchObject({ field: 'partnerId' });
    await denied(404, {
      method: 'POST',
      url: `/api/v1/agreement-templates/${template}/preview`,
      key: world.b.members.admin.key,
      payload: { partnerId: world.b.partners[0] },
    });
  });
});

describe('access', () => {
  it('viewers and members read and preview, but write no template (403)', async () => {
    const template = await post('/api/v1/agreement-templates', {
      name: 'Read only',
      agreementType: 'nda',
    });
    const url = `/api/v1/agreement-templates/${template.id}`;
    for (const role of ['member', 'viewer'] as const) {
      const key = world.a.members[role].key;
      expect((await send({ method: 'GET', url, key })).statusCode).toBe(200);
      await denied(403, {
        method: 'POST',
        url: '/api/v1/agreement-templates',
        key,
        payload: { name: 'X', agreementType: 'nda' },
      });
      await denied(403, {
        method: 'PATCH',
        url,
        key,
        headers: { 'if-match': '"1"' },
        payload: { name: 'X' },
      });
      await denied(403, { method: 'POST', url: `${url}/archive`, key });
    }
  });

  it("another workspace can neither read nor change A's templates (404)", async () => {
    const template = await post('/api/v1/agreement-templates', {
      name: 'Secret template',
      agreementType: 'nda',
      clauseIds: [parties],
    });
    const key = world.b.members.admin.key;
    const url = `/api/v1/agreement-templates/${template.id}`;
    await denied(404, { method: 'GET', url, key });
    await denied(404, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { clauseIds: [foreign] },
    });
    await denied(404, { method: 'POST', url: `${url}/archive`, key });
    await denied(404, { method: 'POST', url: `${url}/restore`, key });
    const list = await send({
      method: 'GET',
      url: '/api/v1/agreement-templates?archived=any',
      key,
    });
    expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(template.id);
  });

  it('a partner user lists, reads and previews no template, for their partner or another', async () => {
    const template = await post('/api/v1/agreement-templates', {
      name: 'Hidden',
      agreementType: 'nda',
      clauseIds: [parties],
    });
    const url = `/api/v1/agreement-templates/${template.id}`;
    await denied(403, { method: 'GET', url: '/api/v1/agreement-templates', cookie: partnerCookie });
    await denied(404, { method: 'GET', url, cookie: partnerCookie });
    for (const partnerId of world.a.partners)
      await denied(404, {
        method: 'POST',
        url: `${url}/preview`,
        cookie: partnerCookie,
        payload: { partnerId },
      });
  });
});
