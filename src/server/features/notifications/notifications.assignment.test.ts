import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let managerCookie: string;
let memberCookie: string;

const unread = async (cookie: string) =>
  (
    await request(t.app, { method: 'GET', url: '/api/v1/notifications/unread-count', cookie })
  ).json().unread as number;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  managerCookie = await signIn(t.app, world.a.members.manager.email);
  memberCookie = await signIn(t.app, world.a.members.member.email);
});
afterAll(() => t.close());

describe('assignment notifications', () => {
  it('tell a task’s assignee on create, on hand-over and on bulk reassign, never oneself', async () => {
    const start = await unread(memberCookie);
    const made = await request(t.app, {
      method: 'POST',
      url: '/api/v1/tasks',
      cookie: managerCookie,
      payload: { title: 'Draft the joint pitch', assigneeId: world.a.members.member.memberId },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(await unread(memberCookie)).toBe(start + 1);

    const other = await request(t.app, {
      method: 'POST',
      url: '/api/v1/tasks',
      cookie: managerCookie,
      payload: { title: 'Book the venue' },
    });
    const reassigned = await request(t.app, {
      method: 'POST',
      url: '/api/v1/tasks/bulk-reassign',
      cookie: managerCookie,
      payload: { ids: [other.json().id], assigneeId: world.a.members.member.memberId },
    });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    expect(await unread(memberCookie)).toBe(start + 2);

    // The member takes a task of their own: no notification.
    await request(t.app, {
      method: 'POST',
      url: '/api/v1/tasks',
      cookie: memberCookie,
      payload: { title: 'Mine', assigneeId: world.a.members.member.memberId },
    });
    expect(await unread(memberCookie)).toBe(start + 2);
  });

  it('tell a member an issue is theirs, when made so or handed over, and never oneself', async () => {
    const before = { manager: await unread(managerCookie), member: await unread(memberCookie) };
    const made = await request(t.app, {
      method: 'POST',
      url: '/api/v1/issues',
      cookie: managerCookie,
      payload: {
        partnerId: world.a.partners[0],
        title: 'Billing dispute',
        kind: 'commercial',
        severity: 'high',
        ownerId: world.a.members.member.memberId,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(await unread(memberCookie)).toBe(before.member + 1);

    const handed = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/issues/${made.json().id}`,
      cookie: memberCookie,
      headers: { 'if-match': made.headers.etag as string },
      payload: { ownerId: world.a.members.manager.memberId },
    });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(await unread(managerCookie)).toBe(before.manager + 1);

    // Taking an issue oneself tells no one.
    await request(t.app, {
      method: 'POST',
      url: '/api/v1/issues',
      cookie: memberCookie,
      payload: { partnerId: world.a.partners[0], title: 'Mine', kind: 'other', severity: 'low' },
    });
    expect(await unread(memberCookie)).toBe(before.member + 1);
  });
});
