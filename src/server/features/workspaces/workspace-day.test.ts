import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, type TestApp, testClient } from '../../../../test/harness';
import { addDays, todayOf } from '../../../domain/issues';
import { dateAt } from '../../../domain/periods';
import { snapshotDueWorkspaces } from '../health/health.service';
import { sweepOverdue } from '../notifications/notifications.overdue';

// What is overdue follows the workspace's date in its time zone, not the server's UTC date.

let t: TestApp;
let world: World;
let memberCookie: string;
/** A's zone, chosen so that its date now is not the UTC date (one of the two always differs). */
let zone: string;
/** A's date now in that zone. */
let local: string;

const { send } = testClient(() => t);

async function setTimeZone(key: string, timeZone: string) {
  const current = await send({ method: 'GET', url: '/api/v1/workspace', key });
  const res = await send({
    method: 'PATCH',
    url: '/api/v1/workspace',
    key,
    payload: { timeZone },
    headers: { 'if-match': current.headers.etag as string },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function create(url: string, payload: object, key = world.a.members.admin.key) {
  const res = await send({ method: 'POST', url, key, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; overdue: boolean };
}

const taskFor = (member: World['a']['members']['member'], title: string, dueDate: string) =>
  create('/api/v1/tasks', { title, assigneeId: member.memberId, dueDate });

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  memberCookie = await signIn(t.app, world.a.members.member.email);
  const now = Date.now();
  const utc = todayOf(new Date(now));
  zone = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((z) => dateAt(now, z) !== utc) ?? '';
  local = dateAt(now, zone);
  await setTimeZone(world.a.members.admin.key, zone);
});
afterAll(() => t.close());

describe("the workspace's day", () => {
  it('flags, filters and groups tasks by the date in the workspace’s time zone', async () => {
    const member = world.a.members.member;
    const late = await taskFor(member, 'Due yesterday, there', addDays(local, -1));
    const due = await taskFor(member, 'Due today, there', local);
    expect(late.overdue).toBe(true);
    expect(due.overdue).toBe(false);

    const read = await send({ method: 'GET', url: `/api/v1/tasks/${due.id}`, key: member.key });
    expect(read.json().overdue).toBe(false);
    const overdue = await send({
      method: 'GET',
      url: '/api/v1/tasks?overdue=true',
      key: member.key,
    });
    expect(overdue.json().items.map((task: { id: string }) => task.id)).toEqual([late.id]);

    const work = await send({ method: 'GET', url: '/api/v1/tasks/my-work', cookie: memberCookie });
    expect(work.statusCode, work.body).toBe(200);
    const ids = (group: { items: Array<{ id: string }> }) => group.items.map((task) => task.id);
    expect(ids(work.json().overdue)).toEqual([late.id]);
    expect(ids(work.json().thisWeek)).toEqual([due.id]);
  });

  it('flags and filters issues by the same date, and counts a new issue’s target from it', async () => {
    const late = await create('/api/v1/issues', {
      partnerId: world.a.partners[0],
      title: 'Late there',
      kind: 'delivery',
      severity: 'low',
      dueOn: addDays(local, -1),
    });
    const due = await create('/api/v1/issues', {
      partnerId: world.a.partners[0],
      title: 'Due today there',
      kind: 'delivery',
      severity: 'low',
      dueOn: local,
    });
    expect([late.overdue, due.overdue]).toEqual([true, false]);
    const list = await send({
      method: 'GET',
      url: '/api/v1/issues?overdue=true',
      key: world.a.members.admin.key,
    });
    expect(list.json().items.map((issue: { id: string }) => issue.id)).toEqual([late.id]);

    const targets = await send({
      method: 'GET',
      url: '/api/v1/workspace',
      key: world.a.members.admin.key,
    });
    const days = targets.json().issueResponseDays.critical as number;
    const raised = await create('/api/v1/issues', {
      partnerId: world.a.partners[0],
      title: 'Raised today there',
      kind: 'delivery',
      severity: 'critical',
    });
    const read = await send({
      method: 'GET',
      url: `/api/v1/issues/${raised.id}`,
      key: world.a.members.admin.key,
    });
    expect(read.json().dueOn).toBe(addDays(local, days));
  });

  it('counts a partner’s follow-through by the same date in its health score', async () => {
    const partnerId = world.a.partners[1];
    const member = world.a.members.member;
    const task = (title: string, dueDate: string) =>
      create('/api/v1/tasks', { title, assigneeId: member.memberId, dueDate, partnerId });
    await task('Still open, due yesterday there', addDays(local, -1));
    await task('Still open, due today there', local);
    const done = await task('Done today, due today there', local);
    const moved = await send({
      method: 'PATCH',
      url: `/api/v1/tasks/${done.id}`,
      key: world.a.members.admin.key,
      headers: { 'if-match': '"1"' },
      payload: { status: 'done' },
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const health = await send({
      method: 'GET',
      url: `/api/v1/partners/${partnerId}/health`,
      key: world.a.members.admin.key,
    });
    const followThrough = health
      .json()
      .components.find((c: { key: string }) => c.key === 'followThrough');
    expect(followThrough.reason).toBe('1 done on time, 0 done late, 1 overdue');
  });

  it('sweeps each workspace by its own day: the same due date is overdue in one, not the other', async () => {
    // At 20:00 UTC on `day`, Kiritimati (UTC+14) is already on the next day; B stays on UTC.
    const day = '2031-03-10';
    await setTimeZone(world.a.members.admin.key, 'Pacific/Kiritimati');
    const inA = await taskFor(world.a.members.member, 'Due on the day, in A', day);
    const inB = await create(
      '/api/v1/tasks',
      { title: 'Due on the day, in B', assigneeId: world.b.members.member.memberId, dueDate: day },
      world.b.members.admin.key,
    );
    await sweepOverdue(t.database, async () => {}, new Date(`${day}T20:00:00Z`));
    const notices = async (id: string) =>
      (
        await t.database.sql(
          `SELECT workspace_id, recipient_id, due_on FROM notifications
           WHERE kind = 'overdue' AND subject_id = $1`,
          [id],
        )
      ).rows;
    expect(await notices(inA.id)).toEqual([
      {
        workspace_id: world.a.workspaceId,
        recipient_id: world.a.members.member.memberId,
        due_on: day,
      },
    ]);
    expect(await notices(inB.id)).toEqual([]);
    await setTimeZone(world.a.members.admin.key, zone);
  });

  it('files each workspace’s health snapshot under its own date, and takes it once that day', async () => {
    const day = '2031-03-10';
    const at = new Date(`${day}T20:00:00Z`);
    await setTimeZone(world.a.members.admin.key, 'Pacific/Kiritimati');
    const days = async (workspaceId: string) =>
      (
        await t.database.sql(
          `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM health_snapshots
           WHERE workspace_id = $1 AND day >= $2`,
          [workspaceId, day],
        )
      ).rows;
    try {
      expect(await snapshotDueWorkspaces(t.database, at)).toBeGreaterThan(0);
      expect(await days(world.a.workspaceId)).toEqual([{ day: addDays(day, 1) }]);
      expect(await days(world.b.workspaceId)).toEqual([{ day }]);
      // Each has its day's snapshot: nothing is due again until a workspace's next midnight.
      expect(await snapshotDueWorkspaces(t.database, at)).toBe(0);
      expect(await snapshotDueWorkspaces(t.database, new Date(`${day}T23:59:00Z`))).toBe(0);
    } finally {
      await t.database.sql('DELETE FROM health_snapshots WHERE day >= $1', [day]);
      await setTimeZone(world.a.members.admin.key, zone);
    }
  });
});
