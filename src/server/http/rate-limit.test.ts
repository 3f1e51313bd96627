import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, TEST_PASSWORD, type World } from '../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  PUBLIC_URL,
  request,
  type TestApp,
} from '../../../test/harness';
import { buildApp } from '../app';
import { defaultRateLimits, type RateLimits } from '../config';

const limits: RateLimits = {
  ...defaultRateLimits,
  api: { limit: 3, windowSeconds: 600 },
  'sign-in': { limit: 2, windowSeconds: 600 },
  'reset-request': { limit: 2, windowSeconds: 3600 },
  'reset-request-email': { limit: 1, windowSeconds: 3600 },
  'reset-confirm': { limit: 2, windowSeconds: 600 },
  'invitation-accept': { limit: 2, windowSeconds: 600 },
  setup: { limit: 2, windowSeconds: 600 },
  'password-change': { limit: 2, windowSeconds: 3600 },
};

let t: TestApp;
let world: World;
/** A second app on the same database, as a second process would be. */
let other: FastifyInstance;

beforeAll(async () => {
  t = await createTestApp({ rateLimits: limits });
  world = await seedWorld(t.database);
  other = await buildApp(t.ctx, { logger: false, serveWeb: false });
  await other.ready();
});
afterAll(async () => {
  await other.close();
  await t.close();
});

function post(app: FastifyInstance, url: string, payload: object, ip: string) {
  return request(app, {
    method: 'POST',
    url: `/api/v1${url}`,
    remoteAddress: ip,
    headers: { origin: PUBLIC_URL },
    payload,
  });
}

/** The refusal is 429 problem+json with a stable code and a Retry-After within the window. */
async function expectRefused(
  send: () => ReturnType<typeof request>,
  windowSeconds: number,
): Promise<void> {
  await syncBoth();
  const before = await databaseSnapshot(t.database);
  const hitsBefore = await hits();
  const res = await send();
  await syncBoth();
  expect(res.statusCode, res.body).toBe(429);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json().code).toBe('too_many_requests');
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  // A refused request changes nothing, not even the counts.
  expect(await databaseSnapshot(t.database)).toBe(before);
  expect(await hits()).toEqual(hitsBefore);
}

/** Writes what both instances counted in their process, so the table is the whole count. */
async function syncBoth() {
  await t.app.rateLimiter.sync();
  await other.rateLimiter.sync();
}

async function hits() {
  const { rows } = await t.database.sql(
    'SELECT key, window_start, hits FROM rate_limit_hits ORDER BY key, window_start',
  );
  return rows;
}

describe('public endpoints, per client address, counted in the database', () => {
  it('sign-in', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await post(
        t.app,
        '/auth/sign-in',
        { email: `x${i}@example.test`, password: 'x' },
        '10.5.0.1',
      );
      expect(res.statusCode).toBe(401);
    }
    // The right password from the same address waits too; the limit is per client, not account.
    await expectRefused(
      () =>
        post(
          t.app,
          '/auth/sign-in',
          { email: world.a.members.admin.email, password: TEST_PASSWORD },
          '10.5.0.1',
        ),
      600,
    );
    // Another process on the same database refuses it as well; another address is not affected.
    const elsewhere = await post(
      other,
      '/auth/sign-in',
      { email: 'x@example.test', password: 'x' },
      '10.5.0.1',
    );
    expect(elsewhere.statusCode).toBe(429);
    const fresh = await post(
      t.app,
      '/auth/sign-in',
      { email: 'x@example.test', password: 'x' },
      '10.5.0.2',
    );
    expect(fresh.statusCode).toBe(401);
  });

  it('password reset request, per address and per email', async () => {
    for (const email of ['a1@example.test', 'a2@example.test']) {
      expect(
        (await post(t.app, '/auth/password-reset/request', { email }, '10.6.0.1')).statusCode,
      ).toBe(202);
    }
    await expectRefused(
      () => post(t.app, '/auth/password-reset/request', { email: 'a3@example.test' }, '10.6.0.1'),
      3600,
    );
    // Per email, from any address (in any case).
    expect(
      (await post(t.app, '/auth/password-reset/request', { email: 'b@example.test' }, '10.6.0.2'))
        .statusCode,
    ).toBe(202);
    await expectRefused(
      () => post(other, '/auth/password-reset/request', { email: 'B@example.test' }, '10.6.0.3'),
      3600,
    );
  });

  it('password reset confirm', async () => {
    const body = { token: 'not-a-token', password: 'a new long password' };
    for (let i = 0; i < 2; i++) {
      expect((await post(t.app, '/auth/password-reset/confirm', body, '10.7.0.1')).statusCode).toBe(
        400,
      );
    }
    await expectRefused(() => post(t.app, '/auth/password-reset/confirm', body, '10.7.0.1'), 600);
  });

  it('invitation accept', async () => {
    const body = { token: 'not-a-token', name: 'Someone', password: 'a new long password' };
    for (let i = 0; i < 2; i++) {
      expect((await post(t.app, '/auth/invitations/accept', body, '10.8.0.1')).statusCode).toBe(
        400,
      );
    }
    await expectRefused(() => post(t.app, '/auth/invitations/accept', body, '10.8.0.1'), 600);
  });

  it('setup', async () => {
    const body = {
      token: 'not-the-token',
      workspaceName: 'W',
      adminName: 'A',
      adminEmail: 'a@example.test',
      adminPassword: 'a long enough password',
    };
    for (let i = 0; i < 2; i++) {
      expect((await post(t.app, '/setup', body, '10.9.0.1')).statusCode).not.toBe(429);
    }
    await expectRefused(() => post(t.app, '/setup', body, '10.9.0.1'), 600);
  });
});

describe('password change, per signed-in person', () => {
  it('refuses guessing the current password past the limit, the right one too', async () => {
    const person = world.a.members.manager.email;
    const cookie = await signIn(t.app, person, TEST_PASSWORD, '10.9.0.1');
    const change = (currentPassword: string, as = cookie) =>
      request(t.app, {
        method: 'POST',
        url: '/api/v1/auth/password',
        cookie: as,
        headers: { origin: PUBLIC_URL },
        payload: { currentPassword, newPassword: 'a brand new passphrase' },
      });
    for (const guess of ['guess one!', 'guess two!']) {
      expect((await change(guess)).statusCode).not.toBe(204);
    }
    await expectRefused(() => change(TEST_PASSWORD), 3600);
    // A new session of the same person counts against the same limit; the password still works.
    const again = await signIn(t.app, person, TEST_PASSWORD, '10.9.0.2');
    expect((await change(TEST_PASSWORD, again)).statusCode).toBe(429);
    // Someone else is not affected.
    const other = await signIn(t.app, world.a.members.viewer.email, TEST_PASSWORD, '10.9.0.3');
    expect((await change('wrong guess', other)).statusCode).not.toBe(429);
  });
});

describe('API use, per key and per session, counted in the process and shared', () => {
  it('refuses a key over its limit without writing, and another key is not affected', async () => {
    const key = world.a.members.admin.key;
    for (let i = 0; i < 3; i++) {
      expect(
        (await request(t.app, { method: 'GET', url: '/api/v1/partners', key })).statusCode,
      ).toBe(200);
    }
    await expectRefused(
      () =>
        request(t.app, {
          method: 'POST',
          url: '/api/v1/partners',
          key,
          payload: { name: 'Over the limit' },
        }),
      600,
    );
    const otherKey = world.b.members.admin.key;
    expect(
      (await request(t.app, { method: 'GET', url: '/api/v1/partners', key: otherKey })).statusCode,
    ).toBe(200);
  });

  it('two app instances on one database share a key limit', async () => {
    const key = world.a.members.manager.key;
    for (let i = 0; i < 2; i++) {
      expect(
        (await request(t.app, { method: 'GET', url: '/api/v1/partners', key })).statusCode,
      ).toBe(200);
    }
    // The second instance reads the shared count on its first request of the window.
    await t.app.rateLimiter.sync();
    expect((await request(other, { method: 'GET', url: '/api/v1/partners', key })).statusCode).toBe(
      200,
    );
    await other.rateLimiter.sync();
    await t.app.rateLimiter.sync();
    // The first instance has learnt the second's request at its sync: three in all.
    const res = await request(t.app, { method: 'GET', url: '/api/v1/partners', key });
    expect(res.statusCode).toBe(429);
    expect((await request(other, { method: 'GET', url: '/api/v1/partners', key })).statusCode).toBe(
      429,
    );
  });

  it('counts per session', async () => {
    const cookie = await signIn(t.app, world.b.members.viewer.email);
    for (let i = 0; i < 3; i++) {
      expect(
        (await request(t.app, { method: 'GET', url: '/api/v1/partners', cookie })).statusCode,
      ).toBe(200);
    }
    await expectRefused(
      () => request(t.app, { method: 'GET', url: '/api/v1/partners', cookie }),
      600,
    );
    const second = await signIn(t.app, world.b.members.manager.email);
    expect(
      (await request(t.app, { method: 'GET', url: '/api/v1/partners', cookie: second })).statusCode,
    ).toBe(200);
  });
});
