import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, switchMailOff, type World } from '../../../../test/factories';
import { createTestApp, PUBLIC_URL, request, type TestApp } from '../../../../test/harness';
import { mailQueueEmpty } from '../../../../test/jobs';
import { startSmtpServer } from '../../../../test/smtp';
import { addDays, todayOf } from '../../../domain/issues';
import type { JobQueue } from '../../jobs/queue';
import type { NotificationMailJob } from './notifications.delivery';
import { sweepOverdue } from './notifications.overdue';

let t: TestApp;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

const today = todayOf(new Date());
const due = addDays(today, 1);
/** Mail jobs the sweeps queued, when a test captures them instead of sending. */
const queued: NotificationMailJob[] = [];
const sweep = (day: string) =>
  sweepOverdue(
    t.database,
    async (_tx, jobs) => {
      queued.push(...jobs);
    },
    new Date(`${day}T06:00:00Z`),
  );

type Notice = { id: string; workspace_id: string; recipient_id: string; due_on: string };
const noticesOf = async (subjectId: string) =>
  (
    await t.database.sql(
      `SELECT id, workspace_id, recipient_id, due_on FROM notifications
       WHERE kind = 'overdue' AND subject_id = $1 ORDER BY due_on`,
      [subjectId],
    )
  ).rows as Notice[];
const mailed = (notice: Notice | undefined) =>
  queued.some((job) => notice !== undefined && job.notificationIds.includes(notice.id));

async function createTask(key: string, payload: object): Promise<{ id: string }> {
  const res = await request(t.app, { method: 'POST', url: '/api/v1/tasks', key, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function createIssue(key: string, payload: object): Promise<{ id: string }> {
  const res = await request(t.app, { method: 'POST', url: '/api/v1/issues', key, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  world = await seedWorld(t.database);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('overdue sweep', () => {
  it('tells a task’s assignee once per due date, and again when a moved date passes', async () => {
    const member = world.a.members.member;
    const task = await createTask(world.a.members.admin.key, {
      title: 'Send the deck',
      assigneeId: member.memberId,
      dueDate: due,
    });
    await sweep(today);
    expect(await noticesOf(task.id)).toEqual([]);

    await sweep(addDays(due, 1));
    const [first] = await noticesOf(task.id);
    expect(first).toMatchObject({ recipient_id: member.memberId, due_on: due });
    expect(mailed(first)).toBe(true);
    // The next hourly run, and the next day's, find the notice and write none.
    await sweep(addDays(due, 1));
    await sweep(addDays(due, 2));
    expect(await noticesOf(task.id)).toHaveLength(1);

    const later = addDays(due, 5);
    const moved = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/tasks/${task.id}`,
      key: world.a.members.admin.key,
      headers: { 'if-match': '"1"' },
      payload: { dueDate: later },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await sweep(addDays(due, 3));
    expect(await noticesOf(task.id)).toHaveLength(1);
    await sweep(addDays(later, 1));
    expect((await noticesOf(task.id)).map((n) => n.due_on)).toEqual([due, later]);

    // In the app it links to the task.
    const cookie = await signIn(t.app, member.email);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/notifications', cookie });
    const overdue = (list.json().items as Array<{ kind: string; link: string; title: string }>)
      .filter((n) => n.kind === 'overdue')
      .map(({ link, title }) => ({ link, title }));
    expect(overdue).toEqual([
      { link: `/tasks/${task.id}`, title: 'Send the deck' },
      { link: `/tasks/${task.id}`, title: 'Send the deck' },
    ]);
  });

  it('tells an issue’s owner once its due date has passed', async () => {
    const owner = world.a.members.manager;
    const issue = await createIssue(world.a.members.admin.key, {
      partnerId: world.a.partners[0],
      title: 'Reseller undercuts list price',
      ownerId: owner.memberId,
      dueOn: due,
    });
    await sweep(due);
    expect(await noticesOf(issue.id)).toEqual([]);
    await sweep(addDays(due, 1));
    await sweep(addDays(due, 1));
    const notices = await noticesOf(issue.id);
    expect(notices).toMatchObject([{ recipient_id: owner.memberId, due_on: due }]);
    const { rows } = await t.database.sql(
      'SELECT subject_type, title, actor_id FROM notifications WHERE id = $1',
      [notices[0]?.id],
    );
    expect(rows).toEqual([
      { subject_type: 'issue', title: 'Reseller undercuts list price', actor_id: null },
    ]);
  });

  it('never fires for done or cancelled tasks, resolved or closed issues, or unassigned work', async () => {
    const key = world.a.members.admin.key;
    const assigneeId = world.a.members.member.memberId;
    const done = await createTask(key, { title: 'Done', assigneeId, dueDate: due });
    const cancelled = await createTask(key, { title: 'Cancelled', assigneeId, dueDate: due });
    const nobodys = await createTask(key, { title: 'Nobody’s', dueDate: due });
    for (const [task, status] of [
      [done, 'done'],
      [cancelled, 'cancelled'],
    ] as const) {
      const res = await request(t.app, {
        method: 'PATCH',
        url: `/api/v1/tasks/${task.id}`,
        key,
        headers: { 'if-match': '"1"' },
        payload: { status },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const issue = (title: string) =>
      createIssue(key, { partnerId: world.a.partners[1], title, ownerId: assigneeId, dueOn: due });
    const move = async (id: string, version: number, payload: object) => {
      const res = await request(t.app, {
        method: 'POST',
        url: `/api/v1/issues/${id}/transitions`,
        key,
        headers: { 'if-match': `"${version}"` },
        payload,
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const resolved = await issue('Resolved');
    const closed = await issue('Closed');
    await move(resolved.id, 1, { to: 'resolved', resolutionNotes: 'Agreed a floor price.' });
    await move(closed.id, 1, { to: 'resolved', resolutionNotes: 'Fixed.' });
    await move(closed.id, 2, { to: 'closed' });

    await sweep(addDays(due, 30));
    for (const record of [done, cancelled, nobodys, resolved, closed])
      expect(await noticesOf(record.id)).toEqual([]);
  });

  it('writes the in-app notice but no mail when the member switched overdue mail off', async () => {
    const viewer = world.a.members.viewer;
    await switchMailOff(t.app, viewer.email, 'overdue');
    const task = await createTask(world.a.members.admin.key, {
      title: 'Quiet reminder',
      assigneeId: viewer.memberId,
      dueDate: due,
    });
    await sweep(addDays(due, 1));
    const [notice] = await noticesOf(task.id);
    expect(notice?.recipient_id).toBe(viewer.memberId);
    expect(mailed(notice)).toBe(false);
  });

  it('keeps two workspaces apart', async () => {
    const inB = world.b.members.member;
    const taskB = await createTask(world.b.members.admin.key, {
      title: 'B’s own work',
      assigneeId: inB.memberId,
      dueDate: due,
    });
    await sweep(addDays(due, 1));
    expect(await noticesOf(taskB.id)).toMatchObject([
      { workspace_id: world.b.workspaceId, recipient_id: inB.memberId },
    ]);
    // Every notice went to a member of the record's own workspace.
    const { rows } = await t.database.sql(
      `SELECT count(*)::int AS n FROM notifications n
       JOIN members m ON m.id = n.recipient_id
       WHERE n.kind = 'overdue' AND m.workspace_id <> n.workspace_id`,
    );
    expect(rows).toEqual([{ n: 0 }]);
    const cookie = await signIn(t.app, world.a.members.member.email);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/notifications', cookie });
    expect(JSON.stringify(list.json())).not.toContain(taskB.id);
  });

  it('arrives over SMTP as plain text linking to the record, once', async () => {
    const queue = t.ctx.jobs as JobQueue;
    await queue.startWork();
    const member = world.b.members.manager;
    const task = await createTask(world.b.members.admin.key, {
      title: 'Countersign the NDA',
      assigneeId: member.memberId,
      dueDate: due,
    });
    const sweepAndSend = async (day: string) => {
      await sweepOverdue(
        t.database,
        (tx, jobs) => queue.enqueueMany(tx, 'notification.email', jobs),
        new Date(`${day}T06:00:00Z`),
      );
      await mailQueueEmpty(t.database);
      return smtp.received.filter((m) => m.raw.includes('Subject: Overdue: Countersign the NDA'));
    };
    const [mail, ...more] = await sweepAndSend(addDays(due, 1));
    expect(more).toEqual([]);
    expect(mail?.to).toEqual([member.email]);
    const parsed = await simpleParser(mail?.raw ?? '');
    expect(parsed.subject).toBe('Overdue: Countersign the NDA');
    expect(parsed.html).toBe(false);
    expect(parsed.text).toContain(`Open it: ${PUBLIC_URL}/tasks/${task.id}`);
    // The next sweep sends nothing again.
    expect(await sweepAndSend(addDays(due, 2))).toHaveLength(1);
  });
});
