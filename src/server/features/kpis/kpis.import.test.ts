import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  expectDenied,
  request,
  type TestApp,
} from '../../../../test/harness';

let t: TestApp;
let world: World;
let admin: string;
let planId: string;
let deals: string;
let revenue: string;
let winRate: string;

const csv = 'text/csv';
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const importUrl = (dryRun = false) =>
  `/api/v1/plans/${planId}/measurements/import${dryRun ? '?dryRun=true' : ''}`;
const upload = (type: string, payload: string | Buffer, dryRun = false) =>
  request(t.app, {
    method: 'POST',
    url: importUrl(dryRun),
    key: admin,
    headers: { 'content-type': type },
    payload,
  });
const stored = async () =>
  (
    await t.database.sql(
      `SELECT k.name, m.period, m.value::text AS value, m.source, m.note
       FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id WHERE k.plan_id = $1
       ORDER BY k.position, m.period`,
      [planId],
    )
  ).rows;

async function kpi(payload: object) {
  const res = await request(t.app, {
    method: 'POST',
    url: `/api/v1/plans/${planId}/kpis`,
    key: admin,
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  planId = (
    await request(t.app, {
      method: 'POST',
      url: '/api/v1/plans',
      key: admin,
      payload: { partnerId: world.a.partners[0], period: 'FY2025' },
    })
  ).json().id;
  deals = await kpi({ name: 'Deals', unit: 'count', target: 120 });
  revenue = await kpi({ name: 'Revenue', unit: 'currency', currency: 'EUR', target: 1_000_000 });
  winRate = await kpi({ name: 'Win rate', unit: 'percent', target: 3000, aggregation: 'average' });
});
afterAll(() => t.close());

describe('a CSV import', () => {
  const good = () =>
    [
      'KPI,Period,Value,Note',
      'Deals,FY2025-M01,10,',
      `${revenue},FY2025-M01,1234.56,"First deal, signed"`,
      'win rate,FY2025-M01,12.5,',
    ].join('\r\n');

  it('previews with dryRun, in stored units, and writes nothing', async () => {
    const before = await databaseSnapshot(t.database);
    const res = await upload(csv, good(), true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: true,
      written: 0,
      rows: [
        { row: 2, kpiId: deals, kpiName: 'Deals', value: 10, previous: null, change: 'add' },
        { row: 3, kpiId: revenue, value: 123_456, note: 'First deal, signed' },
        { row: 4, kpiId: winRate, value: 1250 },
      ],
    });
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('writes every row with source import, and the progress follows', async () => {
    const res = await upload(csv, good());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, written: 3 });
    expect(res.json().kpis[0].progress.actual).toBe(10);
    expect(await stored()).toEqual([
      { name: 'Deals', period: 'FY2025-M01', value: '10', source: 'import', note: '' },
      {
        name: 'Revenue',
        period: 'FY2025-M01',
        value: '123456',
        source: 'import',
        note: 'First deal, signed',
      },
      { name: 'Win rate', period: 'FY2025-M01', value: '1250', source: 'import', note: '' },
    ]);
    // The same file again changes nothing.
    const again = await upload(csv, good(), true);
    expect(again.json().rows.map((r: { change: string }) => r.change)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
  });

  it('refuses a file with bad rows, naming each row and column, and writes nothing', async () => {
    const bad = [
      'kpi,period,value,note',
      'Deals,FY2025-M02,11,',
      'Nobody,FY2025-M02,1,',
      'Deals,FY2025-Q1,1,',
      'Deals,FY2025-M03,-1,',
      'Revenue,FY2025-M02,1.234,',
      'Deals,FY2025-M04,,',
      'Win rate,FY2026-M01,abc,',
      'Deals,FY2025-M02,12,',
    ].join('\n');
    const res = await expectDenied(t, 422, {
      method: 'POST',
      url: importUrl(),
      key: admin,
      headers: { 'content-type': csv },
      payload: bad,
    });
    expect(res.json().code).toBe('invalid_import');
    expect(
      res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
    ).toEqual([
      ['rows.3.kpi', 'invalid_reference'],
      ['rows.4.period', 'invalid_period'],
      ['rows.5.value', 'invalid_value'],
      ['rows.6.value', 'invalid_value'],
      ['rows.7.value', 'required'],
      ['rows.8.value', 'invalid_value'],
      ['rows.9.period', 'repeated'],
    ]);
  });

  it('reads a semicolon-separated file and refuses control characters in a note', async () => {
    const res = await upload(csv, 'kpi;period;value;note\nDeals;FY2025-M09;4;Autumn\n', true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual([
      expect.objectContaining({ row: 2, kpiId: deals, value: 4, note: 'Autumn' }),
    ]);
    const nul = await expectDenied(t, 422, {
      method: 'POST',
      url: importUrl(),
      key: admin,
      headers: { 'content-type': csv },
      payload: 'kpi,period,value,note\nDeals,FY2025-M09,4,a\u0000b\n',
    });
    expect(nul.json().errors).toEqual([
      expect.objectContaining({ field: 'rows.2.note', code: 'invalid_text' }),
    ]);
  });

  it('refuses a file without the columns, an unreadable one, and JSON', async () => {
    const missing = await expectDenied(t, 422, {
      method: 'POST',
      url: importUrl(),
      key: admin,
      headers: { 'content-type': csv },
      payload: 'name,when\nDeals,FY2025-M01',
    });
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'columns.kpi',
      'columns.period',
      'columns.value',
    ]);
    await expectDenied(t, 422, {
      method: 'POST',
      url: importUrl(),
      key: admin,
      headers: { 'content-type': csv },
      payload: 'kpi,period,value\n"Deals,FY2025-M01,1',
    });
    await expectDenied(t, 422, {
      method: 'POST',
      url: importUrl(),
      key: admin,
      headers: { 'content-type': xlsx },
      payload: Buffer.from('not a zip'),
    });
    await expectDenied(t, 415, {
      method: 'POST',
      url: importUrl(),
      key: admin,
      payload: { measurements: [] },
    });
  });

  it('is refused to a viewer and to another workspace, writing nothing', async () => {
    await expectDenied(t, 403, {
      method: 'POST',
      url: importUrl(),
      key: world.a.members.viewer.key,
      headers: { 'content-type': csv },
      payload: good(),
    });
    await expectDenied(t, 404, {
      method: 'POST',
      url: importUrl(),
      key: world.b.members.admin.key,
      headers: { 'content-type': csv },
      payload: good(),
    });
  });
});

describe('an XLSX import', () => {
  it('reads a workbook written by exceljs: numbers, formulas and percent cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Measurements');
    sheet.addRow(['kpi', 'period', 'value', 'note']);
    sheet.addRow(['Deals', 'FY2025-M05', 7, 'From the CRM']);
    sheet.addRow(['Revenue', 'FY2025-M05', { formula: '1000+0.5', result: 1000.5 }]);
    const percent = sheet.addRow(['Win rate', 'FY2025-M05', 0.25]);
    percent.getCell(3).numFmt = '0.00%';
    sheet.addRow([]);
    sheet.addRow(['Deals', 'FY2025-M06', -2]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    const bad = await expectDenied(t, 422, {
      method: 'POST',
      url: importUrl(),
      key: admin,
      headers: { 'content-type': xlsx },
      payload: file,
    });
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ field: 'rows.6.value', code: 'invalid_value' }),
    ]);

    sheet.spliceRows(6, 1);
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(xlsx, fixed);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.map((r: { row: number; value: number }) => [r.row, r.value])).toEqual([
      [2, 7],
      [3, 100_050],
      [4, 2500],
    ]);
    expect(await stored()).toEqual(
      expect.arrayContaining([
        { name: 'Deals', period: 'FY2025-M05', value: '7', source: 'import', note: 'From the CRM' },
      ]),
    );
  });
});
