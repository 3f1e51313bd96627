import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerUserCookie, seedWorld, type World } from '../../../../test/factories';
import { createTestApp, type TestApp, testClient } from '../../../../test/harness';
import { dayFromToday as day, taskMaker } from '../../../../test/tasks';
import { auditEvents } from '../../db/schema';

let t: TestApp;
let world: World;
let aTeams: Record<string, string>;
let bTeams: Record<string, string>;
let partnerCookie: string;

const { send, denied } = testClient(() => t);

async function teamsOf(key: string) {
  const res = await send({ method: 'GET', url: '/api/v1/teams', key });
  return Object.fromEntries(
    res.json().items.map((team: { id: string; name: string }) => [team.name, team.id]),
  );
}

const createTask = taskMaker(
  () => t,
  () => world.a.members.member.key,
);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  aTeams = await teamsOf(world.a.members.admin.key);
  bTeams = await teamsOf(world.b.members.admin.key);
  partnerCookie = await partnerUserCookie(t, world.a, world.a.partners[0]);
});
afterAll(() => t.close());

describe('tasks', () => {
  it('creates a task with assignee, team, partner and a link, on the partner timeline', async () => {
    const contact = await send({
      method: 'POST',
      url: '/api/v1/contacts',
      key: world.a.members.admin.key,
      payload: { partnerId: world.a.partners[0], firstName: 'Lin', lastName: 'Ked' },
    });
    const task = await createTask({
      title: 'Send the pricing sheet',
      description: '**Markdown** <script>alert(1)</script>',
      assigneeId: world.a.members.manager.memberId,
      teamId: aTeams.Sales,
      dueDate: day(2),
      priority: 'high',
      partnerId: world.a.partners[0],
      subjectType: 'contact',
      subjectId: contact.json().id,
    });
    expect(task).toMatchObject({
      status: 'todo',
      allowedStatuses: ['in_progress', 'done', 'cancelled'],
      assignee: { id: world.a.members.manager.memberId, name: 'A manager' },
      team: { name: 'Sales' },
      partner: { id: world.a.partners[0], name: 'A Partner One' },
      link: { subjectType: 'contact', label: 'Lin Ked' },
      visibility: 'internal',
      overdue: false,
    });
    const timeline = await send({
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}/timeline?kind=task`,
      key: world.a.members.viewer.key,
    });
    expect(timeline.json().items[0]).toMatchObject({
      subjectType: 'task',
      subjectId: task.id,
      summary: { event: 'created', title: 'Send the pricing sheet' },
    });
  });

  it('refuses every reference of another workspace with 422 naming the field, changing nothing', async () => {
    const key = world.a.members.member.key;
    const url = '/api/v1/tasks';
    const bTask = await createTask({ title: 'B only' }, world.b.members.member.key);
    const cases: Array<[object, string]> = [
      [{ assigneeId: world.b.members.member.memberId }, 'assigneeId'],
      [{ teamId: bTeams.Sales }, 'teamId'],
      [{ partnerId: world.b.partners[0] }, 'partnerId'],
      [{ subjectType: 'partner', subjectId: world.b.partners[0] }, 'subjectId'],
      [{ subjectType: 'task', subjectId: bTask.id }, 'subjectId'],
    ];
    for (const [fields, field] of cases) {
      const res = await denied(422, {
        method: 'POST',
        url,
        key,
        payload: { title: 'X', ...fields },
      });
      expect(res.json().errors[0].field).toBe(field);
    }
    // Half a link is a validation error.
    await denied(400, { method: 'POST', url, key, payload: { title: 'X', subjectType: 'task' } });
    // A link to another partner's record than the task's own.
    await denied(422, {
      method: 'POST',
      url,
      key,
      payload: {
        title: 'X',
        partnerId: world.a.partners[0],
        subjectType: 'partner',
        subjectId: world.a.partners[1],
      },
    });
  });

  it('moves status along the machine; an illegal move is 409 with the allowed ones', async () => {
    const key = world.a.members.member.key;
    const task = await createTask({ title: 'Machine', partnerId: world.a.partners[1] });
    const url = `/api/v1/tasks/${task.id}`;
    const cancelled = await send({
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { status: 'cancelled' },
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', allowedStatuses: ['todo'] });
    const refused = await denied(409, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"2"' },
      payload: { status: 'done' },
    });
    expect(refused.json()).toMatchObject({ code: 'invalid_transition', allowed: ['todo'] });
    await denied(428, { method: 'PATCH', url, key, payload: { title: 'Y' } });
    await denied(412, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { title: 'Y' },
    });
    const reopened = await send({
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"2"' },
      payload: { status: 'todo' },
    });
    expect(reopened.json().status).toBe('todo');
    const done = await send({
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"3"' },
      payload: { status: 'done' },
    });
    expect(done.json().completedAt).not.toBeNull();
    const actions = (
      await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, task.id))
    ).map((e) => e.action);
    expect(actions).toEqual([
      'task.created',
      'task.status_changed',
      'task.status_changed',
      'task.status_changed',
    ]);
    const timeline = await send({
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[1]}/timeline?kind=task`,
      key,
    });
    expect(
      timeline.json().items.map((e: { summary: { event: string } }) => e.summary.event),
    ).toEqual(['completed', 'created']);
  });

  it('lists with filters: assignee, status, overdue, due before and after, team, partner', async () => {
    const key = world.a.members.admin.key;
    const me = world.a.members.viewer.memberId;
    const late = await createTask({ title: 'Late', assigneeId: me, dueDate: day(-3) });
    const soon = await createTask({ title: 'Soon', assigneeId: me, dueDate: day(1) });
    const undated = await createTask({ title: 'Someday', assigneeId: me, teamId: aTeams.Legal });
    const titles = async (query: string) =>
      (await send({ method: 'GET', url: `/api/v1/tasks?${query}`, key }))
        .json()
        .items.map((x: { title: string }) => x.title);
    expect(await titles(`assigneeId=${me}`)).toEqual(['Late', 'Soon', 'Someday']);
    expect(await titles(`assigneeId=${me}&sort=-dueDate`)).toEqual(['Someday', 'Soon', 'Late']);
    expect(await titles(`assigneeId=${me}&overdue=true`)).toEqual(['Late']);
    expect(await titles(`assigneeId=${me}&dueBefore=${day(0)}`)).toEqual(['Late']);
    expect(await titles(`assigneeId=${me}&dueAfter=${day(0)}`)).toEqual(['Soon']);
    expect(await titles(`assigneeId=${me}&teamId=${aTeams.Legal}`)).toEqual(['Someday']);
    expect(await titles(`partnerId=${world.a.partners[1]}&status=done`)).toEqual(['Machine']);
    const first = await send({ method: 'GET', url: `/api/v1/tasks?assigneeId=${me}&limit=2`, key });
    const next = await send({
      method: 'GET',
      url: `/api/v1/tasks?assigneeId=${me}&limit=2&cursor=${first.json().nextCursor}`,
      key,
    });
    expect(next.json().items.map((x: { id: string }) => x.id)).toEqual([undated.id]);
    expect([late.id, soon.id]).toEqual(first.json().items.map((x: { id: string }) => x.id));
  });

  it('completes and reassigns in bulk, all or nothing, with an audit event per task', async () => {
    const key = world.a.members.member.key;
    const one = await createTask({ title: 'Bulk one', partnerId: world.a.partners[0] });
    const two = await createTask({ title: 'Bulk two' });
    const foreign = await createTask({ title: 'B bulk' }, world.b.members.member.key);
    const refused = await denied(422, {
      method: 'POST',
      url: '/api/v1/tasks/bulk-complete',
      key,
      payload: { ids: [one.id, foreign.id] },
    });
    expect(refused.json().errors[0].field).toBe('ids.1');
    const done = await send({
      method: 'POST',
      url: '/api/v1/tasks/bulk-complete',
      key,
      payload: { ids: [one.id, two.id] },
    });
    expect(done.json().items.map((x: { status: string }) => x.status)).toEqual(['done', 'done']);
    await denied(422, {
      method: 'POST',
      url: '/api/v1/tasks/bulk-reassign',
      key,
      payload: { ids: [one.id], assigneeId: world.b.members.admin.memberId },
    });
    const moved = await send({
      method: 'POST',
      url: '/api/v1/tasks/bulk-reassign',
      key,
      payload: { ids: [one.id, two.id], assigneeId: world.a.members.admin.memberId },
    });
    expect(moved.json().items.map((x: { assignee: { name: string } }) => x.assignee.name)).toEqual([
      'A admin',
      'A admin',
    ]);
    for (const id of [one.id, two.id]) {
      const actions = (
        await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))
      ).map((e) => e.action);
      expect(actions).toEqual(['task.created', 'task.status_changed', 'task.updated']);
    }
    // A cancelled task cannot be completed: the whole request is refused.
    const cancelled = await createTask({ title: 'Cancelled' });
    await send({
      method: 'PATCH',
      url: `/api/v1/tasks/${cancelled.id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { status: 'cancelled' },
    });
    const fresh = await createTask({ title: 'Fresh' });
    await denied(409, {
      method: 'POST',
      url: '/api/v1/tasks/bulk-complete',
      key,
      payload: { ids: [fresh.id, cancelled.id] },
    });
  });
});

describe('access', () => {
  it("another workspace can neither read nor change A's tasks (404), nor list them", async () => {
    const task = await createTask({ title: 'A secret task', partnerId: world.a.partners[0] });
    const key = world.b.members.admin.key;
    const url = `/api/v1/tasks/${task.id}`;
    await denied(404, { method: 'GET', url, key });
    await denied(404, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { title: 'B' },
    });
    await denied(404, { method: 'DELETE', url, key });
    const list = await send({ method: 'GET', url: '/api/v1/tasks?q=secret', key });
    expect(list.json().items).toEqual([]);
    await denied(422, {
      method: 'POST',
      url: '/api/v1/tasks/bulk-reassign',
      key,
      payload: { ids: [task.id], assigneeId: null },
    });
  });

  it('a viewer reads but changes nothing; a partner user reads nothing', async () => {
    const task = await createTask({ title: 'Viewer' });
    const key = world.a.members.viewer.key;
    expect((await send({ method: 'GET', url: `/api/v1/tasks/${task.id}`, key })).statusCode).toBe(
      200,
    );
    await denied(403, { method: 'POST', url: '/api/v1/tasks', key, payload: { title: 'V' } });
    await denied(403, {
      method: 'POST',
      url: '/api/v1/tasks/bulk-complete',
      key,
      payload: { ids: [task.id] },
    });
    await denied(403, { method: 'GET', url: '/api/v1/tasks', cookie: partnerCookie });
    await denied(403, { method: 'GET', url: '/api/v1/tasks/my-work', cookie: partnerCookie });
    // A path that names something (here a group) tells a partner user nothing, as for a record.
    await denied(404, {
      method: 'GET',
      url: '/api/v1/tasks/my-work/overdue',
      cookie: partnerCookie,
    });
    await denied(404, { method: 'GET', url: `/api/v1/tasks/${task.id}`, cookie: partnerCookie });
  });

  it('a member who leaves has their tasks unassigned; deleting a task leaves no timeline entry', async () => {
    const key = world.a.members.admin.key;
    const task = await createTask({
      title: 'Orphan',
      assigneeId: world.a.members.viewer.memberId,
      partnerId: world.a.partners[0],
    });
    const removed = await send({
      method: 'DELETE',
      url: `/api/v1/members/${world.a.members.viewer.memberId}`,
      key,
    });
    expect(removed.statusCode).toBe(204);
    const after = await send({ method: 'GET', url: `/api/v1/tasks/${task.id}`, key });
    expect(after.json().assignee).toBeNull();
    expect(
      (await send({ method: 'DELETE', url: `/api/v1/tasks/${task.id}`, key })).statusCode,
    ).toBe(204);
    const timeline = await send({
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}/timeline?kind=task`,
      key,
    });
    expect(timeline.json().items.map((e: { subjectId: string }) => e.subjectId)).not.toContain(
      task.id,
    );
  });
});
