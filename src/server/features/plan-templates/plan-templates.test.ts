import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;

const templateBody = (over: object = {}) => ({
  name: 'Technology partner plan',
  partnerType: 'technology',
  summary: 'Build and sell an integration together',
  objectives: [
    { text: 'Ship the integration', ownerSide: 'both' },
    { text: 'Train the partner’s sellers', ownerSide: 'us' },
  ],
  kpis: [
    { name: 'Joint revenue', unit: 'currency', currency: 'eur', target: 5_000_000 },
    { name: 'Certified engineers', unit: 'count', cadence: 'quarterly', aggregation: 'last' },
  ],
  ...over,
});

const as = (key: string) => ({ key });
const post = (url: string, payload: object, key = world.a.members.manager.key) =>
  request(t.app, { method: 'POST', url, payload, ...as(key) });
const get = (url: string, key = world.a.members.viewer.key) =>
  request(t.app, { method: 'GET', url, ...as(key) });
const patch = (url: string, etag: string, payload: object, key = world.a.members.admin.key) =>
  request(t.app, { method: 'PATCH', url, payload, key, headers: { 'if-match': etag } });

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});

afterAll(() => t.close());

describe('plan templates', () => {
  it('a manager adds one, checked and shaped as a plan’s content; members read it', async () => {
    const res = await post('/api/v1/plan-templates', templateBody({ isDefault: true }));
    expect(res.statusCode, res.body).toBe(201);
    const template = res.json();
    expect(res.headers.location).toBe(`/api/v1/plan-templates/${template.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(template).toMatchObject({
      partnerType: 'technology',
      isDefault: true,
      archivedAt: null,
    });
    expect(template.kpis[0]).toMatchObject({
      currency: 'EUR',
      target: 5_000_000,
      cadence: 'monthly',
    });
    expect(template.kpis[1]).toMatchObject({ target: null, baseline: null });
    const list = await get(
      '/api/v1/plan-templates?partnerType=technology',
      world.a.members.member.key,
    );
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([template.id]);
    const one = await get(`/api/v1/plan-templates/${template.id}`);
    expect(one.json().name).toBe('Technology partner plan');
  });

  it('refuses what a plan would refuse, naming the field, and writes nothing', async () => {
    const url = '/api/v1/plan-templates';
    const key = world.a.members.admin.key;
    const cases: Array<[object, string]> = [
      [{ kpis: [{ name: 'Revenue', unit: 'currency', target: 10 }] }, 'kpis.0.currency'],
      [{ kpis: [{ name: 'Tickets', unit: 'count', target: -1 }] }, 'kpis.0.target'],
      [
        {
          kpis: [
            { name: 'Ok', unit: 'count', target: 1 },
            {
              name: 'Wait',
              unit: 'duration',
              direction: 'lower',
              aggregation: 'average',
              target: 900,
              baseline: 600,
            },
          ],
        },
        'kpis.1.target',
      ],
      [
        { objectives: [{ text: 'x', ownerSide: 'partner', ownerContactId: world.a.partners[0] }] },
        'objectives.0.ownerContactId',
      ],
      [
        {
          objectives: [
            { text: 'x', ownerSide: 'us', ownerMemberId: world.b.members.admin.memberId },
          ],
        },
        'objectives.0.ownerMemberId',
      ],
    ];
    for (const [over, field] of cases) {
      const res = await expectDenied(t, 422, {
        method: 'POST',
        url,
        key,
        payload: templateBody(over),
      });
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    const bad = await expectDenied(t, 400, {
      method: 'POST',
      url,
      key,
      payload: templateBody({ partnerType: 'alien', objectives: [{ text: '', ownerSide: 'us' }] }),
    });
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toContain('partnerType');
    expect(fields).toContain('objectives.0.text');
  });

  it('keeps one default per partner type: a new default takes it from the old one', async () => {
    const first = (
      await post(
        '/api/v1/plan-templates',
        templateBody({ name: 'Reseller A', partnerType: 'reseller', isDefault: true }),
      )
    ).json();
    const second = (
      await post(
        '/api/v1/plan-templates',
        templateBody({ name: 'Reseller B', partnerType: 'reseller', isDefault: true }),
      )
    ).json();
    const list = (await get('/api/v1/plan-templates?partnerType=reseller')).json().items;
    expect(list.map((i: { name: string; isDefault: boolean }) => [i.name, i.isDefault])).toEqual([
      ['Reseller B', true],
      ['Reseller A', false],
    ]);
    const again = (await get(`/api/v1/plan-templates/${first.id}`)).json();
    expect(again.version).toBe(2);
    // Archiving the default ends it being one; an archived template cannot become the default.
    const archived = await patch(`/api/v1/plan-templates/${second.id}`, '"1"', { archived: true });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toMatchObject({ isDefault: false });
    expect(archived.json().archivedAt).not.toBeNull();
    const refused = await expectDenied(t, 422, {
      method: 'PATCH',
      url: `/api/v1/plan-templates/${second.id}`,
      key: world.a.members.admin.key,
      headers: { 'if-match': '"2"' },
      payload: { isDefault: true },
    });
    expect(refused.json().errors[0].field).toBe('isDefault');
    const inUse = (await get('/api/v1/plan-templates?partnerType=reseller')).json().items;
    expect(inUse.map((i: { name: string }) => i.name)).toEqual(['Reseller A']);
    const audit = await t.database.sql(
      "SELECT action FROM audit_events WHERE entity_type = 'plan_template' AND entity_id = $1 ORDER BY created_at, id",
      [first.id],
    );
    expect(audit.rows.map((row) => (row as { action: string }).action)).toEqual([
      'plan_template.created',
      'plan_template.updated',
    ]);
  });

  it('changes under If-Match only (428, 412), replacing objectives and KPIs when sent', async () => {
    const created = (
      await post(
        '/api/v1/plan-templates',
        templateBody({ name: 'Agency', partnerType: 'co_marketing' }),
      )
    ).json();
    const url = `/api/v1/plan-templates/${created.id}`;
    await expectDenied(t, 428, {
      method: 'PATCH',
      url,
      key: world.a.members.admin.key,
      payload: { name: 'X' },
    });
    await expectDenied(t, 412, {
      method: 'PATCH',
      url,
      key: world.a.members.admin.key,
      headers: { 'if-match': '"7"' },
      payload: { name: 'X' },
    });
    const res = await patch(url, '"1"', { name: 'Agency plan', kpis: [] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Agency plan', kpis: [], version: 2 });
    expect(res.json().objectives).toHaveLength(2);
    const gone = await request(t.app, { method: 'DELETE', url, key: world.a.members.manager.key });
    expect(gone.statusCode).toBe(204);
    expect((await get(url)).statusCode).toBe(404);
  });

  it('is read-only to members and viewers, hidden from other workspaces and partner users', async () => {
    const created = (
      await post('/api/v1/plan-templates', templateBody({ name: 'Private', partnerType: 'other' }))
    ).json();
    const url = `/api/v1/plan-templates/${created.id}`;
    for (const key of [world.a.members.member.key, world.a.members.viewer.key]) {
      await expectDenied(t, 403, {
        method: 'POST',
        url: '/api/v1/plan-templates',
        key,
        payload: templateBody(),
      });
      await expectDenied(t, 403, {
        method: 'PATCH',
        url,
        key,
        headers: { 'if-match': '"1"' },
        payload: { name: 'Y' },
      });
      await expectDenied(t, 403, { method: 'DELETE', url, key });
    }
    const other = world.b.members.admin.key;
    await expectDenied(t, 404, { method: 'GET', url, key: other });
    await expectDenied(t, 404, {
      method: 'PATCH',
      url,
      key: other,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Y' },
    });
    await expectDenied(t, 404, { method: 'DELETE', url, key: other });
    expect((await get('/api/v1/plan-templates?archived=any', other)).json().items).toEqual([]);
    const user = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
    const cookie = await signIn(t.app, user.email);
    await expectDenied(t, 403, { method: 'GET', url: '/api/v1/plan-templates', cookie });
    await expectDenied(t, 404, { method: 'GET', url, cookie });
    await expectDenied(t, 404, { method: 'DELETE', url, cookie });
  });
});

describe('a plan from a template', () => {
  let templateId = '';

  beforeAll(async () => {
    const res = await post(
      '/api/v1/plan-templates',
      templateBody({
        name: 'From template',
        objectives: [
          {
            text: 'Ship the integration',
            ownerSide: 'both',
            ownerMemberId: world.a.members.member.memberId,
          },
        ],
      }),
    );
    templateId = res.json().id;
  });

  it('takes the summary, objectives and KPIs, with the targets given', async () => {
    const res = await post(
      '/api/v1/plans',
      {
        partnerId: world.a.partners[0],
        period: 'FY2027',
        templateId,
        objectives: [{ text: 'Our own extra', ownerSide: 'us' }],
        kpiTargets: [null, 12],
      },
      world.a.members.member.key,
    );
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan).toMatchObject({
      status: 'draft',
      summary: 'Build and sell an integration together',
    });
    expect(
      plan.objectives.map((o: { text: string; ownerMemberId: string | null }) => [
        o.text,
        o.ownerMemberId,
      ]),
    ).toEqual([
      ['Ship the integration', world.a.members.member.memberId],
      ['Our own extra', null],
    ]);
    const kpis = (await get(`/api/v1/plans/${plan.id}/kpis`)).json().items;
    expect(
      kpis.map((k: { name: string; target: number; currency: string | null }) => [
        k.name,
        k.target,
        k.currency,
      ]),
    ).toEqual([
      ['Joint revenue', 5_000_000, 'EUR'],
      ['Certified engineers', 12, null],
    ]);
  });

  it('names the KPI left without a target, or with a wrong one, and writes nothing', async () => {
    const base = { partnerId: world.a.partners[1], period: 'FY2027', templateId };
    const key = world.a.members.manager.key;
    const missing = await expectDenied(t, 422, {
      method: 'POST',
      url: '/api/v1/plans',
      key,
      payload: base,
    });
    expect(missing.json().errors).toEqual([
      expect.objectContaining({ field: 'kpiTargets.1', code: 'field_required' }),
    ]);
    const wrong = await expectDenied(t, 422, {
      method: 'POST',
      url: '/api/v1/plans',
      key,
      payload: { ...base, kpiTargets: [-5, 3] },
    });
    expect(wrong.json().errors.map((e: { field: string }) => e.field)).toEqual(['kpiTargets.0']);
  });

  it('refuses another workspace’s template and an archived one (422 templateId), writing nothing', async () => {
    const key = world.b.members.admin.key;
    const foreign = await expectDenied(t, 422, {
      method: 'POST',
      url: '/api/v1/plans',
      key,
      payload: {
        partnerId: world.b.partners[0],
        period: 'FY2027',
        templateId,
        kpiTargets: [null, 1],
      },
    });
    expect(foreign.json().errors[0]).toMatchObject({
      field: 'templateId',
      code: 'invalid_reference',
    });
    const archived = (
      await post('/api/v1/plan-templates', templateBody({ name: 'Old', kpis: [] }))
    ).json();
    await patch(`/api/v1/plan-templates/${archived.id}`, '"1"', { archived: true });
    const res = await expectDenied(t, 422, {
      method: 'POST',
      url: '/api/v1/plans',
      key: world.a.members.manager.key,
      payload: { partnerId: world.a.partners[1], period: 'FY2027', templateId: archived.id },
    });
    expect(res.json().errors[0]).toMatchObject({ field: 'templateId', code: 'template_archived' });
  });

  it('never applies the partner type’s default unasked', async () => {
    const res = await post('/api/v1/plans', { partnerId: world.a.partners[1], period: 'FY2028' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ summary: '', objectives: [] });
    const kpis = (await get(`/api/v1/plans/${res.json().id}/kpis`)).json().items;
    expect(kpis).toEqual([]);
  });
});
