import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
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

type Auth = { key?: string; cookie?: string };

async function makeKey(auth: Auth, name: string, role = 'admin') {
  const res = await request(t.app, {
    method: 'POST',
    url: '/api/v1/api-keys',
    ...auth,
    payload: { name, role },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; key: string };
}

/** A second admin of A, signed in: the root of a chain that can be demoted or removed. */
async function newAdmin(email: string) {
  const invited = await request(t.app, {
    method: 'POST',
    url: '/api/v1/invitations',
    key: world.a.members.admin.key,
    payload: { email, role: 'admin' },
  });
  const token = String(invited.json().inviteUrl).split('#token=')[1];
  const accepted = await request(t.app, {
    method: 'POST',
    url: '/api/v1/auth/invitations/accept',
    headers: { origin: PUBLIC_URL },
    payload: { token, name: 'Chain Root', password: 'chain root password' },
  });
  expect(accepted.statusCode).toBe(200);
  const cookie = accepted.cookies.find((c) => c.name === 'tandem.session_token');
  const members = await request(t.app, {
    method: 'GET',
    url: '/api/v1/members?limit=200',
    key: world.a.members.admin.key,
  });
  const member = members.json().items.find((m: { email: string }) => m.email === email);
  return { cookie: `${cookie?.name}=${cookie?.value}`, memberId: member.id as string };
}

/** Root member → key 1 → key 2 → key 3, each key made by the one before. */
async function chainOf3(root: Auth) {
  const one = await makeKey(root, 'one');
  const two = await makeKey({ key: one.key }, 'two');
  const three = await makeKey({ key: two.key }, 'three', 'viewer');
  return [one, two, three];
}

async function statusWith(key: string) {
  return (await request(t.app, { method: 'GET', url: '/api/v1/workspace', key })).statusCode;
}

describe('keys made by keys', () => {
  it('record the key that made them', async () => {
    const [one, two, three] = await chainOf3({ key: world.a.members.admin.key });
    const { rows } = await t.database.sql(
      'SELECT id, created_by_key_id FROM api_keys WHERE id = ANY($1::uuid[])',
      [[one?.id, two?.id, three?.id]],
    );
    const parent = Object.fromEntries(
      (rows as Array<{ id: string; created_by_key_id: string | null }>).map((r) => [
        r.id,
        r.created_by_key_id,
      ]),
    );
    expect(parent[two?.id ?? '']).toBe(one?.id);
    expect(parent[three?.id ?? '']).toBe(two?.id);
  });

  it('stop together when the root key is revoked, and the audit event names them', async () => {
    const [one, two, three] = await chainOf3({ key: world.a.members.admin.key });
    for (const k of [one, two, three]) expect(await statusWith(k?.key ?? '')).toBe(200);
    const res = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/api-keys/${one?.id}`,
      key: world.a.members.admin.key,
    });
    expect(res.statusCode).toBe(204);
    for (const k of [one, two, three]) expect(await statusWith(k?.key ?? '')).toBe(401);
    const { rows } = await t.database.sql(
      "SELECT after FROM audit_events WHERE action = 'api_key.revoked' AND entity_id = $1",
      [one?.id],
    );
    const after = (rows[0] as { after: { revokedApiKeys: string[] } }).after;
    expect(after.revokedApiKeys.sort()).toEqual([one?.id, two?.id, three?.id].sort());
  });

  it('stop when a key in the middle is revoked, from there down only', async () => {
    const [one, two, three] = await chainOf3({ key: world.a.members.admin.key });
    await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/api-keys/${two?.id}`,
      key: world.a.members.admin.key,
    });
    expect(await statusWith(one?.key ?? '')).toBe(200);
    expect(await statusWith(two?.key ?? '')).toBe(401);
    expect(await statusWith(three?.key ?? '')).toBe(401);
  });

  it('stop when the member at the root is demoted', async () => {
    const root = await newAdmin('demoted-root@a.test');
    const chain = await chainOf3({ cookie: root.cookie });
    const current = await request(t.app, {
      method: 'GET',
      url: `/api/v1/members/${root.memberId}`,
      key: world.a.members.admin.key,
    });
    const res = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/members/${root.memberId}`,
      key: world.a.members.admin.key,
      headers: { 'if-match': String(current.headers.etag) },
      payload: { role: 'member' },
    });
    expect(res.statusCode).toBe(200);
    for (const k of chain) expect(await statusWith(k.key)).toBe(401);
  });

  it('stop when the member at the root is removed', async () => {
    const root = await newAdmin('removed-root@a.test');
    const chain = await chainOf3({ cookie: root.cookie });
    const res = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${root.memberId}`,
      key: world.a.members.admin.key,
    });
    expect(res.statusCode).toBe(204);
    for (const k of chain) expect(await statusWith(k.key)).toBe(401);
  });

  it('cannot be revoked from another workspace, changing nothing (404)', async () => {
    const [one] = await chainOf3({ key: world.a.members.admin.key });
    const before = await databaseSnapshot(t.database);
    const res = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/api-keys/${one?.id}`,
      key: world.b.members.admin.key,
    });
    expect(res.statusCode).toBe(404);
    expect(await databaseSnapshot(t.database)).toBe(before);
    expect(await statusWith(one?.key ?? '')).toBe(200);
  });
});
