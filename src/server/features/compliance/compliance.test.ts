import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { defaultRequirements } from '../../../domain/compliance';
import { auditEvents, complianceRequirements } from '../../db/schema';
import { createWorkspace } from '../workspaces/workspaces.service';

let t: TestApp;
let world: World;
let admin: string;
let manager: string;
let partnerOne: string;

const json = (method: string, url: string, payload?: object, key = admin, version?: number) =>
  request(t.app, {
    method: method as 'GET',
    url,
    key,
    ...(payload ? { payload } : {}),
    ...(version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {}),
  });

async function newAgreement(type: string, title: string, partnerId = partnerOne) {
  const res = await json('POST', '/api/v1/agreements', { partnerId, type, title });
  expect(res.statusCode).toBe(201);
  const { id, version } = res.json();
  // A text to freeze when it is sent for signature (decision 050).
  const text = await json(
    'POST',
    `/api/v1/agreements/${id}/versions`,
    { body: 'Terms.' },
    admin,
    version,
  );
  expect(text.statusCode).toBe(201);
  return (await json('GET', `/api/v1/agreements/${id}`)).json() as {
    id: string;
    version: number;
    status: string;
  };
}

async function move(agreement: { id: string; version: number }, to: string, key = admin) {
  return json(
    'POST',
    `/api/v1/agreements/${agreement.id}/transitions`,
    { to },
    key,
    agreement.version,
  );
}

const checklist = async (id: string) =>
  (await json('GET', `/api/v1/agreements/${id}/requirements`)).json();

async function requirement(payload: object) {
  const res = await json('POST', '/api/v1/compliance-requirements', payload);
  expect(res.statusCode).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  manager = world.a.members.manager.key;
  partnerOne = world.a.partners[0];
});
afterAll(() => t.close());

describe('a blocking requirement', () => {
  it('refuses the move while open, naming it, and allows it once met or waived', async () => {
    const review = await requirement({
      title: 'Security review',
      appliesTo: ['technology'],
      blocks: 'pending_signature',
    });
    const attestation = await requirement({
      title: 'Anti-bribery attestation',
      appliesTo: ['technology', 'reseller'],
      blocks: 'active',
    });
    await requirement({ title: 'A reminder', appliesTo: ['technology'] });
    let agreement = await newAgreement('technology', 'Integration partnership');
    let list = await checklist(agreement.id);
    expect(list.items.map((i: { title: string }) => i.title)).toEqual([
      'A reminder',
      'Anti-bribery attestation',
      'Security review',
    ]);
    const reviewItem = list.items.find(
      (i: { requirementId: string }) => i.requirementId === review.id,
    );
    const attestItem = list.items.find(
      (i: { requirementId: string }) => i.requirementId === attestation.id,
    );
    agreement = (await move(agreement, 'in_negotiation')).json();
    list = await checklist(agreement.id);
    expect(list.blockedMoves).toEqual([
      { to: 'pending_signature', requirementIds: [reviewItem.id] },
    ]);

    const refused = await expectDenied(t, 409, {
      method: 'POST',
      url: `/api/v1/agreements/${agreement.id}/transitions`,
      key: admin,
      headers: { 'if-match': `"${agreement.version}"` },
      payload: { to: 'pending_signature' },
    });
    expect(refused.json()).toMatchObject({
      code: 'requirement_open',
      requirements: [{ id: reviewItem.id, title: 'Security review' }],
      errors: [
        {
          field: `requirements.${reviewItem.id}`,
          code: 'requirement_open',
          message: 'Security review is not met',
        },
      ],
    });

    const met = await json(
      'PATCH',
      `/api/v1/agreements/${agreement.id}/requirements/${reviewItem.id}`,
      { status: 'met', evidence: 'Review SR-42, passed' },
      manager,
      reviewItem.version,
    );
    expect(met.statusCode).toBe(200);
    expect(met.json()).toMatchObject({ status: 'met', evidence: 'Review SR-42, passed' });
    expect(met.headers.etag).toBe(`"${reviewItem.version + 1}"`);
    agreement = (await move(agreement, 'pending_signature')).json();
    expect(agreement.status).toBe('pending_signature');

    // An admin recording a signature made outside Tandem meets the attestation first.
    const toActive = await move(agreement, 'active');
    expect(toActive.statusCode).toBe(409);
    expect(toActive.json().errors[0].field).toBe(`requirements.${attestItem.id}`);
    const waived = await json(
      'PATCH',
      `/api/v1/agreements/${agreement.id}/requirements/${attestItem.id}`,
      { status: 'waived', reason: 'Covered by the group policy' },
      manager,
      attestItem.version,
    );
    expect(waived.json()).toMatchObject({
      status: 'waived',
      waivedReason: 'Covered by the group policy',
      waivedByName: expect.any(String),
      waivedAt: expect.any(String),
    });
    expect((await move(agreement, 'active')).json().status).toBe('active');

    const actions = (
      await t.database.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.entityId, agreement.id))
    ).map((r) => r.action);
    expect(actions).toContain('agreement.requirement_met');
    expect(actions).toContain('agreement.requirement_waived');
  });

  it('is met live by another agreement of the partner (satisfiedBy)', async () => {
    await requirement({
      title: 'NDA in place',
      appliesTo: ['referral'],
      blocks: 'pending_signature',
      satisfiedBy: { type: 'nda', statuses: ['active'] },
    });
    let referral = await newAgreement('referral', 'Referral deal');
    referral = (await move(referral, 'in_negotiation')).json();
    expect((await move(referral, 'pending_signature')).json().code).toBe('requirement_open');

    let nda = await newAgreement('nda', 'Mutual NDA');
    for (const to of ['in_negotiation', 'pending_signature', 'active'])
      nda = (await move(nda, to)).json();
    expect(nda.status).toBe('active');
    const list = await checklist(referral.id);
    expect(list.items[0]).toMatchObject({ status: 'open', satisfiedByAgreementId: nda.id });
    expect(list.blockedMoves).toEqual([]);
    expect((await move(referral, 'pending_signature')).json().status).toBe('pending_signature');
  });

  it('follows a draft whose type changes, and stops blocking once archived', async () => {
    const only = await requirement({
      title: 'Co-marketing brand review',
      appliesTo: ['co_marketing'],
      blocks: 'pending_signature',
    });
    let draft = await newAgreement('mou', 'Joint launch');
    expect((await checklist(draft.id)).items).toEqual([]);
    const changed = await json(
      'PATCH',
      `/api/v1/agreements/${draft.id}`,
      { type: 'co_marketing' },
      admin,
      draft.version,
    );
    draft = changed.json();
    expect((await checklist(draft.id)).items.map((i: { title: string }) => i.title)).toEqual([
      'Co-marketing brand review',
    ]);
    draft = (await move(draft, 'in_negotiation')).json();
    expect((await move(draft, 'pending_signature')).statusCode).toBe(409);
    const archived = await json(
      'PATCH',
      `/api/v1/compliance-requirements/${only.id}`,
      { archived: true },
      admin,
      only.version,
    );
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await checklist(draft.id)).items).toEqual([]);
    expect((await move(draft, 'pending_signature')).statusCode).toBe(200);
  });
});

describe('marking', () => {
  it('needs evidence to mark met and a reason to waive (422 naming the field), nothing changed', async () => {
    await requirement({
      title: 'Insurance certificate',
      appliesTo: ['joint_venture'],
      blocks: 'active',
    });
    const agreement = await newAgreement('joint_venture', 'JV');
    const [item] = (await checklist(agreement.id)).items;
    const url = `/api/v1/agreements/${agreement.id}/requirements/${item.id}`;
    const headers = { 'if-match': `"${item.version}"` };
    for (const [payload, field] of [
      [{ status: 'met' }, 'evidence'],
      [{ status: 'waived' }, 'reason'],
      [{ status: 'open', reason: 'x' }, 'reason'],
    ] as const) {
      const res = await expectDenied(t, 422, {
        method: 'PATCH',
        url,
        key: admin,
        headers,
        payload,
      });
      expect(res.json().errors[0].field).toBe(field);
    }
    const blank = await expectDenied(t, 400, {
      method: 'PATCH',
      url,
      key: admin,
      headers,
      payload: { status: 'waived', reason: '   ' },
    });
    expect(blank.json().errors[0].field).toBe('reason');
    await expectDenied(t, 428, { method: 'PATCH', url, key: admin, payload: { status: 'open' } });
    await expectDenied(t, 412, {
      method: 'PATCH',
      url,
      key: admin,
      headers: { 'if-match': '"99"' },
      payload: { status: 'met', evidence: 'x' },
    });
  });
});

describe('definitions', () => {
  it('are listed by title, changed with If-Match, archived and restored', async () => {
    const made = await requirement({ title: 'Export control check', appliesTo: ['reseller'] });
    const stale = await expectDenied(t, 412, {
      method: 'PATCH',
      url: `/api/v1/compliance-requirements/${made.id}`,
      key: admin,
      headers: { 'if-match': '"9"' },
      payload: { title: 'x' },
    });
    expect(stale.json().code).toBe('stale_version');
    const changed = await json(
      'PATCH',
      `/api/v1/compliance-requirements/${made.id}`,
      { blocks: 'active', description: 'Screened against sanctions lists' },
      admin,
      made.version,
    );
    expect(changed.json()).toMatchObject({ blocks: 'active', version: made.version + 1 });
    const archived = await json(
      'PATCH',
      `/api/v1/compliance-requirements/${made.id}`,
      { archived: true },
      admin,
      made.version + 1,
    );
    const inUse = (await json('GET', '/api/v1/compliance-requirements')).json().items;
    expect(inUse.map((r: { id: string }) => r.id)).not.toContain(made.id);
    const old = (await json('GET', '/api/v1/compliance-requirements?archived=true')).json().items;
    expect(old.map((r: { id: string }) => r.id)).toContain(made.id);
    const restored = await json(
      'PATCH',
      `/api/v1/compliance-requirements/${made.id}`,
      { archived: false },
      admin,
      archived.json().version,
    );
    expect(restored.json().archivedAt).toBeNull();
    const bad = await expectDenied(t, 400, {
      method: 'POST',
      url: '/api/v1/compliance-requirements',
      key: admin,
      payload: { title: 'x', appliesTo: ['nda'], blocks: 'draft' },
    });
    expect(bad.json().errors[0].field).toBe('blocks');
  });

  it('a new workspace starts with the default checklist, an event each', async () => {
    const { workspaceId } = await createWorkspace(
      { ...t.ctx, requestId: null },
      {
        name: 'Made by the CLI',
        adminName: 'Ada',
        adminEmail: 'ada@compliance.test',
        adminPassword: 'a long enough password',
      },
    );
    const rows = await t.database.db
      .select()
      .from(complianceRequirements)
      .where(eq(complianceRequirements.workspaceId, workspaceId));
    expect(rows.map((r) => r.title).sort()).toEqual(defaultRequirements.map((d) => d.title).sort());
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.workspaceId, workspaceId));
    expect(events.filter((e) => e.action === 'compliance_requirement.created')).toHaveLength(4);
  });
});
