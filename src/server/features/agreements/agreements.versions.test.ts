import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import {
  createTestApp,
  type TestApp,
  type TestRequest,
  testClient,
} from '../../../../test/harness';
import { agreementVersions, auditEvents, contacts, timelineEntries } from '../../db/schema';

let t: TestApp;
let world: World;

const { send, denied } = testClient(() => t);
const key = () => world.a.members.manager.key;

async function ok(options: TestRequest, status = 200) {
  const res = await send({ key: key(), ...options });
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

async function newAgreement(payload: object = {}) {
  const res = await ok(
    {
      method: 'POST',
      url: '/api/v1/agreements',
      payload: { partnerId: world.a.partners[0], type: 'reseller', title: 'Reseller', ...payload },
    },
    201,
  );
  return res.json() as { id: string; version: number };
}

const move = (id: string, version: number, to: string) =>
  send({
    method: 'POST',
    url: `/api/v1/agreements/${id}/transitions`,
    key: key(),
    headers: { 'if-match': `"${version}"` },
    payload: { to },
  });

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

describe('agreement versions', () => {
  it('numbers versions, copies the latest, changes only the latest and bumps the agreement ETag', async () => {
    const agreement = await newAgreement();
    const url = `/api/v1/agreements/${agreement.id}/versions`;
    await denied(428, { method: 'POST', url, key: key(), payload: { body: 'x' } });
    const first = await ok(
      {
        method: 'POST',
        url,
        headers: { 'if-match': '"1"' },
        payload: { body: 'The partner shall pay.' },
      },
      201,
    );
    expect(first.headers.etag).toBe('"2"');
    expect(first.headers.location).toBe(`${url}/1`);
    expect(first.json()).toMatchObject({
      number: 1,
      body: 'The partner shall pay.',
      frozenAt: null,
      sha256: null,
    });
    const second = await ok(
      { method: 'POST', url, headers: { 'if-match': '"2"' }, payload: {} },
      201,
    );
    expect(second.json()).toMatchObject({ number: 2, body: 'The partner shall pay.' });
    const edited = await ok({
      method: 'PATCH',
      url: `${url}/2`,
      headers: { 'if-match': '"3"' },
      payload: { body: 'The reseller shall pay promptly.' },
    });
    expect(edited.headers.etag).toBe('"4"');
    const older = await denied(409, {
      method: 'PATCH',
      url: `${url}/1`,
      key: key(),
      headers: { 'if-match': '"4"' },
      payload: { body: 'No' },
    });
    expect(older.json()).toMatchObject({ code: 'version_not_latest' });
    await denied(412, {
      method: 'PATCH',
      url: `${url}/2`,
      key: key(),
      headers: { 'if-match': '"1"' },
      payload: { body: 'y' },
    });
    const list = (await ok({ method: 'GET', url })).json().items;
    expect(list.map((v: { number: number; length: number }) => [v.number, v.length])).toEqual([
      [1, 22],
      [2, 32],
    ]);
    expect(list[0]).not.toHaveProperty('body');
    await denied(404, { method: 'GET', url: `${url}/3`, key: key() });
    const redline = (
      await ok({ method: 'GET', url: `/api/v1/agreements/${agreement.id}/redline?from=1&to=2` })
    ).json();
    expect(redline.parts).toEqual([
      { op: 'same', text: 'The ' },
      { op: 'delete', text: 'partner' },
      { op: 'insert', text: 'reseller' },
      { op: 'same', text: ' shall pay' },
      { op: 'insert', text: ' promptly' },
      { op: 'same', text: '.' },
    ]);
    expect(redline).toMatchObject({ inserted: 2, deleted: 1 });
    const pdf = await ok({
      method: 'GET',
      url: `/api/v1/agreements/${agreement.id}/redline.pdf?from=1&to=2`,
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('redline-');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.REDLINE_PDF_OUT)
      (await import('node:fs')).writeFileSync(process.env.REDLINE_PDF_OUT, pdf.rawPayload);
    const actions = (
      await t.database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.entityType, 'agreement_version'))
    ).map((e) => e.action);
    expect(actions).toEqual([
      'agreement.version_created',
      'agreement.version_created',
      'agreement.version_updated',
    ]);
    const timeline = await t.database.db
      .select()
      .from(timelineEntries)
      .where(eq(timelineEntries.partnerId, world.a.partners[0]));
    expect(
      timeline.filter((e) => (e.summary as { event?: string }).event === 'version_created'),
    ).toHaveLength(2);
  });

  it('refuses bad input with the field named and changes nothing', async () => {
    const agreement = await newAgreement();
    const url = `/api/v1/agreements/${agreement.id}`;
    const long = await denied(400, {
      method: 'POST',
      url: `${url}/versions`,
      key: key(),
      headers: { 'if-match': '"1"' },
      payload: { body: 'x'.repeat(200_001) },
    });
    expect(long.json().errors[0]).toMatchObject({ field: 'body' });
    await denied(400, {
      method: 'POST',
      url: `${url}/versions`,
      key: key(),
      headers: { 'if-match': '"1"' },
      payload: { text: 'x' },
    });
    await denied(400, { method: 'GET', url: `${url}/versions/zero`, key: key() });
    const missing = await denied(422, {
      method: 'GET',
      url: `${url}/redline?from=1&to=1`,
      key: key(),
    });
    expect(missing.json().errors[0]).toMatchObject({ field: 'from', code: 'invalid_reference' });
    await denied(400, { method: 'GET', url: `${url}/redline?from=1`, key: key() });
  });

  it('freezes the latest version when sent for signature, with its SHA-256, and never unfreezes it', async () => {
    const agreement = await newAgreement();
    const url = `/api/v1/agreements/${agreement.id}`;
    await ok({
      method: 'POST',
      url: `${url}/transitions`,
      headers: { 'if-match': '"1"' },
      payload: { to: 'in_negotiation' },
    });
    const none = await denied(409, {
      method: 'POST',
      url: `${url}/transitions`,
      key: key(),
      headers: { 'if-match': '"2"' },
      payload: { to: 'pending_signature' },
    });
    expect(none.json()).toMatchObject({ code: 'no_version' });
    const body = 'Prix: 100 € — signé';
    await ok(
      { method: 'POST', url: `${url}/versions`, headers: { 'if-match': '"2"' }, payload: { body } },
      201,
    );
    expect((await move(agreement.id, 3, 'pending_signature')).statusCode).toBe(200);
    const frozen = (await ok({ method: 'GET', url: `${url}/versions/1` })).json();
    expect(frozen.sha256).toBe(
      createHash('sha256').update(Buffer.from(body, 'utf8')).digest('hex'),
    );
    expect(frozen.frozenAt).not.toBeNull();
    for (const payload of [{ body: 'changed' }]) {
      const res = await denied(409, {
        method: 'PATCH',
        url: `${url}/versions/1`,
        key: key(),
        headers: { 'if-match': '"4"' },
        payload,
      });
      expect(res.json()).toMatchObject({ code: 'version_frozen' });
    }
    const locked = await denied(409, {
      method: 'POST',
      url: `${url}/versions`,
      key: key(),
      headers: { 'if-match': '"4"' },
      payload: {},
    });
    expect(locked.json()).toMatchObject({ code: 'agreement_locked' });
    expect((await move(agreement.id, 4, 'in_negotiation')).statusCode).toBe(200);
    const still = await denied(409, {
      method: 'PATCH',
      url: `${url}/versions/1`,
      key: key(),
      headers: { 'if-match': '"5"' },
      payload: { body: 'changed' },
    });
    expect(still.json()).toMatchObject({ code: 'version_frozen' });
    const next = await ok(
      { method: 'POST', url: `${url}/versions`, headers: { 'if-match': '"5"' }, payload: {} },
      201,
    );
    expect(next.json()).toMatchObject({ number: 2, body, frozenAt: null });
    await ok({
      method: 'PATCH',
      url: `${url}/versions/2`,
      headers: { 'if-match': '"6"' },
      payload: { body: 'v2' },
    });
    const [row] = await t.database.db
      .select()
      .from(agreementVersions)
      .where(and(eq(agreementVersions.agreementId, agreement.id), eq(agreementVersions.number, 1)));
    expect(row?.body).toBe(body);
  });

  it('refuses to send for signature when a signing contact moved to another partner, naming them', async () => {
    const agreement = await newAgreement();
    const url = `/api/v1/agreements/${agreement.id}`;
    const contact = await ok(
      {
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { partnerId: world.a.partners[0], firstName: 'Moving', lastName: 'Signer' },
      },
      201,
    );
    await ok({
      method: 'POST',
      url: `${url}/signers`,
      headers: { 'if-match': '"1"' },
      payload: { side: 'partner', contactId: contact.json().id, role: 'CEO' },
    });
    await ok(
      {
        method: 'POST',
        url: `${url}/versions`,
        headers: { 'if-match': '"2"' },
        payload: { body: 'Text' },
      },
      201,
    );
    await ok({
      method: 'POST',
      url: `${url}/transitions`,
      headers: { 'if-match': '"3"' },
      payload: { to: 'in_negotiation' },
    });
    await t.database.db
      .update(contacts)
      .set({ partnerId: world.a.partners[1] })
      .where(eq(contacts.id, contact.json().id));
    const res = await denied(409, {
      method: 'POST',
      url: `${url}/transitions`,
      key: key(),
      headers: { 'if-match': '"4"' },
      payload: { to: 'pending_signature' },
    });
    expect(res.json()).toMatchObject({ code: 'signer_not_of_partner' });
    expect(res.json().errors[0]).toMatchObject({ field: 'signers.0.contactId' });
    expect(res.json().detail).toContain('Moving Signer');
  });
});

describe('starting from a template', () => {
  let template: string;
  let archived: string;
  let foreign: string;

  beforeAll(async () => {
    const clause = async (text: string, k = key()) =>
      (
        await ok(
          {
            method: 'POST',
            url: '/api/v1/clauses',
            key: k,
            payload: { title: 'Clause', text, category: 'General' },
          },
          201,
        )
      ).json().id as string;
    const make = async (clauseIds: string[], k = key()) =>
      (
        await ok(
          {
            method: 'POST',
            url: '/api/v1/agreement-templates',
            key: k,
            payload: { name: 'Standard', agreementType: 'reseller', clauseIds },
          },
          201,
        )
      ).json().id as string;
    template = await make([
      await clause(
        'Between {{workspace.name}} and {{partner.name}}, governed by {{agreement.governing_law}}.',
      ),
    ]);
    archived = await make([await clause('Plain')]);
    await ok({ method: 'POST', url: `/api/v1/agreement-templates/${archived}/archive` });
    foreign = await make([await clause('B', world.b.members.admin.key)], world.b.members.admin.key);
  });

  it('makes version 1 the filled template', async () => {
    const agreement = await newAgreement({
      templateId: template,
      governingLaw: 'England and Wales',
    });
    const version = (
      await ok({ method: 'GET', url: `/api/v1/agreements/${agreement.id}/versions/1` })
    ).json();
    expect(version.body).toContain('governed by England and Wales.');
    expect(version.body.startsWith('# Reseller')).toBe(true);
  });

  it('refuses an empty variable, naming it, and writes nothing', async () => {
    const res = await denied(422, {
      method: 'POST',
      url: '/api/v1/agreements',
      key: key(),
      payload: {
        partnerId: world.a.partners[0],
        type: 'reseller',
        title: 'No law',
        templateId: template,
      },
    });
    expect(res.json()).toMatchObject({ code: 'template_variables' });
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'agreement.governing_law', code: 'variable_empty' }),
    ]);
  });

  it("refuses an archived template and another workspace's, naming templateId", async () => {
    for (const templateId of [archived, foreign]) {
      const res = await denied(422, {
        method: 'POST',
        url: '/api/v1/agreements',
        key: key(),
        payload: { partnerId: world.a.partners[0], type: 'reseller', title: 'T', templateId },
      });
      expect(res.json().errors[0]).toMatchObject({
        field: 'templateId',
        code: 'invalid_reference',
      });
    }
  });
});
