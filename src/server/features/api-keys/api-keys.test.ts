import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';
import type { WorkspaceId } from '../../../domain/ids';
import { systemScope } from '../../access/scope';
import { newId } from '../../ids';
import { newToken, sha256 } from '../../tokens';
import { createApiKey } from './api-keys.service';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

describe('API keys', () => {
  it('shows the key once, stores only its hash, and lists keys without secrets', async () => {
    const cookie = await signIn(t.app, world.a.members.admin.email);
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/api-keys',
      cookie,
      payload: { name: 'CRM sync', role: 'member' },
    });
    expect(res.statusCode).toBe(201);
    const { id, key, prefix, role } = res.json();
    expect(key).toMatch(/^tdm_/);
    expect(role).toBe('member');
    expect(key).toContain(prefix);
    const stored = await t.database.sql('SELECT * FROM api_keys WHERE id = $1', [id]);
    expect(JSON.stringify(stored.rows)).not.toContain(key.slice(prefix.length + 1));
    const works = await request(t.app, { method: 'GET', url: '/api/v1/members', key });
    expect(works.statusCode).toBe(200);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/api-keys', cookie });
    expect(list.statusCode).toBe(200);
    const listed = list.json().items.find((k: { id: string }) => k.id === id);
    expect(listed).toMatchObject({ name: 'CRM sync', role: 'member', prefix });
    expect(listed.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(list.json())).not.toContain(key);
    expect(JSON.stringify(list.json())).not.toContain('secretHash');
  });

  it('revokes a key with immediate effect (401 on the next request)', async () => {
    const admin = world.a.members.admin.key;
    const created = await request(t.app, {
      method: 'POST',
      url: '/api/v1/api-keys',
      key: admin,
      payload: { name: 'short lived', role: 'viewer' },
    });
    const { id, key } = created.json();
    expect(
      (await request(t.app, { method: 'GET', url: '/api/v1/workspace', key })).statusCode,
    ).toBe(200);
    const del = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/api-keys/${id}`,
      key: admin,
    });
    expect(del.statusCode).toBe(204);
    const after = await request(t.app, { method: 'GET', url: '/api/v1/workspace', key });
    expect(after.statusCode).toBe(401);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/api-keys', key: admin });
    expect(list.json().items.map((k: { id: string }) => k.id)).not.toContain(id);
  });

  it("keeps workspace B's admin and non-admins away from A's keys, changing nothing", async () => {
    const before = await databaseSnapshot(t.database);
    const keyB = world.b.members.admin.key;
    const list = await request(t.app, { method: 'GET', url: '/api/v1/api-keys', key: keyB });
    expect(list.statusCode).toBe(200);
    const prefixes = list.json().items.map((k: { prefix: string }) => k.prefix);
    for (const m of Object.values(world.a.members)) {
      expect(prefixes.some((p: string) => m.key.includes(p))).toBe(false);
    }
    const aKeys = await t.database.sql('SELECT id FROM api_keys WHERE workspace_id = $1 LIMIT 1', [
      world.a.workspaceId,
    ]);
    const aKeyId = (aKeys.rows[0] as { id: string }).id;
    const del = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/api-keys/${aKeyId}`,
      key: keyB,
    });
    expect(del.statusCode).toBe(404);
    for (const role of ['manager', 'member', 'viewer'] as const) {
      const key = world.a.members[role].key;
      const post = await request(t.app, {
        method: 'POST',
        url: '/api/v1/api-keys',
        key,
        payload: { name: 'escalate', role: 'admin' },
      });
      expect(post.statusCode).toBe(403);
      expect(
        (await request(t.app, { method: 'GET', url: '/api/v1/api-keys', key })).statusCode,
      ).toBe(403);
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('creates keys for the CLI by workspace id, with an audit event', async () => {
    const ctx = { ...t.ctx, requestId: null };
    const { id, key } = await createApiKey(ctx, systemScope(world.b.workspaceId, 'cli'), {
      name: 'cli',
      role: 'admin',
    });
    const res = await request(t.app, { method: 'GET', url: '/api/v1/workspace', key });
    expect(res.json().id).toBe(world.b.workspaceId);
    const audit = await t.database.sql(
      "SELECT actor_type, actor_id, actor_name FROM audit_events WHERE action = 'api_key.created' AND entity_id = $1",
      [id],
    );
    expect(audit.rows).toEqual([{ actor_type: 'system', actor_id: null, actor_name: 'cli' }]);
    await expect(
      createApiKey(ctx, systemScope('01900000-0000-7000-8000-000000000000' as WorkspaceId, 'cli'), {
        name: 'x',
        role: 'admin',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('carries its workspace in the public prefix; keys made before that still work', async () => {
    const { key, prefix } = await createApiKey(
      { ...t.ctx, requestId: null },
      systemScope(world.a.workspaceId, 'cli'),
      {
        name: 'sharded',
        role: 'viewer',
      },
    );
    const hint = world.a.workspaceId.replaceAll('-', '');
    expect(prefix).toMatch(new RegExp(`^tdm_${hint}_[A-Za-z0-9]{12}$`));
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    // The same key naming workspace B is not a key at all.
    const moved = key.replace(hint, world.b.workspaceId.replaceAll('-', ''));
    const refused = await request(t.app, { method: 'GET', url: '/api/v1/workspace', key: moved });
    expect(refused.statusCode).toBe(401);

    const old = `tdm_Oldkey123456_${newToken()}`;
    await t.database.sql(
      `INSERT INTO api_keys (id, workspace_id, name, role, prefix, secret_hash)
       VALUES ($1, $2, 'from before', 'viewer', 'Oldkey123456', $3)`,
      [newId(), world.a.workspaceId, sha256(old)],
    );
    const works = await request(t.app, { method: 'GET', url: '/api/v1/workspace', key: old });
    expect(works.statusCode).toBe(200);
    expect(works.json().id).toBe(world.a.workspaceId);
    const list = await request(t.app, {
      method: 'GET',
      url: '/api/v1/api-keys',
      key: world.a.members.admin.key,
    });
    const prefixes = list.json().items.map((k: { prefix: string }) => k.prefix);
    expect(prefixes).toEqual(expect.arrayContaining([prefix, 'tdm_Oldkey123456']));
  });
});
