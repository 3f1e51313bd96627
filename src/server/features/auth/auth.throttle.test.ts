import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, TEST_PASSWORD, type World } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';
import { clientKey } from '../../http/client-address';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

function signInFrom(
  app: TestApp['app'],
  ip: string,
  email: string,
  password: string,
  xff?: string,
) {
  return request(app, {
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    remoteAddress: ip,
    ...(xff ? { headers: { 'x-forwarded-for': xff } } : {}),
    payload: { email, password },
  });
}

describe('clientKey', () => {
  it('counts IPv4 as is, IPv6 by its /64, mapped IPv4 as IPv4', () => {
    expect(clientKey('192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:DB8:0001:0002::ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe('sign-in throttle', () => {
  it('lets at most five of twenty parallel wrong attempts through to the password check', async () => {
    const email = world.a.members.viewer.email;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signInFrom(t.app, `10.9.0.${i}`, email, `guess ${i}`)),
    );
    const codes = answers.map((res) => res.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 401).every((c) => c === 429)).toBe(true);
    // Refused attempts are not kept as failures: the count is the attempts that were checked.
    const { rows } = await t.database.sql(
      'SELECT count(*)::int AS n FROM sign_in_failures WHERE email = $1',
      [email],
    );
    const failures = codes.filter((c) => c === 401).length;
    expect((rows[0] as { n: number }).n).toBe(failures);
    // Topped up to five failures one by one, even the right password is refused.
    for (let i = failures; i < 5; i++) {
      expect((await signInFrom(t.app, `10.9.2.${i}`, email, 'guess')).statusCode).toBe(401);
    }
    expect((await signInFrom(t.app, '10.9.1.1', email, TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('counts IPv6 clients by /64: rotating the last 64 bits does not help', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await signInFrom(t.app, `2001:db8:5:6::${i}`, `nobody${i}@example.test`, 'x');
      expect(res.statusCode).toBe(401);
    }
    const before = await databaseSnapshot(t.database);
    const refused = await signInFrom(
      t.app,
      '2001:db8:5:6:ffff::9',
      world.b.members.admin.email,
      TEST_PASSWORD,
    );
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await databaseSnapshot(t.database)).toBe(before);
    // The next /64 is another client.
    const other = await signInFrom(
      t.app,
      '2001:db8:5:7::1',
      world.b.members.admin.email,
      TEST_PASSWORD,
    );
    expect(other.statusCode).toBe(200);
  });
});

describe('behind proxies', () => {
  it('with a hop count, counts the address the last proxy saw, not what the client wrote', async () => {
    const proxied = await createTestApp({ trustProxy: 1 });
    try {
      const proxiedWorld = await seedWorld(proxied.database);
      const email = proxiedWorld.a.members.viewer.email;
      // The client writes a new left-most address each time; the proxy appends the real one.
      for (let i = 0; i < 5; i++) {
        const res = await signInFrom(
          proxied.app,
          '10.0.0.2',
          `n${i}@example.test`,
          'x',
          `1.1.1.${i}, 203.0.113.5`,
        );
        expect(res.statusCode).toBe(401);
      }
      const refused = await signInFrom(
        proxied.app,
        '10.0.0.2',
        email,
        TEST_PASSWORD,
        '1.1.1.77, 203.0.113.5',
      );
      expect(refused.statusCode).toBe(429);
      const other = await signInFrom(proxied.app, '10.0.0.2', email, TEST_PASSWORD, '203.0.113.6');
      expect(other.json()).toMatchObject({ kind: 'member' });
    } finally {
      await proxied.close();
    }
  });

  it('with proxy addresses, believes X-Forwarded-For only from them', async () => {
    const proxied = await createTestApp({ trustProxy: ['10.0.0.0/8'] });
    try {
      const proxiedWorld = await seedWorld(proxied.database);
      const email = proxiedWorld.a.members.viewer.email;
      // A client connecting directly cannot hide behind a forged header.
      for (let i = 0; i < 5; i++) {
        const res = await signInFrom(
          proxied.app,
          '192.0.2.1',
          `d${i}@example.test`,
          'x',
          `1.1.1.${i}`,
        );
        expect(res.statusCode).toBe(401);
      }
      expect(
        (await signInFrom(proxied.app, '192.0.2.1', email, TEST_PASSWORD, '1.1.1.9')).statusCode,
      ).toBe(429);
      // Through a trusted proxy, the client is the address it forwarded.
      for (let i = 0; i < 5; i++) {
        const res = await signInFrom(
          proxied.app,
          `10.1.2.${i}`,
          `p${i}@example.test`,
          'x',
          `9.9.9.${i}, 203.0.113.9`,
        );
        expect(res.statusCode).toBe(401);
      }
      expect(
        (await signInFrom(proxied.app, '10.1.2.9', email, TEST_PASSWORD, '203.0.113.9')).statusCode,
      ).toBe(429);
      const other = await signInFrom(proxied.app, '10.1.2.9', email, TEST_PASSWORD, '203.0.113.10');
      expect(other.json()).toMatchObject({ kind: 'member' });
    } finally {
      await proxied.close();
    }
  });
});
