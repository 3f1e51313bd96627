import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';
import { queryPlan } from '../../../../test/query-plan';

let t: TestApp;
let world: World;

type Entry = {
  id: string;
  kind: string;
  partnerId: string;
  partnerName: string;
  summary: Record<string, unknown>;
  actor: { name: string };
  people: string[];
};
type Page = { items: Entry[]; nextCursor: string | null };

async function patchPartner(partnerId: string, key: string, payload: object) {
  const current = await request(t.app, {
    method: 'GET',
    url: `/api/v1/partners/${partnerId}`,
    key,
  });
  const res = await request(t.app, {
    method: 'PATCH',
    url: `/api/v1/partners/${partnerId}`,
    key,
    headers: { 'if-match': String(current.headers.etag) },
    payload,
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function page(url: string, key: string): Promise<Page> {
  const res = await request(t.app, { method: 'GET', url, key });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  const [one, two] = world.a.partners;
  await patchPartner(one, key, { stage: 'onboarding' });
  await patchPartner(one, key, { stage: 'active' });
  await patchPartner(one, key, { ownerId: world.a.members.manager.memberId });
  await patchPartner(two, key, { stage: 'active' });
  await patchPartner(world.b.partners[0], world.b.members.admin.key, { stage: 'active' });
});
afterAll(() => t.close());

describe('partner timeline', () => {
  it('shows stage and owner changes newest first, with who made them', async () => {
    const key = world.a.members.viewer.key;
    const { items } = await page(`/api/v1/partners/${world.a.partners[0]}/timeline`, key);
    expect(items.map((e) => e.kind)).toEqual(['owner_change', 'stage_change', 'stage_change']);
    expect(items[1]?.summary).toEqual({ from: 'onboarding', to: 'active' });
    expect(items[0]?.summary.to).toBe(world.a.members.manager.memberId);
    expect(items[0]?.people).toContain(world.a.members.manager.memberId);
    expect(items[0]?.actor.name).toBe('admin key');
    expect(items[0]?.partnerName).toBe('A Partner One');
  });

  it('filters by kind and by person', async () => {
    const key = world.a.members.viewer.key;
    const url = `/api/v1/partners/${world.a.partners[0]}/timeline`;
    expect((await page(`${url}?kind=stage_change`, key)).items).toHaveLength(2);
    const manager = world.a.members.manager.memberId;
    const byPerson = await page(`${url}?person=${manager}`, key);
    expect(byPerson.items.map((e) => e.kind)).toEqual(['owner_change']);
    expect((await page(`${url}?kind=interaction`, key)).items).toEqual([]);
  });

  it('pages newest first with a keyset cursor and no entry twice', async () => {
    const key = world.a.members.viewer.key;
    const url = `/api/v1/partners/${world.a.partners[0]}/timeline?limit=2`;
    const first = await page(url, key);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await page(`${url}&cursor=${first.nextCursor}`, key);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = await page(`/api/v1/partners/${world.a.partners[0]}/timeline`, key);
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(all.items.map((e) => e.id));
  });

  it('reads a page in index order, never sorting the partner’s whole history', async () => {
    const plan = (where: string) =>
      queryPlan(
        t.database,
        `SELECT * FROM timeline_entries WHERE workspace_id = '${world.a.workspaceId}'
          ${where} ORDER BY occurred_at DESC, id DESC LIMIT 51`,
      );
    for (const where of [`AND partner_id = '${world.a.partners[0]}'`, '']) {
      const text = await plan(where);
      expect(text).toMatch(/Index Scan Backward using timeline_entries_\w+_idx/);
      expect(text).not.toContain('Sort');
    }
  });
});

describe('workspace activity', () => {
  it("lists every partner's entries of the workspace and none of another's", async () => {
    const { items } = await page('/api/v1/timeline', world.a.members.member.key);
    expect(items).toHaveLength(4);
    expect(new Set(items.map((e) => e.partnerId))).toEqual(new Set(world.a.partners));
    const other = await page('/api/v1/timeline', world.b.members.admin.key);
    expect(other.items.map((e) => e.partnerId)).toEqual([world.b.partners[0]]);
  });
});

describe('access', () => {
  it("another workspace gets 404 for A's partner timeline; a partner user is refused", async () => {
    const before = await databaseSnapshot(t.database);
    const res = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}/timeline`,
      key: world.b.members.admin.key,
    });
    expect(res.statusCode).toBe(404);
    const portal = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
    const cookie = await signIn(t.app, portal.email);
    const snapshot = await databaseSnapshot(t.database);
    // A record route hides the record from a role without the permission (404), a list refuses (403).
    const expected = {
      '/api/v1/timeline': 403,
      [`/api/v1/partners/${world.a.partners[0]}/timeline`]: 404,
    };
    for (const [url, status] of Object.entries(expected)) {
      const denied = await request(t.app, { method: 'GET', url, cookie });
      expect(denied.statusCode, url).toBe(status);
    }
    expect(await databaseSnapshot(t.database)).toBe(snapshot);
    expect(before).not.toBe('');
  });

  it('refuses a cursor it did not give (400)', async () => {
    const res = await request(t.app, {
      method: 'GET',
      url: '/api/v1/timeline?cursor=abc',
      key: world.a.members.admin.key,
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('a member who leaves', () => {
  it("puts the owner change on each of their partners' timelines", async () => {
    const key = world.a.members.admin.key;
    const manager = world.a.members.manager.memberId;
    const removed = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${manager}`,
      key,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    const { items } = await page(`/api/v1/partners/${world.a.partners[0]}/timeline`, key);
    expect(items[0]).toMatchObject({
      kind: 'owner_change',
      summary: { from: manager, to: null },
      people: [manager],
    });
    const other = await page(`/api/v1/partners/${world.a.partners[1]}/timeline`, key);
    expect(other.items.map((e) => e.kind)).toEqual(['stage_change']);
  });
});
