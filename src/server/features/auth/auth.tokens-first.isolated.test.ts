import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  PUBLIC_URL,
  request,
  type TestApp,
} from '../../../../test/harness';

/** Counts argon2id hashes: a request with a bad token must not cost one. */
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock('./auth.password', async (importOriginal) => {
  const original = await importOriginal<typeof import('./auth.password')>();
  return {
    ...original,
    hashPassword: async (password: string) => {
      hashes.count++;
      return original.hashPassword(password);
    },
  };
});

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

const bogus = 'a'.repeat(43);

describe('public token endpoints', () => {
  it('refuse an unknown reset token before hashing the new password', async () => {
    const before = await databaseSnapshot(t.database);
    const counted = hashes.count;
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      headers: { origin: PUBLIC_URL },
      payload: { token: bogus, password: 'a long new password' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_token');
    expect(hashes.count).toBe(counted);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('refuse an unknown invitation token before hashing the password', async () => {
    const before = await databaseSnapshot(t.database);
    const counted = hashes.count;
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      headers: { origin: PUBLIC_URL },
      payload: { token: bogus, name: 'Someone', password: 'a long new password' },
    });
    expect(res.statusCode).toBe(400);
    expect(hashes.count).toBe(counted);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('still hash once for a good invitation token', async () => {
    const invited = await request(t.app, {
      method: 'POST',
      url: '/api/v1/invitations',
      key: world.a.members.admin.key,
      payload: { email: 'hashed-once@example.test', role: 'viewer' },
    });
    const token = String(invited.json().inviteUrl).split('#token=')[1];
    const counted = hashes.count;
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      headers: { origin: PUBLIC_URL },
      payload: { token, name: 'Hashed Once', password: 'a long new password' },
    });
    expect(res.statusCode).toBe(200);
    expect(hashes.count).toBe(counted + 1);
  });
});
