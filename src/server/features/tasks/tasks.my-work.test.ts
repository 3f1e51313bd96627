import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  type TestApp,
  testClient,
} from '../../../../test/harness';
import { queryPlan } from '../../../../test/query-plan';
import { dayFromToday as day, taskMaker } from '../../../../test/tasks';
import { todayOf } from '../../../domain/issues';
import type { Scope } from '../../access/scope';
import { endOfWeek, MY_WORK_PAGE, myWorkPlan, myWorkRanges } from './tasks.list';
import { openTasksOfMember, taskPageSql } from './tasks.queries';

/** "My work": its groups and counts, paging a group, the index each reads, and who sees what. */

let t: TestApp;
let world: World;
let managerCookie: string;

const { send, denied } = testClient(() => t);

const createTask = taskMaker(
  () => t,
  () => world.a.members.member.key,
);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  managerCookie = await signIn(t.app, world.a.members.manager.email);
});
afterAll(() => t.close());

describe('my work', () => {
  it('my work groups my open tasks: overdue, this week, later, each with its count', async () => {
    const key = world.a.members.member.key;
    const me = world.a.members.manager.memberId;
    await createTask({ title: 'MW late', assigneeId: me, dueDate: day(-1) });
    await createTask({ title: 'MW today', assigneeId: me, dueDate: day(0) });
    await createTask({ title: 'MW far', assigneeId: me, dueDate: day(30) });
    await createTask({ title: 'MW none', assigneeId: me });
    const res = await send({ method: 'GET', url: '/api/v1/tasks/my-work', cookie: managerCookie });
    expect(res.statusCode).toBe(200);
    const work = res.json();
    const titles = (group: { items: Array<{ title: string }> }) => group.items.map((x) => x.title);
    expect(titles(work.overdue)).toEqual(['MW late']);
    expect(titles(work.thisWeek)).toContain('MW today');
    // No due date sorts last.
    expect(titles(work.later).slice(-2)).toEqual(['MW far', 'MW none']);
    for (const group of [work.overdue, work.thisWeek, work.later]) {
      expect(group.total).toBe(group.items.length);
      expect(group.nextCursor).toBeNull();
    }
    // An item is the task the API shows anywhere.
    const late = work.overdue.items[0];
    const one = await send({
      method: 'GET',
      url: `/api/v1/tasks/${late.id}`,
      cookie: managerCookie,
    });
    expect(late).toEqual(one.json());
    expect(late.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(endOfWeek('2026-12-02')).toBe('2026-12-06');
    expect(endOfWeek('2026-12-06')).toBe('2026-12-06');
    // An API key is no member: empty groups, not someone else's work.
    const byKey = await send({ method: 'GET', url: '/api/v1/tasks/my-work', key });
    expect(byKey.json().overdue).toEqual({ total: 0, items: [], nextCursor: null });
  });

  it('my work shows a group’s first page and its count; the rest come a page at a time', async () => {
    const key = world.a.members.member.key;
    const memberCookie = await signIn(t.app, world.a.members.member.email);
    const me = world.a.members.member.memberId;
    const made: string[] = [];
    for (let i = 0; i < MY_WORK_PAGE + 3; i++) {
      // Spread over five past days, so the order is by due date, then by id within a day.
      const task = await createTask({
        title: `Late ${i}`,
        assigneeId: me,
        dueDate: day(-5 + (i % 5)),
      });
      made.push(task.id);
    }
    const done = await createTask({ title: 'Late but done', assigneeId: me, dueDate: day(-2) });
    await send({
      method: 'PATCH',
      url: `/api/v1/tasks/${done.id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { status: 'done' },
    });
    const work = (
      await send({ method: 'GET', url: '/api/v1/tasks/my-work', cookie: memberCookie })
    ).json();
    expect(work.overdue.total).toBe(MY_WORK_PAGE + 3);
    expect(work.overdue.items).toHaveLength(MY_WORK_PAGE);
    expect(work.overdue.nextCursor).toEqual(expect.any(String));

    const url = `/api/v1/tasks/my-work/overdue?limit=2&cursor=${work.overdue.nextCursor}`;
    const second = await send({ method: 'GET', url, cookie: memberCookie });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().items).toHaveLength(2);
    const third = await send({
      method: 'GET',
      url: `/api/v1/tasks/my-work/overdue?cursor=${second.json().nextCursor}`,
      cookie: memberCookie,
    });
    expect(third.json().nextCursor).toBeNull();
    const all = [work.overdue, second.json(), third.json()].flatMap((page) => page.items);
    expect(new Set(all.map((task: { id: string }) => task.id))).toEqual(new Set(made));
    const order = all.map((task: { dueDate: string; id: string }) => `${task.dueDate} ${task.id}`);
    expect(order).toEqual([...order].sort());

    // A cursor of another list, a made-up one, or a group that is none: 400 naming the field.
    const tampered = await denied(400, {
      method: 'GET',
      url: '/api/v1/tasks/my-work/overdue?cursor=bm90LWEtY3Vyc29y',
      cookie: memberCookie,
    });
    expect(tampered.json().errors[0].field).toBe('cursor');
    const list = await send({ method: 'GET', url: '/api/v1/tasks?sort=createdAt&limit=1', key });
    await denied(400, {
      method: 'GET',
      url: `/api/v1/tasks/my-work/later?cursor=${list.json().nextCursor}`,
      cookie: memberCookie,
    });
    const group = await denied(400, {
      method: 'GET',
      url: '/api/v1/tasks/my-work/someday',
      cookie: memberCookie,
    });
    expect(group.json().errors[0].field).toBe('group');
  });

  it('each group of my work reads the open-work index in due order, with no sort', async () => {
    const scope = { kind: 'member', workspaceId: world.a.workspaceId } as Scope;
    for (const range of Object.values(myWorkRanges(todayOf(new Date())))) {
      const plan = myWorkPlan('secret', world.a.members.manager.memberId, range, { limit: 50 });
      const query = new PgDialect().sqlToQuery(taskPageSql(scope, plan));
      const explained = await queryPlan(t.database, query.sql, query.params);
      expect(explained).toContain('tasks_open_by_assignee_idx');
      expect(explained).not.toContain('Sort');
    }
  });

  it('the calendar feed’s open tasks read the open-work index in due order, with no sort', async () => {
    const values = [world.a.workspaceId, world.a.members.manager.memberId, 501];
    const explained = await queryPlan(t.database, openTasksOfMember, values);
    expect(explained).toContain('tasks_open_by_assignee_idx');
    expect(explained).not.toContain('Sort');
  });
});

describe('access', () => {
  it("my work in another workspace holds none of A's tasks, even with A's cursor", async () => {
    const me = world.a.members.manager.memberId;
    for (let i = 0; i < MY_WORK_PAGE + 1; i++)
      await createTask({ title: `A later ${i}`, assigneeId: me, dueDate: day(60) });
    const a = await send({ method: 'GET', url: '/api/v1/tasks/my-work', cookie: managerCookie });
    const cursor = a.json().later.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const bCookie = await signIn(t.app, world.b.members.manager.email);
    const before = await databaseSnapshot(t.database);
    const b = await send({ method: 'GET', url: '/api/v1/tasks/my-work', cookie: bCookie });
    const bIds = [b.json().overdue, b.json().thisWeek, b.json().later].flatMap((group) =>
      group.items.map((task: { id: string }) => task.id),
    );
    const aIds = new Set(a.json().later.items.map((task: { id: string }) => task.id));
    expect(bIds.filter((id) => aIds.has(id))).toEqual([]);
    const page = await send({
      method: 'GET',
      url: `/api/v1/tasks/my-work/later?cursor=${cursor}`,
      cookie: bCookie,
    });
    expect(page.statusCode).toBe(200);
    expect(
      page.json().items.filter((task: { title: string }) => task.title.startsWith('A ')),
    ).toEqual([]);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});
