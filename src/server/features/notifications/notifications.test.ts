import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SeededMember,
  type SeededWorkspace,
  seedWorld,
  signIn,
  type World,
} from '../../../../test/factories';
import { createTestApp, request, type TestApp } from '../../../../test/harness';
import type { NotifyInput } from '../../../domain/notifications';
import type { MemberScope } from '../../access/scope';
import { users } from '../../db/schema';
import type { JobQueue } from '../../jobs/queue';
import { removeMember } from '../members/members.service';
import { deliverNotificationMail, queueDigests } from './notifications.delivery';
import { notify } from './notifications.service';

let t: TestApp;
let world: World;
/** A's member, signed in: the recipient of most notifications here. */
let memberCookie: string;
let managerCookie: string;

function scopeOf(
  workspace: SeededWorkspace,
  who: SeededMember,
  role: MemberScope['role'],
): MemberScope {
  return {
    kind: 'member',
    workspaceId: workspace.workspaceId,
    role,
    userId: who.userId,
    memberId: who.memberId,
    apiKeyId: null,
  };
}

/** The A admin notifies someone, as a feature would inside its own change. */
function notifyAs(
  scope: MemberScope,
  input: Partial<NotifyInput> & Pick<NotifyInput, 'recipientId'>,
) {
  return t.database.transaction((tx) =>
    notify(tx, { ...t.ctx, requestId: null, tx }, scope, {
      kind: 'assignment',
      subjectType: 'partner',
      subjectId: world.a.partners[0],
      title: 'Acme renewal',
      ...input,
    }),
  );
}
const adminA = () => scopeOf(world.a, world.a.members.admin, 'admin');

async function queuedMails(): Promise<Array<{ recipientId: string; notificationIds: string[] }>> {
  const { rows } = await t.database.sql(
    "SELECT data FROM pgboss.job WHERE name = 'notification.email' ORDER BY created_on",
  );
  return rows.map(
    (row) => (row as { data: { recipientId: string; notificationIds: string[] } }).data,
  );
}

const get = (url: string, cookie: string) => request(t.app, { method: 'GET', url, cookie });
const post = (url: string, cookie: string) => request(t.app, { method: 'POST', url, cookie });

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  memberCookie = await signIn(t.app, world.a.members.member.email);
  managerCookie = await signIn(t.app, world.a.members.manager.email);
});
afterAll(() => t.close());

describe('notify', () => {
  it('writes the notification and queues its mail in the caller’s transaction', async () => {
    const before = (await queuedMails()).length;
    const made = await notifyAs(adminA(), { recipientId: world.a.members.member.memberId });
    expect(made).toMatchObject({
      kind: 'assignment',
      subjectType: 'partner',
      title: 'Acme renewal',
      link: `/partners/${world.a.partners[0]}`,
      actorId: world.a.members.admin.memberId,
      actorName: 'A admin',
      readAt: null,
    });
    const mails = await queuedMails();
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)).toMatchObject({
      recipientId: world.a.members.member.memberId,
      notificationIds: [made?.id],
    });
    const list = await get('/api/v1/notifications', memberCookie);
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toEqual(made);
    expect((await get('/api/v1/notifications/unread-count', memberCookie)).json()).toEqual({
      unread: 1,
    });
  });

  it('rolls back with the change that made it', async () => {
    const before = (await queuedMails()).length;
    await expect(
      t.database.transaction(async (tx) => {
        await notify(tx, { ...t.ctx, requestId: null, tx }, adminA(), {
          recipientId: world.a.members.member.memberId,
          kind: 'mention',
          subjectType: 'partner',
          subjectId: world.a.partners[0],
          title: 'Rolled back',
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await queuedMails()).toHaveLength(before);
    const titles = (await get('/api/v1/notifications', memberCookie))
      .json()
      .items.map((n: { title: string }) => n.title);
    expect(titles).not.toContain('Rolled back');
  });

  it('does not notify the actor of their own act', async () => {
    expect(await notifyAs(adminA(), { recipientId: world.a.members.admin.memberId })).toBeNull();
  });

  it('refuses a recipient of another workspace with the 422 naming recipientId', async () => {
    await expect(
      notifyAs(adminA(), { recipientId: world.b.members.member.memberId }),
    ).rejects.toMatchObject({ status: 422, fields: [{ field: 'recipientId' }] });
  });

  it('keeps a title on one line', async () => {
    const made = await notifyAs(adminA(), {
      recipientId: world.a.members.manager.memberId,
      title: 'Line one\r\nBcc: evil@example.test\n\tand <b>bold</b>',
    });
    expect(made?.title).toBe('Line one Bcc: evil@example.test and <b>bold</b>');
  });
});

describe('my notifications', () => {
  it('pages newest first and filters unread', async () => {
    const recipient = world.a.members.viewer;
    const cookie = await signIn(t.app, recipient.email);
    for (const title of ['First', 'Second', 'Third'])
      await notifyAs(adminA(), { recipientId: recipient.memberId, title, kind: 'mention' });
    const first = (await get('/api/v1/notifications?limit=2', cookie)).json();
    expect(first.items.map((n: { title: string }) => n.title)).toEqual(['Third', 'Second']);
    const second = (
      await get(
        `/api/v1/notifications?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
        cookie,
      )
    ).json();
    expect(second.items.map((n: { title: string }) => n.title)).toEqual(['First']);
    expect(second.nextCursor).toBeNull();

    const read = await post(`/api/v1/notifications/${second.items[0].id}/read`, cookie);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    // Again is harmless and keeps the first time.
    const again = await post(`/api/v1/notifications/${second.items[0].id}/read`, cookie);
    expect(again.json().readAt).toBe(read.json().readAt);

    const unread = (await get('/api/v1/notifications?unread=true', cookie)).json();
    expect(unread.items.map((n: { title: string }) => n.title)).toEqual(['Third', 'Second']);
    const readOnly = (await get('/api/v1/notifications?unread=false', cookie)).json();
    expect(readOnly.items.map((n: { title: string }) => n.title)).toEqual(['First']);
    expect((await get('/api/v1/notifications/unread-count', cookie)).json()).toEqual({ unread: 2 });

    const all = await post('/api/v1/notifications/read-all', cookie);
    expect(all.json()).toEqual({ marked: 2 });
    expect((await get('/api/v1/notifications/unread-count', cookie)).json()).toEqual({ unread: 0 });
    expect((await post('/api/v1/notifications/read-all', cookie)).json()).toEqual({ marked: 0 });
  });

  it('is refused to an API key, which is no member (403)', async () => {
    const res = await request(t.app, {
      method: 'GET',
      url: '/api/v1/notifications',
      key: world.a.members.admin.key,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('preferences', () => {
  it('start from the defaults and change with If-Match', async () => {
    const url = '/api/v1/notifications/preferences';
    const initial = await get(url, managerCookie);
    expect(initial.json()).toEqual({
      email: {
        assignment: true,
        mention: true,
        overdue: true,
        obligationOverdue: true,
        renewal: true,
        digest: false,
      },
      version: 0,
    });
    expect(initial.headers.etag).toBe('"0"');
    const change = (headers: Record<string, string>, email: object) =>
      request(t.app, { method: 'PATCH', url, cookie: managerCookie, headers, payload: { email } });
    expect((await change({}, { mention: false })).statusCode).toBe(428);
    expect((await change({ 'if-match': '"3"' }, { mention: false })).statusCode).toBe(412);
    const changed = await change({ 'if-match': '"0"' }, { mention: false, digest: true });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({
      email: {
        assignment: true,
        mention: false,
        overdue: true,
        obligationOverdue: true,
        renewal: true,
        digest: true,
      },
      version: 1,
    });
    expect(changed.headers.etag).toBe('"1"');
    expect((await change({ 'if-match': '"1"' }, { bogus: true })).statusCode).toBe(400);
  });

  it('a switch turned off queues no mail; the notification still shows in the app', async () => {
    const before = (await queuedMails()).length;
    const made = await notifyAs(adminA(), {
      recipientId: world.a.members.manager.memberId,
      kind: 'mention',
      title: 'Quiet mention',
    });
    expect(made).not.toBeNull();
    expect(await queuedMails()).toHaveLength(before);
  });
});

describe('mail without SMTP, digests and leaving members', () => {
  it('lands in the outbox admins read, once per job however often it runs', async () => {
    const made = await notifyAs(adminA(), {
      recipientId: world.a.members.member.memberId,
      title: 'Outbox please',
    });
    const job = {
      workspaceId: world.a.workspaceId,
      recipientId: world.a.members.member.memberId,
      notificationIds: [made?.id ?? ''],
      digest: false,
    };
    const jobId = '0193a1f2-0000-4000-8000-000000000001';
    expect(await deliverNotificationMail(t.database, null, 'http://tandem.test', job, jobId)).toBe(
      'outbox',
    );
    await deliverNotificationMail(t.database, null, 'http://tandem.test', job, jobId);
    const adminCookie = await signIn(t.app, world.a.members.admin.email);
    const outbox = (await get('/api/v1/outbox', adminCookie)).json().items;
    const kept = outbox.filter((m: { id: string }) => m.id === jobId);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      to: world.a.members.member.email,
      subject: 'A admin assigned you: Outbox please',
      memberId: world.a.members.member.memberId,
    });
    expect(kept[0].text).toContain(`http://tandem.test/partners/${world.a.partners[0]}`);
    expect((await get('/api/v1/outbox', memberCookie)).statusCode).toBe(403);
  });

  it('is written by the real worker when a notification is made', async () => {
    const queue = t.ctx.jobs as JobQueue;
    await queue.startWork();
    await notifyAs(adminA(), {
      recipientId: world.a.members.member.memberId,
      title: 'By the worker',
    });
    const deadline = Date.now() + 15_000;
    let found = false;
    while (!found && Date.now() < deadline) {
      const { rows } = await t.database.sql(
        "SELECT 1 FROM outbox WHERE subject = 'A admin assigned you: By the worker'",
      );
      found = rows.length === 1;
      if (!found) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toBe(true);
    await queue.stop();
  });

  it('queues one digest per opted-in member a day, idempotently, catching up what waited', async () => {
    // The manager switched the digest on above and has unread notifications.
    const jobs: Array<{ recipientId: string; notificationIds: string[] }> = [];
    const enqueue = async (
      _tx: unknown,
      job: { recipientId: string; notificationIds: string[] },
    ) => {
      jobs.push(job);
    };
    const now = new Date();
    expect(await queueDigests(t.database, enqueue, now)).toBe(1);
    expect(jobs[0]?.recipientId).toBe(world.a.members.manager.memberId);
    expect(jobs[0]?.notificationIds.length).toBeGreaterThanOrEqual(2);
    // Run again at once, or an hour later: nothing new.
    expect(await queueDigests(t.database, enqueue, now)).toBe(0);
    expect(await queueDigests(t.database, enqueue, new Date(now.getTime() + 3_600_000))).toBe(0);
    // A new notification waits for the next day, then goes alone.
    const later = await notifyAs(adminA(), {
      recipientId: world.a.members.manager.memberId,
      title: 'Next day',
    });
    expect(await queueDigests(t.database, enqueue, new Date(now.getTime() + 3_600_000))).toBe(0);
    expect(await queueDigests(t.database, enqueue, new Date(now.getTime() + 30 * 3_600_000))).toBe(
      1,
    );
    expect(jobs[1]?.notificationIds).toEqual([later?.id]);
  });

  it('sends a removed member nothing, and removal takes their notifications with them', async () => {
    const leaving = world.a.members.member;
    const made = await notifyAs(adminA(), { recipientId: leaving.memberId, title: 'Too late' });
    const job = {
      workspaceId: world.a.workspaceId,
      recipientId: leaving.memberId,
      notificationIds: [made?.id ?? ''],
      digest: false,
    };
    await removeMember({ ...t.ctx, requestId: null }, adminA(), leaving.memberId);
    const { rows } = await t.database.sql(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient_id = '${leaving.memberId}'`,
    );
    expect((rows[0] as { n: number }).n).toBe(0);
    expect(
      await deliverNotificationMail(
        t.database,
        null,
        '',
        job,
        '0193a1f2-0000-4000-8000-000000000002',
      ),
    ).toBe('skipped');
    const gone = await t.database.db.select().from(users).where(eq(users.id, leaving.userId));
    expect(gone).toEqual([]);
  });
});
