import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  PUBLIC_URL,
  request,
  type TestApp,
} from '../../../../test/harness';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

const password = 'a new password of mine';

async function invite(payload: Record<string, unknown>, key = world.a.members.admin.key) {
  return request(t.app, { method: 'POST', url: '/api/v1/invitations', key, payload });
}

function tokenOf(inviteUrl: string): string {
  const match = /#token=([\w-]+)$/.exec(inviteUrl);
  if (!match?.[1]) throw new Error(`no token in ${inviteUrl}`);
  return match[1];
}

async function accept(token: string, name = 'New Person') {
  return request(t.app, {
    method: 'POST',
    url: '/api/v1/auth/invitations/accept',
    headers: { origin: PUBLIC_URL },
    payload: { token, name, password },
  });
}

describe('invitations', () => {
  it('invites without SMTP: the link is shown once, the token stored only hashed', async () => {
    const res = await invite({ email: 'New.Member@Example.test', role: 'member' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ email: 'new.member@example.test', role: 'member', mailed: false });
    expect(body.inviteUrl).toMatch(
      /^http:\/\/tandem\.test\/accept-invitation#token=[0-9a-f]{32}_[\w-]{43}$/,
    );
    const token = tokenOf(body.inviteUrl);
    const stored = await t.database.sql('SELECT token_hash FROM invitations WHERE id = $1', [
      body.id,
    ]);
    expect((stored.rows[0] as { token_hash: string }).token_hash).not.toContain(token);
    const list = await request(t.app, {
      method: 'GET',
      url: '/api/v1/invitations',
      key: world.a.members.admin.key,
    });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(body.id);
    expect(JSON.stringify(list.json())).not.toContain(token);
  });

  it('is accepted once: the user gets exactly that role in exactly that workspace', async () => {
    const res = await invite({ email: 'once@example.test', role: 'manager' });
    const token = tokenOf(res.json().inviteUrl);
    const accepted = await accept(token);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      kind: 'member',
      role: 'manager',
      workspace: { id: world.a.workspaceId },
    });
    const cookie = accepted.cookies.find((c) => c.name === 'tandem.session_token');
    expect(cookie?.httpOnly).toBe(true);
    const before = await databaseSnapshot(t.database);
    const again = await accept(token, 'Someone Else');
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('invalid_token');
    expect(await databaseSnapshot(t.database)).toBe(before);
    // The new member can sign in with their password.
    expect(await signIn(t.app, 'once@example.test', password)).toContain('tandem.session_token=');
  });

  it('stores a seven-day expiry and only the SHA-256 of the token', async () => {
    const sent = Date.now();
    const res = await invite({ email: 'week@example.test', role: 'viewer' });
    expect(res.statusCode).toBe(201);
    const token = tokenOf(res.json().inviteUrl);
    const { rows } = await t.database.sql(
      'SELECT token_hash, expires_at, created_at, workspace_id, role FROM invitations WHERE id = $1',
      [res.json().id],
    );
    const row = rows[0] as {
      token_hash: string;
      expires_at: Date | string;
      created_at: Date | string;
      workspace_id: string;
      role: string;
    };
    const week = 7 * 24 * 60 * 60 * 1000;
    const minute = 60 * 1000;
    const expires = new Date(row.expires_at).getTime();
    expect(Math.abs(expires - new Date(row.created_at).getTime() - week)).toBeLessThanOrEqual(
      minute,
    );
    expect(Math.abs(expires - sent - week)).toBeLessThanOrEqual(minute);
    expect(new Date(res.json().expiresAt).getTime()).toBe(expires);
    expect(row.token_hash).not.toBe(token);
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row).toMatchObject({ workspace_id: world.a.workspaceId, role: 'viewer' });
  });

  it('names its workspace in the token; a token made before tokens named one still works', async () => {
    const res = await invite({ email: 'hinted@example.test', role: 'viewer' });
    const token = tokenOf(res.json().inviteUrl);
    expect(token.startsWith(`${world.a.workspaceId.replaceAll('-', '')}_`)).toBe(true);
    // The same secret naming workspace B finds nothing, and uses nothing up.
    const moved = `${world.b.workspaceId.replaceAll('-', '')}${token.slice(32)}`;
    expect((await accept(moved)).json().code).toBe('invalid_token');

    const old = createHash('sha256').update('x'.repeat(43)).digest('hex');
    await t.database.sql(
      `INSERT INTO invitations (id, workspace_id, email, role, token_hash, expires_at)
       VALUES ($1, $2, 'before@example.test', 'viewer', $3, now() + interval '1 day')`,
      ['01900000-0000-7000-8000-0000000000aa', world.a.workspaceId, old],
    );
    const accepted = await accept('x'.repeat(43), 'From Before');
    expect(accepted.statusCode).toBe(200);
    expect((await accept(token, 'Hinted')).statusCode).toBe(200);
  });

  it('grants, in the database, exactly the invited role in exactly the inviting workspace', async () => {
    // B's admin invites: the new member must land in B, not in A (the inviter of most tests).
    const res = await invite(
      { email: 'exact@example.test', role: 'viewer' },
      world.b.members.admin.key,
    );
    expect(res.statusCode).toBe(201);
    const token = tokenOf(res.json().inviteUrl);
    const accepted = await accept(token);
    expect(accepted.statusCode).toBe(200);
    const user = (await t.database.sql("SELECT id FROM users WHERE email = 'exact@example.test'"))
      .rows as Array<{ id: string }>;
    expect(user).toHaveLength(1);
    const userId = user[0]?.id;
    const memberships = await t.database.sql(
      'SELECT workspace_id, role FROM members WHERE user_id = $1',
      [userId],
    );
    expect(memberships.rows).toEqual([{ workspace_id: world.b.workspaceId, role: 'viewer' }]);
    const portal = await t.database.sql('SELECT id FROM partner_users WHERE user_id = $1', [
      userId,
    ]);
    expect(portal.rows).toEqual([]);
    const used = await t.database.sql('SELECT accepted_at FROM invitations WHERE id = $1', [
      res.json().id,
    ]);
    expect((used.rows[0] as { accepted_at: unknown }).accepted_at).not.toBeNull();

    // The session acts as a viewer of B: reads B, cannot write, sees nothing of A.
    const cookie = `tandem.session_token=${
      accepted.cookies.find((c) => c.name === 'tandem.session_token')?.value
    }`;
    const own = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.b.partners[0]}`,
      cookie,
    });
    expect(own.statusCode).toBe(200);
    const before = await databaseSnapshot(t.database);
    const write = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      cookie,
      payload: { name: 'Viewer made this' },
    });
    expect(write.statusCode).toBe(403);
    const foreign = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}`,
      cookie,
    });
    expect(foreign.statusCode).toBe(404);

    // The same token again: refused, nothing changes.
    const again = await accept(token, 'Second Taker');
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('invalid_token');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('refuses an expired or revoked invitation', async () => {
    const expired = await invite({ email: 'late@example.test', role: 'viewer' });
    await t.database.sql(
      "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1",
      [expired.json().id],
    );
    expect((await accept(tokenOf(expired.json().inviteUrl))).statusCode).toBe(400);

    const revoked = await invite({ email: 'revoked@example.test', role: 'viewer' });
    const del = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/invitations/${revoked.json().id}`,
      key: world.a.members.admin.key,
    });
    expect(del.statusCode).toBe(204);
    expect((await accept(tokenOf(revoked.json().inviteUrl))).statusCode).toBe(400);
    const users = await t.database.sql(
      "SELECT count(*)::int AS n FROM users WHERE email IN ('late@example.test', 'revoked@example.test')",
    );
    expect((users.rows[0] as { n: number }).n).toBe(0);
  });

  it('answers 409 email_taken for an email with an account in this very workspace', async () => {
    const before = await databaseSnapshot(t.database);
    const res = await invite({ email: world.a.members.viewer.email, role: 'viewer' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('email_taken');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('answers for an account of another workspace exactly as for a new address', async () => {
    const shape = (body: Record<string, unknown>) =>
      Object.entries(body)
        .map(([k, v]) => `${k}:${v === null ? 'null' : typeof v}`)
        .sort();
    const fresh = await invite({ email: 'nobody-yet@example.test', role: 'viewer' });
    const elsewhere = await invite({ email: world.b.members.viewer.email, role: 'viewer' });
    expect(elsewhere.statusCode).toBe(fresh.statusCode);
    expect(elsewhere.statusCode).toBe(201);
    expect(shape(elsewhere.json())).toEqual(shape(fresh.json()));
    expect(elsewhere.headers['content-type']).toBe(fresh.headers['content-type']);
    expect(elsewhere.json()).toMatchObject({ email: world.b.members.viewer.email, mailed: false });
    // At acceptance a neutral refusal: no workspace named, nothing changed, the account intact.
    const before = await databaseSnapshot(t.database);
    const res = await accept(tokenOf(elsewhere.json().inviteUrl));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('invitation_not_acceptable');
    expect(res.body).not.toContain('Workspace B');
    expect(await databaseSnapshot(t.database)).toBe(before);
    expect(await signIn(t.app, world.b.members.viewer.email)).toContain('tandem.session_token=');
  });

  it('invites a partner user bound to a partner of the same workspace only', async () => {
    const before = await databaseSnapshot(t.database);
    const foreign = await invite({
      email: 'p@partner.test',
      role: 'partner_admin',
      partnerId: world.b.partners[0],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().code).toBe('invalid_reference');
    const missing = await invite({ email: 'p@partner.test', role: 'partner_admin' });
    expect(missing.statusCode).toBe(400);
    const memberWithPartner = await invite({
      email: 'p@partner.test',
      role: 'admin',
      partnerId: world.a.partners[0],
    });
    expect(memberWithPartner.statusCode).toBe(400);
    expect(await databaseSnapshot(t.database)).toBe(before);

    const res = await invite({
      email: 'p@partner.test',
      role: 'partner_member',
      partnerId: world.a.partners[1],
    });
    expect(res.statusCode).toBe(201);
    const accepted = await accept(tokenOf(res.json().inviteUrl));
    expect(accepted.json()).toMatchObject({
      kind: 'partner',
      role: 'partner_member',
      partnerId: world.a.partners[1],
      workspace: { id: world.a.workspaceId },
    });
  });

  it("keeps workspace B's admin and non-admins out of A's invitations, changing nothing", async () => {
    const mine = await invite({ email: 'pending@example.test', role: 'member' });
    const before = await databaseSnapshot(t.database);
    const keyB = world.b.members.admin.key;
    const del = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/invitations/${mine.json().id}`,
      key: keyB,
    });
    expect(del.statusCode).toBe(404);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/invitations', key: keyB });
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(mine.json().id);
    for (const role of ['manager', 'member', 'viewer'] as const) {
      const key = world.a.members[role].key;
      expect((await invite({ email: 'x@example.test', role: 'admin' }, key)).statusCode).toBe(403);
      const d = await request(t.app, {
        method: 'DELETE',
        url: `/api/v1/invitations/${mine.json().id}`,
        key,
      });
      expect(d.statusCode).toBe(403);
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('never takes the workspace or the inviter from the body', async () => {
    const before = await databaseSnapshot(t.database);
    const res = await invite({
      email: 'sneaky@example.test',
      role: 'member',
      workspaceId: world.b.workspaceId,
    });
    expect(res.statusCode).toBe(400);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('a new link for an invitation', () => {
  function renew(id: string, key = world.a.members.admin.key) {
    return request(t.app, { method: 'POST', url: `/api/v1/invitations/${id}/link`, key });
  }

  it('works until the invitation is used; the link before it stops working', async () => {
    const first = (await invite({ email: 'again@example.test', role: 'member' })).json();
    const res = await renew(first.id);
    expect(res.statusCode).toBe(200);
    const second = res.json().inviteUrl as string;
    expect(second).not.toBe(first.inviteUrl);
    expect((await accept(tokenOf(first.inviteUrl))).statusCode).toBe(400);
    expect((await accept(tokenOf(second))).statusCode).toBe(200);
    // Used: there is nothing left to link to.
    expect((await renew(first.id)).statusCode).toBe(404);
  });

  it('is for the inviting workspace’s admins only, changing nothing otherwise', async () => {
    const mine = (await invite({ email: 'guarded@example.test', role: 'viewer' })).json();
    const before = await databaseSnapshot(t.database);
    expect((await renew(mine.id, world.b.members.admin.key)).statusCode).toBe(404);
    for (const role of ['manager', 'member', 'viewer'] as const) {
      expect((await renew(mine.id, world.a.members[role].key)).statusCode).toBe(403);
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
    expect((await accept(tokenOf(mine.inviteUrl))).statusCode).toBe(200);
  });
});
