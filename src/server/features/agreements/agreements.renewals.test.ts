import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { dateAt } from '../../../domain/periods';
import { addDays } from '../../../domain/renewals';

let t: TestApp;
let world: World;
let today: string;
const ids: Record<string, string> = {};

type Terms = {
  title: string;
  endIn: number;
  noticeDays?: number | null;
  status?: string;
  value?: [number, string];
  type?: string;
  partner?: 0 | 1;
  owner?: 'member' | 'manager';
  workspace?: 'a' | 'b';
};

async function insert(terms: Terms): Promise<string> {
  const id = randomUUID();
  const ws = world[terms.workspace ?? 'a'];
  await t.database.sql(
    `INSERT INTO agreements (id, workspace_id, partner_id, type, title, status, effective_on,
       end_on, notice_days, owner_id, value, currency)
     VALUES ($1, $2, $3, $4, $5, $6, '2020-01-01', $7, $8, $9, $10, $11)`,
    [
      id,
      ws.workspaceId,
      ws.partners[terms.partner ?? 0],
      terms.type ?? 'reseller',
      terms.title,
      terms.status ?? 'active',
      addDays(today, terms.endIn),
      terms.noticeDays ?? null,
      ws.members[terms.owner ?? 'member'].memberId,
      terms.value?.[0] ?? null,
      terms.value?.[1] ?? null,
    ],
  );
  ids[terms.title] = id;
  return id;
}

const list = (query: string, key = world.a.members.viewer.key) =>
  request(t.app, { method: 'GET', url: `/api/v1/agreements/renewals?${query}`, key });
const titles = (body: { items: Array<{ title: string }> }) => body.items.map((i) => i.title);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  await t.database.sql(`UPDATE workspaces SET time_zone = 'Pacific/Auckland'`);
  today = dateAt(Date.now(), 'Pacific/Auckland');
  // Notice deadline in 10 days (end in 40), worth EUR 1,000.00.
  await insert({ title: 'Notice soon', endIn: 40, noticeDays: 30, value: [100_000, 'EUR'] });
  // Notice deadline passed (expiring), ends in 20 days, worth EUR 500.00.
  await insert({
    title: 'Ends soon',
    endIn: 20,
    noticeDays: 60,
    status: 'expiring',
    value: [50_000, 'EUR'],
  });
  // Ends today: 0 days left; in USD; another owner and partner.
  await insert({
    title: '=Ends today',
    endIn: 0,
    value: [7_500, 'USD'],
    owner: 'manager',
    partner: 1,
    type: 'nda',
  });
  // Notice deadline in 50 days: in the 60- and 90-day windows only. No value.
  await insert({ title: 'Notice in 50', endIn: 140, noticeDays: 90 });
  // Ends in 85 days, no notice period.
  await insert({ title: 'Ends in 85', endIn: 85, value: [1, 'JPY'] });
  // Not in any window: ended yesterday, too far, not in force, another workspace.
  await insert({ title: 'Ended', endIn: -1, status: 'expiring' });
  await insert({ title: 'Far', endIn: 200 });
  await insert({ title: 'Draft', endIn: 5, status: 'draft' });
  await insert({ title: 'Terminated', endIn: 5, status: 'terminated' });
  await insert({ title: 'Other workspace', endIn: 5, workspace: 'b', value: [9, 'EUR'] });
});
afterAll(() => t.close());

describe('the renewals view', () => {
  it('lists the agreements whose next key date is in the window, soonest first, with days left', async () => {
    const res = await list('within=30');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ today, until: addDays(today, 30), agreements: 3 });
    expect(titles(body)).toEqual(['=Ends today', 'Notice soon', 'Ends soon']);
    expect(body.items.map((i: Record<string, unknown>) => [i.nextKeyDate, i.daysLeft])).toEqual([
      ['end_date', 0],
      ['notice_deadline', 10],
      ['end_date', 20],
    ]);
    expect(body.items[1]).toMatchObject({
      noticeDeadline: addDays(today, 10),
      nextKeyOn: addDays(today, 10),
      endOn: addDays(today, 40),
      partnerName: 'A Partner One',
    });
    // The value at stake, one sum per currency.
    expect(body.totals).toEqual([
      { currency: 'EUR', value: 150_000, agreements: 2 },
      { currency: 'USD', value: 7_500, agreements: 1 },
    ]);
  });

  it('widens to 60 and 90 days (30 by default) and filters by owner, partner and type', async () => {
    expect(titles((await list('')).json())).toEqual(['=Ends today', 'Notice soon', 'Ends soon']);
    expect(titles((await list('within=60')).json())).toEqual([
      '=Ends today',
      'Notice soon',
      'Ends soon',
      'Notice in 50',
    ]);
    const ninety = (await list('within=90')).json();
    expect(titles(ninety).at(-1)).toBe('Ends in 85');
    expect(ninety.agreements).toBe(5);
    expect(ninety.totals.map((s: { currency: string }) => s.currency)).toEqual([
      'EUR',
      'JPY',
      'USD',
    ]);
    const mine = (await list(`within=90&ownerId=${world.a.members.manager.memberId}`)).json();
    expect(titles(mine)).toEqual(['=Ends today']);
    expect(mine.totals).toEqual([{ currency: 'USD', value: 7_500, agreements: 1 }]);
    const partner = `partnerId=${world.a.partners[0]}`;
    expect(titles((await list(`within=30&${partner}&type=reseller`)).json())).toEqual([
      'Notice soon',
      'Ends soon',
    ]);
    expect(titles((await list('within=90&type=nda&type=mou')).json())).toEqual(['=Ends today']);
  });

  it('pages by keyset on (next key date, id), the totals over the whole window on every page', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 5; i++) {
      const page = (await list(`within=90&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...titles(page));
      expect(page.agreements).toBe(5);
      if (!page.nextCursor) break;
      cursor = encodeURIComponent(page.nextCursor);
    }
    expect(seen).toEqual(titles((await list('within=90')).json()));
    expect(seen).toHaveLength(5);
  });

  it('exports the window as CSV, formulas escaped', async () => {
    const res = await request(t.app, {
      method: 'GET',
      url: '/api/v1/agreements/renewals/export?within=30&format=csv',
      key: world.a.members.viewer.key,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="tandem-renewals-/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^Next key date,Next key date on,Days left,Notice deadline,ID,Title,/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`End date,${today},0,,${ids['=Ends today']},'=Ends today`);
    expect(lines[2]).toContain('1000.00,EUR');
  });
});

describe('who sees what', () => {
  it('another workspace sees only its own; its export neither', async () => {
    const b = (await list('within=30', world.b.members.admin.key)).json();
    expect(titles(b)).toEqual(['Other workspace']);
    expect(b.totals).toEqual([{ currency: 'EUR', value: 9, agreements: 1 }]);
    const csv = await request(t.app, {
      method: 'GET',
      url: '/api/v1/agreements/renewals/export?within=90',
      key: world.b.members.admin.key,
    });
    expect(csv.body).not.toContain('Notice soon');
  });

  it('a filter naming another workspace’s partner or owner finds nothing, and changes nothing', async () => {
    const res = await list(`within=90&partnerId=${world.a.partners[0]}`, world.b.members.admin.key);
    expect(res.json()).toMatchObject({ items: [], agreements: 0, totals: [] });
  });

  it('partner users are refused, even for their own partner, and nothing changes', async () => {
    const user = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
    const cookie = await signIn(t.app, user.email);
    await expectDenied(t, 403, {
      method: 'GET',
      url: '/api/v1/agreements/renewals?within=30',
      cookie,
    });
    await expectDenied(t, 403, {
      method: 'GET',
      url: '/api/v1/agreements/renewals/export?within=30',
      cookie,
    });
  });

  it('bad input is a 400 naming the field, with nothing changed', async () => {
    for (const [query, field] of [
      ['within=45', 'within'],
      ['within=30&type=lease', 'type'],
      ['within=30&ownerId=nope', 'ownerId'],
      ['within=30&cursor=forged', 'cursor'],
      ['within=30&status=active', 'status'],
    ]) {
      const res = await expectDenied(t, 400, {
        method: 'GET',
        url: `/api/v1/agreements/renewals?${query}`,
        key: world.a.members.viewer.key,
      });
      const body = res.json() as { errors?: Array<{ field: string }> };
      expect(JSON.stringify(body), query).toContain(field);
    }
  });
});
