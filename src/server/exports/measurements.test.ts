import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  expectDenied,
  request,
  type TestApp,
} from '../../../test/harness';
import { systemScope } from '../access/scope';
import { measurementBatches } from './measurements';

let t: TestApp;
let world: World;
let partnerCookie: string;

const rowsOf = (res: LightMyRequestResponse) =>
  parse(res.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;

/** A plan at the partner with one KPI and the given measurements, through the API. */
async function planWith(
  key: string,
  partnerId: string,
  kpi: object,
  values: Array<{ period: string; value: number; note?: string }>,
) {
  const send = (method: string, url: string, payload?: object) =>
    request(t.app, { method: method as 'GET', url, key, ...(payload ? { payload } : {}) });
  const plan = await send('POST', '/api/v1/plans', { partnerId, period: 'FY2027' });
  expect(plan.statusCode, plan.body).toBe(201);
  const made = await send('POST', `/api/v1/plans/${plan.json().id}/kpis`, kpi);
  expect(made.statusCode, made.body).toBe(201);
  const kpiId = made.json().id as string;
  const put = await send('PUT', `/api/v1/plans/${plan.json().id}/measurements`, {
    measurements: values.map((v) => ({ kpiId, ...v })),
  });
  expect(put.statusCode, put.body).toBe(200);
  return kpiId;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  await planWith(
    world.a.members.member.key,
    world.a.partners[0],
    { name: '=Pipeline', unit: 'currency', currency: 'EUR', target: 10_000_000 },
    [
      { period: 'FY2027-M01', value: 123_456, note: '+ from the launch' },
      { period: 'FY2027-M02', value: -5_000 },
    ],
  );
  await planWith(
    world.a.members.admin.key,
    world.a.partners[1],
    { name: 'Win rate', unit: 'percent', target: 5_000, aggregation: 'average' },
    [{ period: 'FY2027-M01', value: 1_250 }],
  );
  await planWith(
    world.b.members.admin.key,
    world.b.partners[0],
    { name: 'B secret KPI', unit: 'count', target: 10 },
    [{ period: 'FY2027-M01', value: 7 }],
  );
  const admin = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  partnerCookie = await signIn(t.app, admin.email);
});
afterAll(() => t.close());

describe('the measurement export', () => {
  it('lists every measurement of the workspace with its partner, plan and KPI, values in everyday units', async () => {
    const res = await request(t.app, {
      method: 'GET',
      url: '/api/v1/measurements/export',
      key: world.a.members.viewer.key,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/tandem-measurements-.*\.csv"$/);
    const rows = rowsOf(res);
    expect(rows.map((r) => [r.Partner, r.KPI, r.Period, r.Value, r.Currency, r.Unit])).toEqual([
      ['A Partner One', "'=Pipeline", 'FY2027-M01', '1234.56', 'EUR', 'currency'],
      ['A Partner One', "'=Pipeline", 'FY2027-M02', '-50', 'EUR', 'currency'],
      ['A Partner Two', 'Win rate', 'FY2027-M01', '12.5', '', 'percent'],
    ]);
    expect(rows[0]).toMatchObject({
      'Plan period': 'FY2027',
      // Recorded with an API key: its source is `api`, and no member recorded it.
      Source: 'api',
      Note: "'+ from the launch",
      'Recorded by': '',
    });
    expect(rows[0]?.['Recorded at']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(res.body).not.toContain('B secret');
  });

  it('writes values as numbers in the Excel sheet', async () => {
    const res = await request(t.app, {
      method: 'GET',
      url: '/api/v1/measurements/export?format=xlsx',
      key: world.a.members.viewer.key,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Measurements');
    expect(sheet?.rowCount).toBe(4);
    expect(sheet?.getCell('J2').value).toBe(1234.56);
    expect(sheet?.getCell('J3').value).toBe(-50);
  });

  it('reads in keyset batches that together hold every row once', async () => {
    const all: string[] = [];
    for await (const batch of measurementBatches(
      { ...t.ctx, requestId: null },
      systemScope(world.a.workspaceId, 'cli'),
      2,
    ))
      all.push(...batch.map((m) => `${m[0]} ${m[1]}`));
    expect(all).toHaveLength(3);
    expect(new Set(all).size).toBe(3);
  });

  it('shows another workspace only its own, and refuses a partner user (403) and unknown parameters (400)', async () => {
    const before = await databaseSnapshot(t.database);
    const b = await request(t.app, {
      method: 'GET',
      url: '/api/v1/measurements/export',
      key: world.b.members.admin.key,
    });
    expect(rowsOf(b).map((r) => r.KPI)).toEqual(['B secret KPI']);
    expect(await databaseSnapshot(t.database)).toBe(before);
    await expectDenied(t, 403, {
      method: 'GET',
      url: '/api/v1/measurements/export',
      cookie: partnerCookie,
    });
    await expectDenied(t, 400, {
      method: 'GET',
      url: `/api/v1/measurements/export?partnerId=${world.a.partners[0]}`,
      key: world.a.members.admin.key,
    });
  });
});
