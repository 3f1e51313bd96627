import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SeededPartnerUser,
  seedPartnerUser,
  seedWorld,
  signIn,
  type World,
} from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
/** A's partner one has an admin and a member, A's partner two a member, B's partner one an admin. */
let aOneAdmin: SeededPartnerUser;
let aOneMember: SeededPartnerUser;
let aTwoMember: SeededPartnerUser;
let bOneAdmin: SeededPartnerUser;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  aOneAdmin = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  aOneMember = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_member');
  aTwoMember = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_member');
  bOneAdmin = await seedPartnerUser(t.database, world.b, world.b.partners[0], 'partner_admin');
});
afterAll(() => t.close());

const url = (id: string) => `/api/v1/partner-users/${id}`;

async function etagOf(key: string, id: string): Promise<string> {
  const res = await request(t.app, { method: 'GET', url: url(id), key });
  expect(res.statusCode).toBe(200);
  return String(res.headers.etag);
}

function idsOf(res: { json(): { items: Array<{ id: string }> } }): string[] {
  return res.json().items.map((item) => item.id);
}

describe('partner users', () => {
  it('lists the workspace partner users with keyset pages, and filters by partner', async () => {
    const key = world.a.members.viewer.key;
    const first = await request(t.app, {
      method: 'GET',
      url: '/api/v1/partner-users?limit=2',
      key,
    });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partner-users?limit=2&cursor=${page1.nextCursor}`,
      key,
    });
    expect(second.json().nextCursor).toBeNull();
    expect([...idsOf(first), ...idsOf(second)].sort()).toEqual(
      [aOneAdmin, aOneMember, aTwoMember].map((pu) => pu.partnerUserId).sort(),
    );
    expect(page1.items[0]).toMatchObject({
      id: aOneAdmin.partnerUserId,
      userId: aOneAdmin.userId,
      email: aOneAdmin.email,
      role: 'partner_admin',
      partnerId: world.a.partners[0],
      partnerName: 'A Partner One',
    });

    const one = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partner-users?partnerId=${world.a.partners[1]}`,
      key,
    });
    expect(one.statusCode).toBe(200);
    expect(idsOf(one)).toEqual([aTwoMember.partnerUserId]);
    // Another workspace's partner names no one here.
    const foreign = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partner-users?partnerId=${world.b.partners[0]}`,
      key,
    });
    expect(foreign.json()).toEqual({ items: [], nextCursor: null });
  });

  it('shows one partner user with its ETag', async () => {
    const res = await request(t.app, {
      method: 'GET',
      url: url(aTwoMember.partnerUserId),
      key: world.a.members.member.key,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toMatch(/^"\d+"$/);
    expect(res.json()).toMatchObject({ partnerName: 'A Partner Two', role: 'partner_member' });
  });

  it('refuses viewers, members and managers any change (403), changing nothing', async () => {
    const before = await databaseSnapshot(t.database);
    const target = aOneMember.partnerUserId;
    for (const role of ['viewer', 'member', 'manager'] as const) {
      const key = world.a.members[role].key;
      const patch = await request(t.app, {
        method: 'PATCH',
        url: url(target),
        key,
        headers: { 'if-match': await etagOf(key, target) },
        payload: { role: 'partner_admin' },
      });
      expect(patch.statusCode).toBe(403);
      const del = await request(t.app, { method: 'DELETE', url: url(target), key });
      expect(del.statusCode).toBe(403);
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('refuses partner users these routes (403 for the list, 404 for a record), changing nothing', async () => {
    const cookie = await signIn(t.app, aOneAdmin.email);
    const before = await databaseSnapshot(t.database);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/partner-users', cookie });
    expect(list.statusCode).toBe(403);
    for (const target of [aOneMember.partnerUserId, aOneAdmin.partnerUserId]) {
      const get = await request(t.app, { method: 'GET', url: url(target), cookie });
      expect(get.statusCode).toBe(404);
      const patch = await request(t.app, {
        method: 'PATCH',
        url: url(target),
        cookie,
        headers: { 'if-match': '"0"' },
        payload: { role: 'partner_admin' },
      });
      expect(patch.statusCode).toBe(404);
      const del = await request(t.app, { method: 'DELETE', url: url(target), cookie });
      expect(del.statusCode).toBe(404);
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it("answers 404 to workspace B's admin for A's partner users, changing nothing", async () => {
    const key = world.b.members.admin.key;
    const target = aOneMember.partnerUserId;
    const ifMatch = await etagOf(world.a.members.admin.key, target);
    const before = await databaseSnapshot(t.database);
    const get = await request(t.app, { method: 'GET', url: url(target), key });
    expect(get.statusCode).toBe(404);
    expect(get.headers['content-type']).toContain('application/problem+json');
    const patch = await request(t.app, {
      method: 'PATCH',
      url: url(target),
      key,
      headers: { 'if-match': ifMatch },
      payload: { role: 'partner_admin' },
    });
    expect(patch.statusCode).toBe(404);
    const del = await request(t.app, { method: 'DELETE', url: url(target), key });
    expect(del.statusCode).toBe(404);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/partner-users', key });
    expect(idsOf(list)).toEqual([bOneAdmin.partnerUserId]);
    const filtered = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partner-users?partnerId=${world.a.partners[0]}`,
      key,
    });
    expect(filtered.json().items).toEqual([]);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('needs If-Match (428) and refuses a stale one (412)', async () => {
    const key = world.a.members.admin.key;
    const target = aOneMember.partnerUserId;
    const before = await databaseSnapshot(t.database);
    const missing = await request(t.app, {
      method: 'PATCH',
      url: url(target),
      key,
      payload: { role: 'partner_admin' },
    });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().code).toBe('if_match_required');
    const stale = await request(t.app, {
      method: 'PATCH',
      url: url(target),
      key,
      headers: { 'if-match': '"12345"' },
      payload: { role: 'partner_admin' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('stale_version');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('refuses bad input with 400 problem+json naming the field, changing nothing', async () => {
    const key = world.a.members.admin.key;
    const target = aOneMember.partnerUserId;
    const ifMatch = await etagOf(key, target);
    const before = await databaseSnapshot(t.database);
    const fieldsOf = (res: { json(): { errors: Array<{ field: string }> } }) =>
      res.json().errors.map((e) => e.field);

    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await request(t.app, {
        method,
        url: url('123'),
        key,
        headers: { 'if-match': ifMatch },
        ...(method === 'PATCH' ? { payload: { role: 'partner_member' } } : {}),
      });
      expect(res.statusCode, method).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(res)).toContain('id');
    }
    const cases: Array<[object, string]> = [
      [{ role: 'partner_admin', workspaceId: world.b.workspaceId }, 'workspaceId'],
      [{ role: 'partner_admin', partnerId: world.a.partners[1] }, 'partnerId'],
      // A partner user cannot be made a workspace member, nor given a made-up role.
      [{ role: 'admin' }, 'role'],
      [{ role: 'owner' }, 'role'],
      [{}, 'role'],
    ];
    for (const [payload, field] of cases) {
      const res = await request(t.app, {
        method: 'PATCH',
        url: url(target),
        key,
        headers: { 'if-match': ifMatch },
        payload,
      });
      expect(res.statusCode, field).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(res), field).toContain(field);
    }
    for (const [query, field] of [
      ['partnerId=nope', 'partnerId'],
      ['limit=0', 'limit'],
      ['role=partner_admin', 'role'],
    ]) {
      const res = await request(t.app, {
        method: 'GET',
        url: `/api/v1/partner-users?${query}`,
        key,
      });
      expect(res.statusCode, query).toBe(400);
      expect(fieldsOf(res), query).toContain(field);
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('raises a role keeping the session, and a lowered role ends it on the next request', async () => {
    const admin = world.a.members.admin.key;
    const target = await seedPartnerUser(
      t.database,
      world.a,
      world.a.partners[1],
      'partner_member',
    );
    const cookie = await signIn(t.app, target.email);

    const raised = await request(t.app, {
      method: 'PATCH',
      url: url(target.partnerUserId),
      key: admin,
      headers: { 'if-match': await etagOf(admin, target.partnerUserId) },
      payload: { role: 'partner_admin' },
    });
    expect(raised.statusCode).toBe(200);
    expect(raised.json().role).toBe('partner_admin');
    expect(raised.headers.etag).toBe(await etagOf(admin, target.partnerUserId));
    const still = await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie });
    expect(still.statusCode).toBe(200);
    expect(still.json().role).toBe('partner_admin');

    const lowered = await request(t.app, {
      method: 'PATCH',
      url: url(target.partnerUserId),
      key: admin,
      headers: { 'if-match': String(raised.headers.etag) },
      payload: { role: 'partner_member' },
    });
    expect(lowered.statusCode).toBe(200);
    expect(lowered.json().role).toBe('partner_member');
    const ended = await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie });
    expect(ended.statusCode).toBe(401);
    // Signing in again gives the new role.
    const again = await signIn(t.app, target.email);
    const now = await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie: again });
    expect(now.json().role).toBe('partner_member');

    const audit = await t.database.sql(
      "SELECT partner_id, entity_type, before, after FROM audit_events WHERE action = 'partner_user.updated' AND entity_id = $1 ORDER BY id",
      [target.partnerUserId],
    );
    expect(audit.rows).toEqual([
      {
        partner_id: world.a.partners[1],
        entity_type: 'partner_user',
        before: { role: 'partner_member' },
        after: { role: 'partner_admin', sessionsEnded: false },
      },
      {
        partner_id: world.a.partners[1],
        entity_type: 'partner_user',
        before: { role: 'partner_admin' },
        after: { role: 'partner_member', sessionsEnded: true },
      },
    ]);
  });

  it("removes a partner user: their session stops at once, the partner's history keeps who", async () => {
    const admin = world.a.members.admin.key;
    const target = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
    const cookie = await signIn(t.app, target.email);
    expect(
      (await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie })).statusCode,
    ).toBe(200);

    const res = await request(t.app, {
      method: 'DELETE',
      url: url(target.partnerUserId),
      key: admin,
    });
    expect(res.statusCode).toBe(204);
    expect(
      (await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie })).statusCode,
    ).toBe(401);
    expect(
      (await request(t.app, { method: 'GET', url: '/api/v1/contacts', cookie })).statusCode,
    ).toBe(401);
    expect(
      (await request(t.app, { method: 'GET', url: url(target.partnerUserId), key: admin }))
        .statusCode,
    ).toBe(404);
    const signInAgain = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: target.email, password: target.password },
    });
    expect(signInAgain.statusCode).toBe(401);
    const left = await t.database.sql(
      'SELECT (SELECT count(*)::int FROM users WHERE id = $1) AS users, (SELECT count(*)::int FROM partner_users WHERE user_id = $1) AS partner_users, (SELECT count(*)::int FROM sessions WHERE user_id = $1) AS sessions',
      [target.userId],
    );
    expect(left.rows[0]).toEqual({ users: 0, partner_users: 0, sessions: 0 });

    const history = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}/history`,
      key: world.a.members.viewer.key,
    });
    expect(history.statusCode).toBe(200);
    const removed = history
      .json()
      .items.find((e: { action: string }) => e.action === 'partner_user.removed');
    expect(removed).toMatchObject({
      entityType: 'partner_user',
      entityId: target.partnerUserId,
      before: { email: target.email, role: 'partner_admin', partnerId: world.a.partners[0] },
      after: null,
    });
  });
});
