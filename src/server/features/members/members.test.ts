import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertManyPartners,
  seedPartnerUser,
  seedWorld,
  signIn,
  type World,
} from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

async function etagOf(key: string, id: string): Promise<string> {
  const res = await request(t.app, { method: 'GET', url: `/api/v1/members/${id}`, key });
  expect(res.statusCode).toBe(200);
  return String(res.headers.etag);
}

describe('members', () => {
  it('lists the workspace members with keyset pages', async () => {
    const key = world.a.members.viewer.key;
    const first = await request(t.app, { method: 'GET', url: '/api/v1/members?limit=3', key });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(3);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await request(t.app, {
      method: 'GET',
      url: `/api/v1/members?limit=3&cursor=${page1.nextCursor}`,
      key,
    });
    const page2 = second.json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify({ id: page1.items[0].id })).toString('base64url');
    const bad = await request(t.app, {
      method: 'GET',
      url: `/api/v1/members?cursor=${forged}`,
      key,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_cursor');
    const emails = [...page1.items, ...page2.items].map((m: { email: string }) => m.email).sort();
    expect(emails).toEqual(
      Object.values(world.a.members)
        .map((m) => m.email)
        .sort(),
    );
  });

  it('refuses viewers, members and partner users any management (403), changing nothing', async () => {
    const before = await databaseSnapshot(t.database);
    const target = world.a.members.viewer.memberId;
    for (const role of ['viewer', 'member', 'manager'] as const) {
      const key = world.a.members[role].key;
      const patch = await request(t.app, {
        method: 'PATCH',
        url: `/api/v1/members/${target}`,
        key,
        headers: { 'if-match': '"0"' },
        payload: { role: 'admin' },
      });
      expect(patch.statusCode).toBe(403);
      const del = await request(t.app, { method: 'DELETE', url: `/api/v1/members/${target}`, key });
      expect(del.statusCode).toBe(403);
    }
    const pu = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
    const cookie = await signIn(t.app, pu.email);
    const snapshot = await databaseSnapshot(t.database);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/members', cookie });
    expect(list.statusCode).toBe(403);
    const del = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${target}`,
      cookie,
    });
    // A partner user is told nothing about internal records: not found.
    expect(del.statusCode).toBe(404);
    expect(await databaseSnapshot(t.database)).toBe(snapshot);
    expect(before).not.toBe(snapshot); // the partner user was added in between
  });

  it("answers 404 to workspace B's admin for A's members, changing nothing", async () => {
    const key = world.b.members.admin.key;
    const target = world.a.members.member.memberId;
    const before = await databaseSnapshot(t.database);
    const get = await request(t.app, { method: 'GET', url: `/api/v1/members/${target}`, key });
    expect(get.statusCode).toBe(404);
    const patch = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/members/${target}`,
      key,
      headers: { 'if-match': '"0"' },
      payload: { role: 'viewer' },
    });
    expect(patch.statusCode).toBe(404);
    const del = await request(t.app, { method: 'DELETE', url: `/api/v1/members/${target}`, key });
    expect(del.statusCode).toBe(404);
    const reset = await request(t.app, {
      method: 'POST',
      url: `/api/v1/members/${target}/password-reset`,
      key,
    });
    expect(reset.statusCode).toBe(404);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/members', key });
    expect(list.json().items.map((m: { id: string }) => m.id)).not.toContain(target);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('needs If-Match (428) and refuses a stale one (412)', async () => {
    const key = world.a.members.admin.key;
    const target = world.a.members.member.memberId;
    const before = await databaseSnapshot(t.database);
    const missing = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/members/${target}`,
      key,
      payload: { role: 'viewer' },
    });
    expect(missing.statusCode).toBe(428);
    const stale = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/members/${target}`,
      key,
      headers: { 'if-match': '"12345"' },
      payload: { role: 'viewer' },
    });
    expect(stale.statusCode).toBe(412);
    const unknownField = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/members/${target}`,
      key,
      headers: { 'if-match': await etagOf(key, target) },
      payload: { role: 'viewer', workspaceId: world.b.workspaceId },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('answers the member’s version as its ETag, one more for every change', async () => {
    const key = world.b.members.admin.key;
    const target = world.b.members.viewer.memberId;
    expect(await etagOf(key, target)).toBe('"1"');
    for (const [role, etag] of [
      ['member', '"2"'],
      ['viewer', '"3"'],
    ] as const) {
      const res = await request(t.app, {
        method: 'PATCH',
        url: `/api/v1/members/${target}`,
        key,
        headers: { 'if-match': await etagOf(key, target) },
        payload: { role },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe(etag);
    }
  });

  it('applies a demotion on the very next request: sessions end, their keys stop working', async () => {
    const admin = world.a.members.admin.key;
    const manager = world.a.members.manager;
    const cookie = await signIn(t.app, manager.email);
    const created = await request(t.app, {
      method: 'POST',
      url: '/api/v1/api-keys',
      key: admin,
      payload: { name: 'made by manager later', role: 'member' },
    });
    expect(created.statusCode).toBe(201);
    // The seeded key was created by the manager (createdBy = their member id).
    expect(
      (await request(t.app, { method: 'GET', url: '/api/v1/workspace', key: manager.key }))
        .statusCode,
    ).toBe(200);
    const res = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/members/${manager.memberId}`,
      key: admin,
      headers: { 'if-match': await etagOf(admin, manager.memberId) },
      payload: { role: 'viewer' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe('viewer');
    const session = await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie });
    expect(session.statusCode).toBe(401);
    const viaKey = await request(t.app, {
      method: 'GET',
      url: '/api/v1/workspace',
      key: manager.key,
    });
    expect(viaKey.statusCode).toBe(401);
    // Signing in again gives the new role.
    const again = await signIn(t.app, manager.email);
    const now = await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie: again });
    expect(now.json().role).toBe('viewer');
    const audit = await t.database.sql(
      "SELECT action, before, after FROM audit_events WHERE action = 'member.updated' AND entity_id = $1",
      [manager.memberId],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('keeps the last admin (409 last_admin) for demotion and removal', async () => {
    const admin = world.b.members.admin;
    const before = await databaseSnapshot(t.database);
    const demote = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/members/${admin.memberId}`,
      key: admin.key,
      headers: { 'if-match': await etagOf(admin.key, admin.memberId) },
      payload: { role: 'manager' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('last_admin');
    const remove = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${admin.memberId}`,
      key: admin.key,
    });
    expect(remove.statusCode).toBe(409);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('removes a member: their session and keys stop at once, the audit keeps who it was', async () => {
    const admin = world.b.members.admin.key;
    const member = world.b.members.member;
    const owned = world.b.partners[0];
    await t.database.sql('UPDATE partners SET owner_id = $1 WHERE id = $2', [
      member.memberId,
      owned,
    ]);
    const cookie = await signIn(t.app, member.email);
    const res = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${member.memberId}`,
      key: admin,
    });
    expect(res.statusCode).toBe(204);
    expect(
      (await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie })).statusCode,
    ).toBe(401);
    expect(
      (await request(t.app, { method: 'GET', url: '/api/v1/members', key: member.key })).statusCode,
    ).toBe(401);
    const signInAgain = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: member.email, password: 'correct horse battery staple' },
    });
    expect(signInAgain.statusCode).toBe(401);
    const audit = await t.database.sql(
      "SELECT before FROM audit_events WHERE action = 'member.removed' AND entity_id = $1",
      [member.memberId],
    );
    expect((audit.rows[0] as { before: { email: string } }).before.email).toBe(member.email);
    // Partners they owned are released, with a new version and a history entry.
    const partner = await t.database.sql('SELECT owner_id, version FROM partners WHERE id = $1', [
      owned,
    ]);
    expect(partner.rows[0]).toEqual({ owner_id: null, version: 2 });
    const history = await t.database.sql(
      "SELECT after FROM audit_events WHERE action = 'partner.updated' AND partner_id = $1",
      [owned],
    );
    expect(history.rows).toEqual([{ after: { ownerId: null } }]);
  });

  it('removes a member who owns 10 000 partners, releasing each with its audit event', async () => {
    const admin = world.a.members.admin.key;
    const manager = world.a.members.manager;
    const owned = await insertManyPartners(t.database, world.a.workspaceId, 10_000, {
      ownerId: manager.memberId,
    });
    const res = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${manager.memberId}`,
      key: admin,
    });
    expect(res.statusCode).toBe(204);
    const partners = await t.database.sql(
      'SELECT count(*)::int AS n, min(version) AS low, max(version) AS high FROM partners WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
      [world.a.workspaceId, owned],
    );
    expect(partners.rows).toEqual([{ n: 10_000, low: 2, high: 2 }]);
    const stillOwned = await t.database.sql(
      'SELECT count(*)::int AS n FROM partners WHERE owner_id = $1',
      [manager.memberId],
    );
    expect(stillOwned.rows).toEqual([{ n: 0 }]);
    const events = await t.database.sql(
      `SELECT count(*)::int AS n, count(DISTINCT partner_id)::int AS partners,
         count(*) FILTER (WHERE before = $2::jsonb AND after = '{"ownerId": null}'::jsonb
           AND actor_type = 'api_key' AND actor_name = 'admin key')::int AS described
       FROM audit_events WHERE action = 'partner.updated' AND partner_id = ANY($1::uuid[])`,
      [owned, JSON.stringify({ ownerId: manager.memberId })],
    );
    expect(events.rows).toEqual([{ n: 10_000, partners: 10_000, described: 10_000 }]);
    const removal = await t.database.sql(
      "SELECT after FROM audit_events WHERE action = 'member.removed' AND entity_id = $1",
      [manager.memberId],
    );
    expect(removal.rows).toEqual([
      {
        after: expect.objectContaining({
          releasedPartners: 10_000,
          revokedApiKeys: expect.any(Array),
        }),
      },
    ]);
  });

  it('hands the admin a reset link built from the public URL when there is no SMTP', async () => {
    const res = await request(t.app, {
      method: 'POST',
      url: `/api/v1/members/${world.a.members.viewer.memberId}/password-reset`,
      key: world.a.members.admin.key,
      headers: { host: 'evil.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().mailed).toBe(false);
    expect(res.json().resetUrl).toMatch(/^http:\/\/tandem\.test\/reset-password#token=[\w-]{43}$/);
  });
});
