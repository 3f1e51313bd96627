import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let admin: string;

const url = '/api/v1/agreements';
const withVersion = (version: number) => ({ 'if-match': `"${version}"` });
const decide = (id: string, version: number, payload: object, key = admin) =>
  request(t.app, {
    method: 'POST',
    url: `${url}/${id}/renewal`,
    key,
    headers: withVersion(version),
    payload,
  });
const actions = async (id: string) =>
  (
    (await t.database.sql(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [id]))
      .rows as Array<{ action: string }>
  ).map((row) => row.action);

/** An agreement made and signed through the API (an admin records the signature), active. */
async function activeAgreement(terms: object = {}): Promise<{ id: string; version: number }> {
  const made = await request(t.app, {
    method: 'POST',
    url,
    key: admin,
    payload: {
      partnerId: world.a.partners[0],
      type: 'reseller',
      title: 'Reseller 2027',
      effectiveOn: '2027-02-01',
      endOn: '2028-01-31',
      autoRenew: false,
      renewalTermMonths: 1,
      noticeDays: 60,
      value: 500_000,
      currency: 'EUR',
      ...terms,
    },
  });
  expect(made.statusCode, made.body).toBe(201);
  let agreement = made.json() as { id: string; version: number };
  // Its text: an agreement is sent for signature with a version.
  const written = await request(t.app, {
    method: 'POST',
    url: `${url}/${agreement.id}/versions`,
    key: admin,
    headers: withVersion(agreement.version),
    payload: { body: 'The reseller resells.' },
  });
  expect(written.statusCode, written.body).toBe(201);
  agreement = { id: agreement.id, version: Number(String(written.headers.etag).replace(/"/g, '')) };
  for (const to of ['in_negotiation', 'pending_signature', 'active']) {
    const moved = await request(t.app, {
      method: 'POST',
      url: `${url}/${agreement.id}/transitions`,
      key: admin,
      headers: withVersion(agreement.version),
      payload: { to },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    agreement = moved.json();
  }
  return agreement;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
});
afterAll(() => t.close());

describe('renew', () => {
  it('makes the next term on the same terms, from the day after the end, and the old one renewed', async () => {
    const old = await activeAgreement();
    const res = await decide(old.id, old.version, { decision: 'renew' });
    expect(res.statusCode, res.body).toBe(200);
    const { agreement, next } = res.json();
    expect(agreement).toMatchObject({ id: old.id, status: 'renewed', version: old.version + 1 });
    expect(res.headers.etag).toBe(`"${old.version + 1}"`);
    // Jan 31 + 1 month keeps to the month end: Feb 29 in 2028, a leap year.
    expect(next).toMatchObject({
      status: 'active',
      renewedFromId: old.id,
      effectiveOn: '2028-02-01',
      endOn: '2028-02-29',
      title: 'Reseller 2027',
      value: 500_000,
      currency: 'EUR',
      noticeDays: 60,
    });
    expect(await actions(old.id)).toContain('agreement.renewed');
    expect(await actions(next.id)).toEqual(['agreement.created']);
  });

  it('takes a term from the body, and refuses a second decision on a renewed agreement', async () => {
    const old = await activeAgreement({ endOn: '2027-12-31' });
    const res = await decide(old.id, old.version, { decision: 'renew', termMonths: 12 });
    expect(res.json().next).toMatchObject({ effectiveOn: '2028-01-01', endOn: '2028-12-31' });
    const again = await expectDenied(t, 409, {
      method: 'POST',
      url: `${url}/${old.id}/renewal`,
      key: admin,
      headers: withVersion(old.version + 1),
      payload: { decision: 'renew' },
    });
    expect(again.json()).toMatchObject({ code: 'agreement_not_in_force' });
  });

  it('needs an end date and a term (422 naming the field), and nothing changes', async () => {
    const noTerm = await activeAgreement({ renewalTermMonths: null });
    const res = await expectDenied(t, 422, {
      method: 'POST',
      url: `${url}/${noTerm.id}/renewal`,
      key: admin,
      headers: withVersion(noTerm.version),
      payload: { decision: 'renew' },
    });
    expect(res.json().errors?.[0] ?? res.json().fields?.[0]).toMatchObject({ field: 'termMonths' });
  });
});

describe('renegotiate', () => {
  it('starts a draft for the next term and leaves the agreement in force; only once', async () => {
    const old = await activeAgreement();
    const res = await decide(old.id, old.version, { decision: 'renegotiate', termMonths: 12 });
    expect(res.statusCode, res.body).toBe(200);
    const { agreement, next } = res.json();
    expect(agreement).toMatchObject({ status: 'active', version: old.version });
    expect(next).toMatchObject({
      status: 'draft',
      renewedFromId: old.id,
      effectiveOn: '2028-02-01',
      endOn: '2029-01-31',
    });
    const twice = await expectDenied(t, 409, {
      method: 'POST',
      url: `${url}/${old.id}/renewal`,
      key: admin,
      headers: withVersion(old.version),
      payload: { decision: 'renew' },
    });
    expect(twice.json()).toMatchObject({ code: 'renewal_exists' });
  });
});

describe('terminate', () => {
  it('ends the agreement with its reason in the history', async () => {
    const old = await activeAgreement();
    const res = await decide(old.id, old.version, {
      decision: 'terminate',
      reason: 'The partner left the market',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ agreement: { status: 'terminated' }, next: null });
    expect(await actions(old.id)).toEqual(
      expect.arrayContaining(['agreement.terminated', 'agreement.termination_reason']),
    );
    const { rows } = await t.database.sql(
      `SELECT summary FROM timeline_entries WHERE subject_id = $1 ORDER BY id DESC LIMIT 1`,
      [old.id],
    );
    expect((rows[0] as { summary: object }).summary).toMatchObject({
      to: 'terminated',
      reason: 'The partner left the market',
    });
  });

  it('refuses a draft (409), a stale ETag (412), a bad decision (400), a viewer (403), another workspace and a partner user (404)', async () => {
    const old = await activeAgreement();
    const draft = (
      await request(t.app, {
        method: 'POST',
        url,
        key: admin,
        payload: { partnerId: world.a.partners[0], type: 'nda', title: 'Draft' },
      })
    ).json();
    const body = { decision: 'terminate', reason: 'x' };
    const at = (id: string) => `${url}/${id}/renewal`;
    const conflict = await expectDenied(t, 409, {
      method: 'POST',
      url: at(draft.id),
      key: admin,
      headers: withVersion(draft.version),
      payload: body,
    });
    expect(conflict.json()).toMatchObject({ code: 'agreement_not_in_force' });
    await expectDenied(t, 412, {
      method: 'POST',
      url: at(old.id),
      key: admin,
      headers: withVersion(old.version - 1),
      payload: body,
    });
    await expectDenied(t, 403, {
      method: 'POST',
      url: at(old.id),
      key: world.a.members.viewer.key,
      headers: withVersion(old.version),
      payload: body,
    });
    await expectDenied(t, 404, {
      method: 'POST',
      url: at(old.id),
      key: world.b.members.admin.key,
      headers: withVersion(old.version),
      payload: body,
    });
    const partnerUser = await seedPartnerUser(
      t.database,
      world.a,
      world.a.partners[0],
      'partner_admin',
    );
    const cookie = await signIn(t.app, partnerUser.email);
    await expectDenied(t, 404, {
      method: 'POST',
      url: at(old.id),
      cookie,
      headers: withVersion(old.version),
      payload: body,
    });
    await expectDenied(t, 400, {
      method: 'POST',
      url: at(old.id),
      key: admin,
      headers: withVersion(old.version),
      payload: { decision: 'stop' },
    });
  });
});

describe('the next term’s compliance checklist', () => {
  it('starts from what the current term met or waived; what was open stays open', async () => {
    const requirement = async (title: string) => {
      const made = await request(t.app, {
        method: 'POST',
        url: '/api/v1/compliance-requirements',
        key: admin,
        payload: { title, appliesTo: ['reseller'], blocks: null },
      });
      expect(made.statusCode, made.body).toBe(201);
      return (made.json() as { id: string }).id;
    };
    const ids = [
      await requirement('Anti-bribery'),
      await requirement('Reseller DPA'),
      await requirement('Audit'),
    ];
    const old = await activeAgreement({ title: 'Checklist carried' });
    const checklistOf = async (id: string) =>
      (
        await request(t.app, { method: 'GET', url: `${url}/${id}/requirements`, key: admin })
      ).json() as {
        items: Array<{
          id: string;
          requirementId: string;
          status: string;
          version: number;
          evidence: string | null;
          waivedReason: string | null;
        }>;
      };
    const entries = (await checklistOf(old.id)).items.filter((e) => ids.includes(e.requirementId));
    expect(entries).toHaveLength(3);
    const mark = async (requirementId: string, payload: object) => {
      const entry = entries.find((e) => e.requirementId === requirementId);
      const res = await request(t.app, {
        method: 'PATCH',
        url: `${url}/${old.id}/requirements/${entry?.id}`,
        key: admin,
        headers: { 'if-match': `"${entry?.version}"` },
        payload,
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await mark(ids[0] as string, { status: 'met', evidence: 'Attestation 2027' });
    await mark(ids[1] as string, { status: 'waived', reason: 'Covered by the master DPA' });
    const current = (
      await request(t.app, { method: 'GET', url: `${url}/${old.id}`, key: admin })
    ).json() as { version: number };
    const renewed = await decide(old.id, current.version, { decision: 'renew' });
    expect(renewed.statusCode, renewed.body).toBe(200);
    const next = (renewed.json() as { next: { id: string } }).next;
    const carried = (await checklistOf(next.id)).items.filter((e) => ids.includes(e.requirementId));
    expect(
      carried.map((e) => [e.requirementId, e.status, e.evidence, e.waivedReason]).sort(),
    ).toEqual(
      [
        [ids[0], 'met', 'Attestation 2027', null],
        [ids[1], 'waived', null, 'Covered by the master DPA'],
        [ids[2], 'open', null, null],
      ].sort(),
    );
  });
});
