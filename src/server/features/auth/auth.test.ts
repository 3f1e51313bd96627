import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedPartnerUser,
  seedWorld,
  signIn,
  TEST_PASSWORD,
  type World,
} from '../../../../test/factories';
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

describe('sign-in', () => {
  it('signs a member in with an HttpOnly SameSite=Lax cookie and answers the session', async () => {
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { origin: PUBLIC_URL },
      payload: { email: world.a.members.manager.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tandem.session_token');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBeFalsy();
    expect(res.json()).toMatchObject({
      kind: 'member',
      role: 'manager',
      workspace: { id: world.a.workspaceId, name: world.a.name },
      partnerId: null,
    });
    const session = await request(t.app, {
      method: 'GET',
      url: '/api/v1/auth/session',
      cookie: `${cookie?.name}=${cookie?.value}`,
    });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.email).toBe(world.a.members.manager.email);
  });

  it('signs a partner user in with the partner scope', async () => {
    const pu = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_member');
    const cookie = await signIn(t.app, pu.email);
    const session = await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie });
    expect(session.json()).toMatchObject({
      kind: 'partner',
      role: 'partner_member',
      partnerId: world.a.partners[0],
    });
  });

  it('answers 401 for a wrong password and for no session', async () => {
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: world.b.members.viewer.email, password: 'wrong password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
    const none = await request(t.app, { method: 'GET', url: '/api/v1/auth/session' });
    expect(none.statusCode).toBe(401);
  });

  it('signs out: the cookie stops working', async () => {
    const cookie = await signIn(t.app, world.a.members.viewer.email);
    const out = await request(t.app, { method: 'POST', url: '/api/v1/auth/sign-out', cookie });
    expect(out.statusCode).toBe(204);
    const after = await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a cookie whose signature is not ours, or whose session has expired', async () => {
    const cookie = await signIn(t.app, world.a.members.manager.email);
    const [name, value] = cookie.split('=') as [string, string];
    const token = decodeURIComponent(value).split('.')[0];
    const session = (cookieValue: string) =>
      request(t.app, {
        method: 'GET',
        url: '/api/v1/auth/session',
        cookie: `${name}=${cookieValue}`,
      });
    expect((await session(value)).statusCode).toBe(200);
    // The same token signed with another secret, and the bare token.
    const forged = createHmac('sha256', 'another-secret')
      .update(token ?? '')
      .digest('base64');
    expect((await session(encodeURIComponent(`${token}.${forged}`))).statusCode).toBe(401);
    expect((await session(token ?? '')).statusCode).toBe(401);
    // An https deployment's cookie name is not read on an http one.
    const secure = await request(t.app, {
      method: 'GET',
      url: '/api/v1/auth/session',
      cookie: `__Secure-${cookie}`,
    });
    expect(secure.statusCode).toBe(401);
    await t.database.sql(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token = $1",
      [token],
    );
    expect((await session(value)).statusCode).toBe(401);
  });
});

function signInFrom(ip: string, email: string, password: string) {
  return request(t.app, {
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    remoteAddress: ip,
    payload: { email, password },
  });
}

describe('sign-in throttle', () => {
  it('answers the 6th attempt on an account within 15 minutes with 429 and Retry-After', async () => {
    const email = world.b.members.manager.email;
    for (let i = 0; i < 5; i++) {
      expect((await signInFrom(`10.0.1.${i}`, email, 'wrong password')).statusCode).toBe(401);
    }
    // Even the right password is refused now, from any address.
    const sixth = await signInFrom('10.0.1.99', email, TEST_PASSWORD);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['content-type']).toContain('application/problem+json');
    expect(sixth.json().code).toBe('too_many_requests');
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('counts per address across accounts, and a success does not clear the address', async () => {
    const ip = '10.0.2.1';
    for (let i = 0; i < 4; i++) {
      expect((await signInFrom(ip, `nobody${i}@example.test`, 'guess')).statusCode).toBe(401);
    }
    expect((await signInFrom(ip, world.b.members.viewer.email, TEST_PASSWORD)).statusCode).toBe(
      200,
    );
    expect((await signInFrom(ip, 'nobody9@example.test', 'guess')).statusCode).toBe(401);
    const refused = await signInFrom(ip, world.b.members.admin.email, TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    // Another address is not affected.
    expect(
      (await signInFrom('10.0.2.2', world.b.members.admin.email, TEST_PASSWORD)).statusCode,
    ).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated change without Origin or from another origin', async () => {
    const cookie = await signIn(t.app, world.a.members.admin.email);
    const before = await databaseSnapshot(t.database);
    for (const headers of [{ cookie }, { cookie, origin: 'https://evil.example' }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers,
        payload: { email: 'csrf@example.test', role: 'admin' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('origin_mismatch');
      const del = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/members/${world.a.members.viewer.memberId}`,
        headers,
      });
      expect(del.statusCode).toBe(403);
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
    const same = await request(t.app, {
      method: 'POST',
      url: '/api/v1/invitations',
      cookie,
      payload: { email: 'csrf@example.test', role: 'viewer' },
    });
    expect(same.statusCode).toBe(201);
  });
});
