import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  expectDenied,
  request,
  type TestApp,
} from '../../../../test/harness';
import { createWorkspace } from './workspaces.service';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

describe('workspace', () => {
  it('reads the caller’s own workspace with an ETag', async () => {
    const res = await request(t.app, {
      method: 'GET',
      url: '/api/v1/workspace',
      key: world.b.members.viewer.key,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: world.b.workspaceId, name: world.b.name });
    expect(res.json().tiers).toEqual(['platinum', 'gold', 'silver', 'bronze', 'registered']);
    expect(res.headers.etag).toMatch(/^"\d+"$/);
  });

  it('lets the admin rename it and set tiers with If-Match; stale and missing are refused', async () => {
    const key = world.a.members.admin.key;
    const current = await request(t.app, { method: 'GET', url: '/api/v1/workspace', key });
    const etag = String(current.headers.etag);
    const ok = await request(t.app, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key,
      headers: { 'if-match': etag },
      payload: { name: 'Acme <b>Partners</b>', tiers: ['strategic', 'core'] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Acme <b>Partners</b>', tiers: ['strategic', 'core'] });
    expect(ok.headers.etag).not.toBe(etag);
    // The ETag is the workspace's version, one more for every change.
    expect([etag, ok.headers.etag]).toEqual(['"1"', '"2"']);
    const before = await databaseSnapshot(t.database);
    const stale = await request(t.app, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key,
      headers: { 'if-match': etag },
      payload: { name: 'Lost update' },
    });
    expect(stale.statusCode).toBe(412);
    const missing = await request(t.app, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key,
      payload: { name: 'No If-Match' },
    });
    expect(missing.statusCode).toBe(428);
    const dupes = await request(t.app, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key,
      headers: { 'if-match': String(ok.headers.etag) },
      payload: { tiers: ['gold', 'gold'] },
    });
    expect(dupes.statusCode).toBe(400);
    expect(await databaseSnapshot(t.database)).toBe(before);
    const audit = await t.database.sql(
      "SELECT after FROM audit_events WHERE action = 'workspace.updated' AND workspace_id = $1",
      [world.a.workspaceId],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('refuses non-admins (403) and never touches another workspace', async () => {
    const before = await databaseSnapshot(t.database);
    for (const role of ['manager', 'member', 'viewer'] as const) {
      const res = await request(t.app, {
        method: 'PATCH',
        url: '/api/v1/workspace',
        key: world.b.members[role].key,
        headers: { 'if-match': '"1"' },
        payload: { name: 'Taken over' },
      });
      expect(res.statusCode).toBe(403);
    }
    const bAdmin = await request(t.app, {
      method: 'GET',
      url: '/api/v1/workspace',
      key: world.b.members.admin.key,
    });
    expect(bAdmin.json().id).toBe(world.b.workspaceId);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('creates a workspace with its admin (the CLI path), who can then sign in', async () => {
    const ctx = { ...t.ctx, requestId: null };
    const { workspaceId, userId } = await createWorkspace(ctx, {
      name: 'Third',
      adminName: 'Third Admin',
      adminEmail: 'Admin@Third.test',
      adminPassword: 'a long enough password',
    });
    expect(workspaceId).toMatch(/^[0-9a-f-]{36}$/);
    const cookie = await signIn(t.app, 'admin@third.test', 'a long enough password');
    const session = await request(t.app, { method: 'GET', url: '/api/v1/auth/session', cookie });
    expect(session.json()).toMatchObject({
      user: { id: userId },
      role: 'admin',
      workspace: { id: workspaceId, name: 'Third' },
    });
    await expect(
      createWorkspace(ctx, {
        name: 'Fourth',
        adminName: 'Dup',
        adminEmail: 'admin@third.test',
        adminPassword: 'a long enough password',
      }),
    ).rejects.toMatchObject({ code: 'email_taken' });
    await expect(
      createWorkspace(ctx, { name: '', adminName: 'x', adminEmail: 'bad', adminPassword: 'short' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('renewal reminder lead times', () => {
  it('default to 90, 30 and 7 days; the admin changes them, audited; bad lists change nothing', async () => {
    const key = world.b.members.admin.key;
    const current = await request(t.app, { method: 'GET', url: '/api/v1/workspace', key });
    expect(current.json().renewalReminderDays).toEqual({
      noticeDeadline: [90, 30, 7],
      endDate: [90, 30, 7],
    });
    const etag = String(current.headers.etag);
    const bad: Array<[unknown, string]> = [
      [{ noticeDeadline: [7, 30], endDate: [7] }, 'renewalReminderDays.noticeDeadline'],
      [{ noticeDeadline: [30], endDate: [7, 7] }, 'renewalReminderDays.endDate'],
      [{ noticeDeadline: [0], endDate: [] }, 'renewalReminderDays.noticeDeadline.0'],
      [{ noticeDeadline: [30], endDate: [1.5] }, 'renewalReminderDays.endDate.0'],
      [{ noticeDeadline: [400], endDate: [] }, 'renewalReminderDays.noticeDeadline.0'],
      [{ noticeDeadline: [6, 5, 4, 3, 2, 1], endDate: [] }, 'renewalReminderDays.noticeDeadline'],
      [{ noticeDeadline: [30] }, 'renewalReminderDays.endDate'],
    ];
    for (const [value, field] of bad) {
      const res = await expectDenied(t, 400, {
        method: 'PATCH',
        url: '/api/v1/workspace',
        key,
        headers: { 'if-match': etag },
        payload: { renewalReminderDays: value },
      });
      expect(
        (res.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field),
      ).toContain(field);
    }
    // Only the admin: a manager of the same workspace is refused, nothing changed.
    await expectDenied(t, 403, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key: world.b.members.manager.key,
      headers: { 'if-match': etag },
      payload: { renewalReminderDays: { noticeDeadline: [14], endDate: [] } },
    });
    const ok = await request(t.app, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key,
      headers: { 'if-match': etag },
      payload: { renewalReminderDays: { noticeDeadline: [60, 14], endDate: [] } },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().renewalReminderDays).toEqual({ noticeDeadline: [60, 14], endDate: [] });
    const audit = await t.database.sql(
      "SELECT before, after FROM audit_events WHERE action = 'workspace.updated' AND workspace_id = $1",
      [world.b.workspaceId],
    );
    expect(audit.rows).toMatchObject([
      {
        before: { renewalReminderDays: { noticeDeadline: [90, 30, 7], endDate: [90, 30, 7] } },
        after: { renewalReminderDays: { noticeDeadline: [60, 14], endDate: [] } },
      },
    ]);
    // Workspace A keeps its own.
    const a = await request(t.app, {
      method: 'GET',
      url: '/api/v1/workspace',
      key: world.a.members.viewer.key,
    });
    expect(a.json().renewalReminderDays.noticeDeadline).toEqual([90, 30, 7]);
  });
});
