import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  databaseSnapshot,
  PUBLIC_URL,
  request,
  type TestApp,
} from '../../../../test/harness';
import { newToken } from '../../tokens';

let t: TestApp;
const token = newToken();

beforeAll(async () => {
  t = await createTestApp();
  t.ctx.setupToken = token;
});
afterAll(() => t.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  token,
  workspaceName: 'First',
  adminName: 'First Admin',
  adminEmail: 'first@example.test',
  adminPassword: 'the first password',
  ...overrides,
});

function setup(payload: Record<string, unknown>) {
  return request(t.app, {
    method: 'POST',
    url: '/api/v1/setup',
    headers: { origin: PUBLIC_URL },
    payload,
  });
}

describe('first-run setup', () => {
  it('makes random URL-safe tokens', () => {
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(newToken()).not.toBe(token);
  });

  it('is needed while no workspace exists', async () => {
    const res = await request(t.app, { method: 'GET', url: '/api/v1/setup' });
    expect(res.json()).toEqual({ needed: true });
  });

  it('refuses a wrong token and an unknown field, changing nothing', async () => {
    const before = await databaseSnapshot(t.database);
    const wrong = await setup(body({ token: `${token.slice(0, -1)}x` }));
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('setup_token_invalid');
    const extra = await setup(body({ role: 'admin' }));
    expect(extra.statusCode).toBe(400);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('creates the first workspace once, even when two requests race, and signs the admin in', async () => {
    const [one, two] = await Promise.all([
      setup(body()),
      setup(body({ adminEmail: 'second@example.test', workspaceName: 'Second' })),
    ]);
    const statuses = [one.statusCode, two.statusCode].sort();
    expect(statuses).toEqual([201, 409]);
    const winner = one.statusCode === 201 ? one : two;
    expect(winner.json()).toMatchObject({ kind: 'member', role: 'admin' });
    const cookie = winner.cookies.find((c) => c.name === 'tandem.session_token');
    expect(cookie?.httpOnly).toBe(true);
    const count = await t.database.sql('SELECT count(*)::int AS n FROM workspaces');
    expect((count.rows[0] as { n: number }).n).toBe(1);
    expect(t.app.ctx.setupToken).toBeNull();
    const session = await request(t.app, {
      method: 'GET',
      url: '/api/v1/auth/session',
      cookie: `${cookie?.name}=${cookie?.value}`,
    });
    expect(session.statusCode).toBe(200);
  });

  it('is not needed afterwards and cannot run again', async () => {
    expect((await request(t.app, { method: 'GET', url: '/api/v1/setup' })).json()).toEqual({
      needed: false,
    });
    const before = await databaseSnapshot(t.database);
    const again = await setup(body({ adminEmail: 'third@example.test' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_set_up');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});
