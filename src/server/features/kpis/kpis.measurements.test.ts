import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, type TestApp } from '../../../../test/harness';
import { ifMatch, planClient } from '../../../../test/plans';

let t: TestApp;
let world: World;
let admin: string;

const { send, newPlan, newKpi, planVersion, moveTo } = planClient(
  () => t,
  () => admin,
);
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
