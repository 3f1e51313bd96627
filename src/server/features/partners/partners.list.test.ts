import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import { createTestApp, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let admin: string;
type Item = { id: string; name: string; createdAt: string; updatedAt: string };

const list = async (query: string, key = admin) => {
  const res = await request(t.app, { method: 'GET', url: `/api/v1/partners?${query}`, key });
  return { status: res.statusCode, body: res.json() };
};
const names = (body: { items: Item[] }) => body.items.map((p) => p.name);

/** Every page of a list, following nextCursor. */
async function allPages(query: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const { status, body } = await list(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(status).toBe(200);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('too many pages');
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  const manager = world.a.members.manager.memberId;
  const fixtures = [
    {
      name: 'Andes Cloud',
      type: 'technology',
      tier: 'gold',
      stage: 'active',
      country: 'CL',
      tags: ['cloud'],
      domains: ['andescloud.cl'],
    },
    {
      name: 'Bluebay Gaming',
      type: 'reseller',
      tier: 'silver',
      stage: 'prospect',
      country: 'GB',
      tags: ['gaming'],
      ownerId: manager,
    },
    {
      name: 'Cafe Mueller',
      type: 'supplier',
      tier: 'bronze',
      stage: 'at_risk',
      country: 'DE',
      tags: ['food', 'cloud'],
    },
    {
      name: 'Delta 100% Partners',
      type: 'referral',
      stage: 'ended',
      country: 'US',
      domains: ['delta.com'],
    },
    { name: 'Delta_Faucet', type: 'distributor', stage: 'active', country: 'US', ownerId: manager },
  ];
  for (const partner of fixtures) {
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key: admin,
      payload: partner,
    });
    expect(res.statusCode).toBe(201);
  }
  // Twenty more with repeated names, so pages split inside runs of equal sort values.
  for (let i = 0; i < 20; i++) {
    await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key: admin,
      payload: { name: `Zeta ${i % 3}`, tags: ['bulk'] },
    });
  }
});
afterAll(() => t.close());

describe('partner list filters and search', () => {
  it('sorts by name by default and answers a page with nextCursor', async () => {
    const { body } = await list('type=reseller&type=supplier&type=referral&limit=2');
    expect(names(body)).toEqual(['Bluebay Gaming', 'Cafe Mueller']);
    expect(typeof body.nextCursor).toBe('string');
  });

  it('filters by each field, repeated for several values, matching any', async () => {
    expect(names((await list('type=reseller')).body)).toEqual(['Bluebay Gaming']);
    expect(names((await list('type=reseller&type=supplier')).body)).toEqual([
      'Bluebay Gaming',
      'Cafe Mueller',
    ]);
    expect((await list('type=reseller,supplier')).status).toBe(400);
    expect(names((await list('tier=gold')).body)).toEqual(['Andes Cloud']);
    expect(names((await list('stage=active&country=us')).body)).toEqual(['Delta_Faucet']);
    expect(names((await list(`ownerId=${world.a.members.manager.memberId}`)).body)).toEqual([
      'Bluebay Gaming',
      'Delta_Faucet',
    ]);
    expect(names((await list('tag=Cloud')).body)).toEqual(['Andes Cloud', 'Cafe Mueller']);
    expect(names((await list('tag=cloud&type=supplier')).body)).toEqual(['Cafe Mueller']);
  });

  it('searches name and domains, taking % and _ literally', async () => {
    expect(names((await list('q=DELTA')).body)).toEqual(['Delta 100% Partners', 'Delta_Faucet']);
    expect(names((await list('q=andescloud.cl')).body)).toEqual(['Andes Cloud']);
    expect(names((await list('q=100%25')).body)).toEqual(['Delta 100% Partners']);
    expect(names((await list('q=a_f')).body)).toEqual(['Delta_Faucet']);
    expect(names((await list('q=%25')).body)).toEqual(['Delta 100% Partners']);
  });

  it('treats blank search text as no search', async () => {
    const all = names((await list('limit=100')).body);
    expect(names((await list('q=&limit=100')).body)).toEqual(all);
    expect(names((await list('q=%20%20&limit=100')).body)).toEqual(all);
  });

  it('hides archived partners unless asked', async () => {
    const { body } = await list('q=bluebay');
    const id = body.items[0].id;
    await request(t.app, { method: 'DELETE', url: `/api/v1/partners/${id}`, key: admin });
    expect(names((await list('q=bluebay')).body)).toEqual([]);
    expect(names((await list('q=bluebay&archived=true')).body)).toEqual(['Bluebay Gaming']);
    expect(names((await list('archived=only')).body)).toEqual(['Bluebay Gaming']);
    expect((await list('archived=true')).body.items.length).toBeGreaterThan(20);
    await request(t.app, { method: 'POST', url: `/api/v1/partners/${id}/restore`, key: admin });
    expect(names((await list('q=bluebay')).body)).toEqual(['Bluebay Gaming']);
  });

  it('refuses bad list parameters with 400 naming them', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['type=friend', 'type'],
      ['ownerId=nope', 'ownerId'],
      ['sort=size', 'sort'],
      ['archived=yes', 'archived'],
      ['color=red', 'color'],
    ]) {
      const { status, body } = await list(query as string);
      expect(status, query).toBe(400);
      expect(body.errors.map((e: { field: string }) => e.field).join(' '), query).toContain(field);
    }
  });
});

describe('partner list keyset pagination', () => {
  const sorts = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'];
  it.each(sorts)('walks every page of sort=%s without duplicates or gaps', async (sort) => {
    const whole = (await list(`sort=${sort}&limit=200`)).body.items as Item[];
    expect(whole.length).toBe(27);
    const paged = await allPages(`sort=${sort}&limit=4`);
    expect(paged.map((p) => p.id)).toEqual(whole.map((p) => p.id));
    const key = sort.replace('-', '') as keyof Item;
    const values = whole.map((p) => p[key]);
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (sort.startsWith('-')) sorted.reverse();
    if (key !== 'name') expect(values).toEqual(sorted);
  });

  it('keeps filters across pages', async () => {
    const paged = await allPages('tag=bulk&limit=6');
    expect(paged).toHaveLength(20);
    expect(new Set(paged.map((p) => p.id)).size).toBe(20);
    expect(paged.every((p) => p.name.startsWith('Zeta'))).toBe(true);
  });

  it('refuses a tampered cursor or one from another sort with 400 invalid_cursor', async () => {
    const { body } = await list('limit=2');
    const cursor: string = body.nextCursor;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify([decoded[0].replace('A Partner Two', 'Zeta'), decoded[1]]),
    ).toString('base64url');
    for (const bad of [forged, `${cursor}x`, 'bm9wZQ', cursor.slice(0, -3)]) {
      const res = await list(`limit=2&cursor=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_cursor');
    }
    const otherSort = await list(`limit=2&sort=-name&cursor=${cursor}`);
    expect(otherSort.body.code).toBe('invalid_cursor');
  });
});
