import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SeededPartnerUser,
  seedPartnerUser,
  seedWorld,
  signIn,
  type World,
} from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let one: SeededPartnerUser;
let two: SeededPartnerUser;
let shared: string;

const log = (query: string, key = world.a.members.admin.key) =>
  request(t.app, { method: 'GET', url: `/api/v1/disclosures${query}`, key });

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  const made = await request(t.app, {
    method: 'POST',
    url: '/api/v1/interactions',
    key,
    payload: {
      partnerId: world.a.partners[0],
      kind: 'call',
      occurredAt: '2026-04-01T10:00:00Z',
      visibility: 'partner',
    },
  });
  shared = made.json().id;
  await request(t.app, {
    method: 'POST',
    url: '/api/v1/issues',
    key,
    payload: { partnerId: world.a.partners[1], title: 'Shared', visibility: 'partner' },
  });
  one = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  two = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_member');
  const oneCookie = await signIn(t.app, one.email);
  const twoCookie = await signIn(t.app, two.email);
  await request(t.app, { method: 'GET', url: '/api/v1/portal/interactions', cookie: oneCookie });
  await request(t.app, {
    method: 'GET',
    url: `/api/v1/portal/interactions/${shared}`,
    cookie: oneCookie,
  });
  await request(t.app, { method: 'GET', url: '/api/v1/portal/issues', cookie: twoCookie });
});
afterAll(() => t.close());

describe('reading the disclosure log', () => {
  it('shows admins what was shown, newest first, to whom, with the partner named', async () => {
    const res = await log('');
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items.map((d: { view: string; recordType: string }) => [d.recordType, d.view])).toEqual([
      ['issue', 'list'],
      ['interaction', 'record'],
      ['interaction', 'list'],
    ]);
    expect(items[1]).toMatchObject({
      partnerId: world.a.partners[0],
      partnerName: 'A Partner One',
      partnerUserId: one.partnerUserId,
      personName: 'Partner partner_admin',
      personEmail: one.email,
      recordId: shared,
      recordVersion: 1,
    });
  });

  it('filters by partner, record and partner user, and pages by keyset', async () => {
    const ids = async (query: string) =>
      (await log(query)).json().items.map((d: { recordType: string }) => d.recordType);
    expect(await ids(`?partnerId=${world.a.partners[1]}`)).toEqual(['issue']);
    expect(await ids(`?recordId=${shared}`)).toEqual(['interaction', 'interaction']);
    expect(await ids(`?partnerUserId=${one.partnerUserId}`)).toEqual([
      'interaction',
      'interaction',
    ]);
    const first = (await log('?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const rest = (await log(`?limit=2&cursor=${first.nextCursor}`)).json();
    expect(rest.items.map((d: { view: string }) => d.view)).toEqual(['list']);
    expect(rest.nextCursor).toBeNull();
  });

  it('keeps the log when the partner user is removed, as they were named', async () => {
    const res = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/partner-users/${two.partnerUserId}`,
      key: world.a.members.admin.key,
    });
    expect(res.statusCode).toBe(204);
    const items = (await log(`?partnerUserId=${two.partnerUserId}`)).json().items;
    expect(items).toHaveLength(1);
    expect(items[0].personEmail).toBe(two.email);
  });

  it("shows another workspace's admin nothing of A's log, even filtered by A's ids", async () => {
    const key = world.b.members.admin.key;
    expect((await log('', key)).json().items).toEqual([]);
    expect((await log(`?partnerId=${world.a.partners[0]}`, key)).json().items).toEqual([]);
    expect((await log(`?recordId=${shared}`, key)).json().items).toEqual([]);
  });

  it('is for admins only: managers, members, viewers and partner users get 403, changing nothing', async () => {
    for (const role of ['manager', 'member', 'viewer'] as const)
      await expectDenied(t, 403, {
        method: 'GET',
        url: '/api/v1/disclosures',
        key: world.a.members[role].key,
      });
    const cookie = await signIn(t.app, one.email);
    await expectDenied(t, 403, { method: 'GET', url: '/api/v1/disclosures', cookie });
  });

  it('refuses bad filters with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['?partnerId=nope', 'partnerId'],
      ['?limit=201', 'limit'],
      ['?cursor=forged', 'cursor'],
      ['?person=x', ''],
    ] as const) {
      const res = await expectDenied(t, 400, {
        method: 'GET',
        url: `/api/v1/disclosures${query}`,
        key: world.a.members.admin.key,
      });
      if (field) expect(res.json().errors?.[0]?.field, query).toBe(field);
    }
  });
});
