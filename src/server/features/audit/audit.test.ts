import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, request, type TestApp } from '../../../../test/harness';
import { type Scope, systemScope } from '../../access/scope';
import { withTransaction } from '../../db/unit-of-work';
import { recordAudit } from './audit.service';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

const history = async (partnerId: string) => {
  const res = await request(t.app, {
    method: 'GET',
    url: `/api/v1/partners/${partnerId}/history`,
    key: world.a.members.admin.key,
  });
  expect(res.statusCode).toBe(200);
  return res.json().items as Array<{ action: string; actorType: string; actor: unknown }>;
};

const touch = (scope: Scope, partnerId: string, action: string) =>
  withTransaction({ ...t.ctx, requestId: null }, (tx, ctx) =>
    recordAudit(tx, ctx, scope, { action, entityType: 'partner', entityId: partnerId, partnerId }),
  );

describe('actors in history', () => {
  it('names each kind of actor: member, API key, partner user and system actors', async () => {
    const [partnerId] = world.a.partners;
    const manager = world.a.members.manager;
    const cookie = await signIn(t.app, manager.email);
    const edit = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/partners/${partnerId}`,
      cookie,
      headers: { 'if-match': '"1"' },
      payload: { stage: 'active' },
    });
    expect(edit.statusCode).toBe(200);
    const byKey = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/partners/${partnerId}`,
      key: world.a.members.member.key,
      headers: { 'if-match': '"2"' },
      payload: { stage: 'at_risk' },
    });
    expect(byKey.statusCode).toBe(200);
    const portal = await seedPartnerUser(t.database, world.a, partnerId, 'partner_admin');
    await touch(
      {
        kind: 'partner',
        workspaceId: world.a.workspaceId,
        role: 'partner_admin',
        userId: portal.userId,
        partnerId,
      },
      partnerId,
      'test.partner_user',
    );
    await touch(systemScope(world.a.workspaceId, 'cli'), partnerId, 'test.cli');
    await touch(systemScope(world.a.workspaceId, 'demo'), partnerId, 'test.demo');
    await touch(systemScope(world.a.workspaceId, 'job:reminders'), partnerId, 'test.job');

    const items = await history(partnerId);
    const actorOf = (action: string) => items.find((e) => e.action === action)?.actor;
    const updates = items.filter((e) => e.action === 'partner.updated');
    expect(updates.map((e) => e.actor)).toEqual([
      { kind: 'api_key', id: expect.any(String), name: 'member key' },
      { kind: 'member', id: manager.userId, name: 'A manager' },
    ]);
    expect(updates.map((e) => e.actorType)).toEqual(['api_key', 'user']);
    expect(actorOf('test.partner_user')).toEqual({
      kind: 'partner_user',
      id: portal.userId,
      name: 'Partner partner_admin',
    });
    expect(actorOf('test.cli')).toEqual({ kind: 'system', id: null, name: 'Command line' });
    expect(actorOf('test.demo')).toEqual({ kind: 'system', id: null, name: 'Demo data' });
    expect(actorOf('test.job')).toEqual({ kind: 'system', id: null, name: 'Job: reminders' });
  });

  it('keeps a member’s name in history after they are removed', async () => {
    const [, partnerId] = world.a.partners;
    const viewer = world.a.members.viewer;
    const scope: Scope = {
      kind: 'member',
      workspaceId: world.a.workspaceId,
      role: 'viewer',
      userId: viewer.userId,
      memberId: viewer.memberId,
      apiKeyId: null,
    };
    await touch(scope, partnerId, 'test.viewer');
    const removed = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${viewer.memberId}`,
      key: world.a.members.admin.key,
    });
    expect(removed.statusCode).toBe(204);
    const event = (await history(partnerId)).find((e) => e.action === 'test.viewer');
    expect(event?.actor).toEqual({ kind: 'member', id: viewer.userId, name: 'A viewer' });
  });
});
