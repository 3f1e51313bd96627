import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { dateAt } from '../../../domain/periods';
import { refreshOpenKpis } from './kpis.refresh';

let t: TestApp;
let world: World;
let admin: string;

const send = (method: string, url: string, payload?: object, headers?: Record<string, string>) =>
  request(t.app, {
    method: method as 'GET',
    url,
    key: admin,
    ...(payload ? { payload } : {}),
    ...(headers ? { headers } : {}),
  });
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

async function newPlan(partnerId: string, period: string) {
  const res = await send('POST', '/api/v1/plans', { partnerId, period });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
async function newKpi(planId: string, payload: object) {
  const res = await send('POST', `/api/v1/plans/${planId}/kpis`, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const planVersion = async (id: string) =>
  (await send('GET', `/api/v1/plans/${id}`)).json().version as number;
async function moveTo(id: string, ...statuses: string[]) {
  for (const to of statuses) {
    const extra = to === 'agreed' ? { agreedBy: 'Ada', agreedOn: '2025-01-10' } : {};
    const res = await send(
      'POST',
      `/api/v1/plans/${id}/transitions`,
      { to, ...extra },
      ifMatch(await planVersion(id)),
    );
    expect(res.statusCode, res.body).toBe(200);
  }
}
const measurementRows = async (kpiId: string) =>
  (
    await t.database.sql(
      'SELECT period, value::text AS value, source, note FROM kpi_measurements WHERE kpi_id = $1 ORDER BY period',
      [kpiId],
    )
  ).rows;
const months = (year: number, values: number[]) =>
  values.map((value, i) => ({ period: `FY${year}-M${String(i + 1).padStart(2, '0')}`, value }));

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
});
afterAll(() => t.close());

describe('KPI definitions', () => {
  it('are added, read, changed and deleted on a draft plan, each with an audit event', async () => {
    const planId = await newPlan(world.a.partners[0], 'FY2025');
    const before = await planVersion(planId);
    const made = await send('POST', `/api/v1/plans/${planId}/kpis`, {
      name: 'Sourced pipeline',
      unit: 'currency',
      currency: 'eur',
      target: 120_000_00,
      ownerMemberId: world.a.members.member.memberId,
    });
    expect(made.statusCode).toBe(201);
    const kpi = made.json();
    expect(kpi).toMatchObject({
      planId,
      position: 0,
      unit: 'currency',
      currency: 'EUR',
      target: 12_000_000,
      baseline: null,
      direction: 'higher',
      cadence: 'monthly',
      aggregation: 'sum',
      source: 'manual',
      version: 1,
    });
    // A year gone by with nothing recorded is at risk, as the status rule says.
    expect(kpi.progress).toMatchObject({ actual: null, attainment: null, status: 'at_risk' });
    expect(made.headers.location).toBe(`/api/v1/kpis/${kpi.id}`);
    // The KPIs are part of the plan's content: its ETag moves.
    expect(await planVersion(planId)).toBe(before + 1);

    const second = await newKpi(planId, { name: 'Win rate', unit: 'percent', target: 3000 });
    expect(second.position).toBe(1);
    const listed = (await send('GET', `/api/v1/plans/${planId}/kpis`)).json().items;
    expect(listed.map((k: { name: string }) => k.name)).toEqual(['Sourced pipeline', 'Win rate']);

    const changed = await send(
      'PATCH',
      `/api/v1/kpis/${second.id}`,
      { target: 3500, baseline: 2500, aggregation: 'last' },
      ifMatch(1),
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ target: 3500, baseline: 2500, version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    await expectDenied(t, 412, {
      method: 'PATCH',
      url: `/api/v1/kpis/${second.id}`,
      key: admin,
      headers: ifMatch(1),
      payload: { name: 'x' },
    });
    await expectDenied(t, 428, {
      method: 'DELETE',
      url: `/api/v1/kpis/${second.id}`,
      key: admin,
    });
    expect(
      (await send('DELETE', `/api/v1/kpis/${second.id}`, undefined, ifMatch(2))).statusCode,
    ).toBe(204);
    expect((await send('GET', `/api/v1/kpis/${second.id}`)).statusCode).toBe(404);
    const actions = (
      await t.database.sql(
        `SELECT action FROM audit_events WHERE entity_type = 'kpi' AND entity_id = $1 ORDER BY id`,
        [second.id],
      )
    ).rows.map((row) => (row as { action: string }).action);
    expect(actions).toEqual(['kpi.created', 'kpi.updated', 'kpi.deleted']);
  });

  it('refuse bad definitions naming the field, writing nothing', async () => {
    const planId = await newPlan(world.a.partners[1], 'FY2025-M03');
    const url = `/api/v1/plans/${planId}/kpis`;
    const bad = async (payload: object, field: string, status = 422) => {
      const res = await expectDenied(t, status, { method: 'POST', url, key: admin, payload });
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ name: 'Revenue', unit: 'currency', target: 100 }, 'currency');
    await bad({ name: 'Deals', unit: 'count', currency: 'EUR', target: 100 }, 'currency');
    await bad({ name: 'Deals', unit: 'count', target: -5 }, 'target');
    await bad({ name: 'Deals', unit: 'count', target: 2.5 }, 'target');
    await bad(
      { name: 'Churn', unit: 'percent', target: 300, baseline: 400, aggregation: 'last' },
      'target',
    );
    await bad({ name: 'Deals', unit: 'count', target: 5, cadence: 'quarterly' }, 'cadence');
    await bad({ name: 'Deals', unit: 'currency', currency: 'EURO', target: 5 }, 'currency', 400);
    await bad(
      { name: 'Deals', unit: 'count', target: 5, ownerMemberId: world.b.members.admin.memberId },
      'ownerMemberId',
    );
  });
});

describe('measurements', () => {
  let planId: string;
  let deals: { id: string };
  let revenue: { id: string };
  let quarterly: { id: string };

  beforeAll(async () => {
    planId = await newPlan(world.a.partners[0], 'FY2024');
    deals = await newKpi(planId, { name: 'Deals', unit: 'count', target: 120 });
    revenue = await newKpi(planId, {
      name: 'Revenue',
      unit: 'currency',
      currency: 'EUR',
      target: 1_200_000,
    });
    quarterly = await newKpi(planId, {
      name: 'NPS',
      unit: 'percent',
      target: 5000,
      cadence: 'quarterly',
      aggregation: 'last',
    });
  });

  it('are written in one batch and the progress columns follow in the same request', async () => {
    const res = await send('PUT', `/api/v1/plans/${planId}/measurements`, {
      measurements: [
        ...months(2024, Array(12).fill(10)).map((m) => ({ kpiId: deals.id, ...m })),
        {
          kpiId: revenue.id,
          period: 'FY2024-M01',
          value: 50_000,
          currency: 'eur',
          note: 'Q1 deal',
        },
        { kpiId: quarterly.id, period: 'FY2024-Q4', value: 4000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    const byName = Object.fromEntries(items.map((k: { name: string }) => [k.name, k]));
    expect(byName.Deals.progress).toMatchObject({
      actual: 120,
      attainment: 1,
      status: 'on_track',
    });
    expect(byName.Revenue.progress).toMatchObject({ actual: 50_000, status: 'off_track' });
    expect(byName.NPS.progress).toMatchObject({ actual: 4000, attainment: 0.8 });
    const stored = (
      await t.database.sql(
        'SELECT name, status, attainment, progress_on::text AS day FROM kpis WHERE plan_id = $1 ORDER BY position',
        [planId],
      )
    ).rows;
    expect(stored).toEqual([
      expect.objectContaining({ name: 'Deals', status: 'on_track', attainment: 1 }),
      expect.objectContaining({ name: 'Revenue', status: 'off_track' }),
      expect.objectContaining({ name: 'NPS', attainment: 0.8 }),
    ]);
    expect(await measurementRows(revenue.id)).toEqual([
      { period: 'FY2024-M01', value: '50000', source: 'api', note: 'Q1 deal' },
    ]);
    const listed = (await send('GET', `/api/v1/kpis/${revenue.id}/measurements`)).json().items;
    expect(listed).toEqual([
      expect.objectContaining({
        period: 'FY2024-M01',
        value: 50_000,
        source: 'api',
        recordedById: null,
      }),
    ]);
  });

  it('replace a period recorded again, and a null removes it', async () => {
    const url = `/api/v1/plans/${planId}/measurements`;
    await send('PUT', url, {
      measurements: [{ kpiId: revenue.id, period: 'FY2024-M01', value: 60_000 }],
    });
    await send('PUT', url, {
      measurements: [{ kpiId: revenue.id, period: 'FY2024-M02', value: 1 }],
    });
    expect(await measurementRows(revenue.id)).toEqual([
      { period: 'FY2024-M01', value: '60000', source: 'api', note: '' },
      { period: 'FY2024-M02', value: '1', source: 'api', note: '' },
    ]);
    const res = await send('PUT', url, {
      measurements: [{ kpiId: revenue.id, period: 'FY2024-M02', value: null }],
    });
    expect(res.json().items[1].progress.actual).toBe(60_000);
    expect(await measurementRows(revenue.id)).toHaveLength(1);
  });

  it('are all or nothing: one bad item names its field and nothing is written', async () => {
    const otherPlan = await newPlan(world.a.partners[1], 'FY2024');
    const foreign = await newKpi(otherPlan, { name: 'Other', unit: 'count', target: 5 });
    const good = { kpiId: deals.id, period: 'FY2024-M01', value: 99 };
    const cases: Array<[object, string, string]> = [
      [
        { kpiId: foreign.id, period: 'FY2024-M01', value: 1 },
        'measurements.1.kpiId',
        'invalid_reference',
      ],
      [
        { kpiId: deals.id, period: 'FY2024-Q1', value: 1 },
        'measurements.1.period',
        'invalid_period',
      ],
      [
        { kpiId: deals.id, period: 'FY2025-M01', value: 1 },
        'measurements.1.period',
        'invalid_period',
      ],
      [
        { kpiId: quarterly.id, period: 'FY2024-M01', value: 1 },
        'measurements.1.period',
        'invalid_period',
      ],
      [{ kpiId: deals.id, period: 'FY2024-M01', value: 5 }, 'measurements.1.period', 'repeated'],
      [
        { kpiId: deals.id, period: 'FY2024-M02', value: -1 },
        'measurements.1.value',
        'invalid_value',
      ],
      [
        { kpiId: deals.id, period: 'FY2024-M02', value: 1.5 },
        'measurements.1.value',
        'invalid_value',
      ],
      [
        { kpiId: revenue.id, period: 'FY2024-M02', value: 1, currency: 'USD' },
        'measurements.1.currency',
        'wrong_currency',
      ],
      [
        { kpiId: deals.id, period: 'FY2024-M02', value: 1, currency: 'EUR' },
        'measurements.1.currency',
        'wrong_currency',
      ],
    ];
    for (const [item, field, code] of cases) {
      const res = await expectDenied(t, 422, {
        method: 'PUT',
        url: `/api/v1/plans/${planId}/measurements`,
        key: admin,
        payload: { measurements: [good, item] },
      });
      expect(res.json().code).toBe('invalid_measurements');
      expect(res.json().errors).toEqual([expect.objectContaining({ field, code })]);
    }
    const tooMany = Array.from({ length: 1001 }, () => good);
    await expectDenied(t, 400, {
      method: 'PUT',
      url: `/api/v1/plans/${planId}/measurements`,
      key: admin,
      payload: { measurements: tooMany },
    });
  });

  it('go on agreed and active plans, never closed ones; definitions lock with the plan', async () => {
    await moveTo(planId, 'proposed', 'agreed');
    const url = `/api/v1/plans/${planId}/measurements`;
    const one = (value: number) => ({
      measurements: [{ kpiId: deals.id, period: 'FY2024-M05', value }],
    });
    expect((await send('PUT', url, one(11))).statusCode).toBe(200);
    const kpi = (await send('GET', `/api/v1/kpis/${deals.id}`)).json();
    for (const options of [
      {
        method: 'POST',
        url: `/api/v1/plans/${planId}/kpis`,
        payload: { name: 'X', unit: 'count', target: 1 },
      },
      {
        method: 'PATCH',
        url: `/api/v1/kpis/${deals.id}`,
        payload: { target: 1 },
        headers: ifMatch(kpi.version),
      },
      { method: 'DELETE', url: `/api/v1/kpis/${deals.id}`, headers: ifMatch(kpi.version) },
    ]) {
      const res = await expectDenied(t, 409, {
        ...(options as { method: 'GET'; url: string }),
        key: admin,
      });
      expect(res.json().code).toBe('plan_locked');
    }
    // The agreed snapshot holds the KPIs; a revision that changes a target shows it.
    const versions = (await send('GET', `/api/v1/plans/${planId}/versions`)).json().items;
    expect(versions[0].snapshot.kpis).toEqual([
      expect.objectContaining({ name: 'Deals', unit: 'count', target: 120, cadence: 'monthly' }),
      expect.objectContaining({ name: 'Revenue', currency: 'EUR', target: 1_200_000 }),
      expect.objectContaining({ name: 'NPS', aggregation: 'last' }),
    ]);
    const revised = await send(
      'POST',
      `/api/v1/plans/${planId}/revisions`,
      undefined,
      ifMatch(await planVersion(planId)),
    );
    expect(revised.statusCode).toBe(200);
    expect(
      (await send('PATCH', `/api/v1/kpis/${deals.id}`, { target: 150 }, ifMatch(kpi.version)))
        .statusCode,
    ).toBe(200);
    const changes = (await send('GET', `/api/v1/plans/${planId}/changes`)).json().changes;
    expect(changes).toEqual([
      expect.objectContaining({
        field: 'kpis.0.target',
        change: 'changed',
        before: '120',
        after: '150',
      }),
    ]);
    // Once measured, the unit is fixed.
    const fixed = await expectDenied(t, 409, {
      method: 'PATCH',
      url: `/api/v1/kpis/${deals.id}`,
      key: admin,
      headers: ifMatch(kpi.version + 1),
      payload: { unit: 'duration' },
    });
    expect(fixed.json().errors[0]).toMatchObject({ field: 'unit', code: 'kpi_has_measurements' });

    await moveTo(planId, 'proposed', 'agreed', 'active');
    expect((await send('PUT', url, one(12))).statusCode).toBe(200);
    await moveTo(planId, 'closed');
    const closed = await expectDenied(t, 409, { method: 'PUT', url, key: admin, payload: one(13) });
    expect(closed.json().code).toBe('plan_closed');
  });
});

describe('owners and recorders who go', () => {
  it('leave the KPI and its values when the contact is deleted or the member leaves', async () => {
    const contact = (
      await send('POST', '/api/v1/contacts', {
        partnerId: world.a.partners[0],
        firstName: 'Grace',
        lastName: 'Leaving',
      })
    ).json().id;
    const planId = await newPlan(world.a.partners[0], 'FY2030');
    const manager = world.a.members.manager;
    const kpi = await newKpi(planId, {
      name: 'Deals',
      unit: 'count',
      target: 5,
      ownerMemberId: manager.memberId,
      ownerContactId: contact,
    });
    const recorded = await request(t.app, {
      method: 'PUT',
      url: `/api/v1/plans/${planId}/measurements`,
      cookie: await signIn(t.app, manager.email),
      payload: { measurements: [{ kpiId: kpi.id, period: 'FY2030-M01', value: 2 }] },
    });
    expect(recorded.statusCode).toBe(200);
    const [value] = (await send('GET', `/api/v1/kpis/${kpi.id}/measurements`)).json().items;
    expect(value).toMatchObject({ source: 'manual', recordedById: manager.memberId });
    expect((await send('DELETE', `/api/v1/contacts/${contact}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/v1/members/${manager.memberId}`)).statusCode).toBe(204);
    const after = (await send('GET', `/api/v1/kpis/${kpi.id}`)).json();
    expect(after).toMatchObject({ ownerMemberId: null, ownerContactId: null });
    const [kept] = (await send('GET', `/api/v1/kpis/${kpi.id}/measurements`)).json().items;
    expect(kept).toMatchObject({ value: 2, recordedById: null });
  });
});

describe('the daily refresh', () => {
  it('recomputes the progress of open plans whose day has passed, once a day', async () => {
    const planId = await newPlan(world.a.partners[1], 'FY2023');
    const kpi = await newKpi(planId, { name: 'Deals', unit: 'count', target: 12 });
    await t.database.sql(
      "UPDATE kpis SET progress_on = '2000-01-01', status = NULL, attainment = NULL WHERE id = $1",
      [kpi.id],
    );
    const refreshed = await refreshOpenKpis(t.database, new Date());
    expect(refreshed).toBeGreaterThanOrEqual(1);
    const [row] = (
      await t.database.sql('SELECT status, progress_on::text AS day FROM kpis WHERE id = $1', [
        kpi.id,
      ])
    ).rows as Array<{ status: string; day: string }>;
    expect(row?.status).toBe('at_risk');
    expect(row?.day).toBe(new Date().toISOString().slice(0, 10));
    // Done for the day: a second run finds nothing to do.
    expect(await refreshOpenKpis(t.database, new Date())).toBe(0);
  });

  it('recomputes a workspace whose fiscal year or time zone changed', async () => {
    const planId = await newPlan(world.a.partners[1], 'FY2022');
    const kpi = await newKpi(planId, { name: 'Deals', unit: 'count', target: 12 });
    const workspace = await send('GET', '/api/v1/workspace');
    const changed = await send(
      'PATCH',
      '/api/v1/workspace',
      { timeZone: 'Pacific/Kiritimati' },
      { 'if-match': workspace.headers.etag as string },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    const day = async () =>
      (
        (await t.database.sql('SELECT progress_on::text AS day FROM kpis WHERE id = $1', [kpi.id]))
          .rows[0] as { day: string | null }
      ).day;
    expect(await day()).toBeNull();
    const now = new Date();
    await refreshOpenKpis(t.database, now);
    expect(await day()).toBe(dateAt(now.getTime(), 'Pacific/Kiritimati'));
  });
});
