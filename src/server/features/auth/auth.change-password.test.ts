import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, TEST_PASSWORD, type World } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';
import { messages } from '../../../domain/messages';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

const NEW_PASSWORD = 'a brand new passphrase';

function change(cookie: string | undefined, payload: Record<string, string>, key?: string) {
  return request(t.app, { method: 'POST', url: '/api/v1/auth/password', cookie, key, payload });
}

function session(cookie: string) {
  return request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie });
}

describe('changing one’s own password', () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    const email = world.a.members.member.email;
    const here = await signIn(t.app, email);
    const elsewhere = await signIn(t.app, email);
    const otherPerson = await signIn(t.app, world.a.members.manager.email);

    const res = await change(here, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.statusCode, res.body).toBe(204);

    expect((await session(here)).statusCode).toBe(200);
    expect((await session(elsewhere)).statusCode).toBe(401);
    expect((await session(otherPerson)).statusCode).toBe(200);
    // The new password signs in; the old one no longer does.
    await signIn(t.app, email, NEW_PASSWORD);
    const old = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
  });

  it('refuses a wrong current password or a weak new one, changing nothing', async () => {
    const cookie = await signIn(t.app, world.b.members.viewer.email);
    const before = await databaseSnapshot(t.database);

    const wrong = await change(cookie, { currentPassword: 'not it', newPassword: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({
      code: 'wrong_password',
      errors: [{ field: 'currentPassword', message: messages.wrongPassword }],
    });
    const short = await change(cookie, { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([
      { field: 'newPassword', code: 'too_small', message: 'Use at least 10 characters' },
    ]);
    const same = await change(cookie, {
      currentPassword: TEST_PASSWORD,
      newPassword: TEST_PASSWORD,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().errors[0]).toMatchObject({
      field: 'newPassword',
      message: messages.samePassword,
    });

    expect(await databaseSnapshot(t.database)).toBe(before);
    expect((await session(cookie)).statusCode).toBe(200);
  });

  it('is for signed-in people only: not anonymous callers, not API keys', async () => {
    const before = await databaseSnapshot(t.database);
    const body = { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD };
    expect((await change(undefined, body)).statusCode).toBe(401);
    const byKey = await change(undefined, body, world.a.members.admin.key);
    expect(byKey.statusCode).toBe(403);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});
