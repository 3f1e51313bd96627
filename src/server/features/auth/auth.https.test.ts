import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, TEST_PASSWORD, type World } from '../../../../test/factories';
import { createTestApp, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://tandem.example' });
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

describe('behind TLS', () => {
  it('marks the session cookie Secure when TANDEM_PUBLIC_URL is https', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { origin: 'https://tandem.example' },
      payload: { email: world.a.members.admin.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name.endsWith('tandem.session_token'));
    expect(cookie?.secure).toBe(true);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: `${cookie?.name}=${cookie?.value}` },
    });
    expect(session.statusCode).toBe(200);
  });
});
