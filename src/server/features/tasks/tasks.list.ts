import { and, eq, gt, gte, inArray, isNotNull, lt, lte, type SQL } from 'drizzle-orm';
import {
  type MyWork,
  type MyWorkGroup,
  type MyWorkGroupName,
  type MyWorkPageQuery,
  myWorkGroups,
  openTaskStatuses,
  type TaskListQuery,
  type TaskPage,
  type TaskSort,
} from '../../../domain/tasks';
import { callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { taskIsOpen, tasks } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { filters, type ListSpec, pageFrom, planList, sortsOf, text, time } from '../../http/list';
import { workspaceToday } from '../workspaces/workspace-day';
import { presentTasks } from './tasks.present';
import { countOpenTasksOf, listTaskRows } from './tasks.queries';

/**
 * Each sort follows an index: (workspace_id, due_sort, id) or (…, created_at, id). `today` is the
 * workspace's date, which `overdue` counts from.
 */
const taskList = (today: string): ListSpec<TaskSort, TaskListQuery> => ({
  sorts: sortsOf(tasks.id, {
    dueDate: [text(tasks.dueSort)],
    createdAt: [time(tasks.createdAt)],
  }),
  filters: {
    q: filters.search(tasks.searchText),
    assigneeId: filters.anyOf(tasks.assigneeId),
    teamId: filters.anyOf(tasks.teamId),
    status: filters.anyOf(tasks.status),
    partnerId: filters.anyOf(tasks.partnerId),
    priority: filters.anyOf(tasks.priority),
    dueBefore: (date) => lte(tasks.dueDate, date),
    dueAfter: (date) => gte(tasks.dueDate, date),
    overdue: (value) =>
      value === 'true'
        ? and(
            isNotNull(tasks.dueDate),
            lt(tasks.dueDate, today),
            inArray(tasks.status, [...openTaskStatuses]),
          )
        : undefined,
  },
});

export async function listTasks(
  ctx: ServiceContext,
  scope: Scope,
  query: TaskListQuery,
): Promise<TaskPage> {
  const db = dbOf(ctx);
  const today = await workspaceToday(db, scope.workspaceId);
  const plan = planList(ctx.config.secret, taskList(today), query.sort, query);
  const page = pageFrom(ctx.config.secret, plan, await listTaskRows(db, scope, plan), (r) => r);
  return { items: await presentTasks(db, scope, page.items, today), nextCursor: page.nextCursor };
}

/** The tasks each group of "my work" shows at first; the rest come a page at a time. */
export const MY_WORK_PAGE = 50;

/** The last day (Sunday) of the ISO week holding `today`, as `YYYY-MM-DD`. */
export function endOfWeek(today: string): string {
  const date = new Date(`${today}T00:00:00Z`);
  const daysToSunday = (7 - date.getUTCDay()) % 7;
  date.setUTCDate(date.getUTCDate() + daysToSunday);
  return date.toISOString().slice(0, 10);
}

/**
 * Each group as a range of the due-date sort key (no date sorts as 9999-12-31, so "later"), by
 * the workspace's date: all three read the open-work index (workspace, assignee, due_sort, id).
 */
export function myWorkRanges(today: string): Record<MyWorkGroupName, SQL> {
  const weekEnd = endOfWeek(today);
  return {
    overdue: lt(tasks.dueSort, today),
    thisWeek: and(gte(tasks.dueSort, today), lte(tasks.dueSort, weekEnd)) as SQL,
    later: gt(tasks.dueSort, weekEnd),
  };
}

/** One member's open tasks in one group, by due date: the keyset list a group pages through. */
const myWorkList: ListSpec<'dueDate', { memberId: string; range: SQL }> = {
  sorts: sortsOf(tasks.id, { dueDate: [text(tasks.dueSort)] }),
  filters: {
    memberId: (memberId) => and(eq(tasks.assigneeId, memberId), taskIsOpen(tasks.status)),
    range: (range) => range,
  },
};

/** The plan of a page of one member's open tasks in one range (a group of `myWorkRanges`). */
export function myWorkPlan(secret: string, memberId: string, range: SQL, query: MyWorkPageQuery) {
  return planList(secret, myWorkList, 'dueDate', { memberId, range, ...query });
}

/** A page of one group's rows, not yet presented. */
async function myWorkRows(
  ctx: ServiceContext,
  scope: Scope,
  memberId: string,
  range: SQL,
  query: MyWorkPageQuery,
) {
  const plan = myWorkPlan(ctx.config.secret, memberId, range, query);
  return pageFrom(ctx.config.secret, plan, await listTaskRows(dbOf(ctx), scope, plan), (r) => r);
}

const noWork: MyWorkGroup = { total: 0, items: [], nextCursor: null };

/**
 * The caller's open tasks as overdue, due this week and later, by the workspace's date: each
 * group's count and its first page. An API key, which is no member, has none.
 */
export async function myWork(ctx: ServiceContext, scope: Scope): Promise<MyWork> {
  const memberId = callerMemberId(scope);
  if (!memberId) return { overdue: noWork, thisWeek: noWork, later: noWork };
  const db = dbOf(ctx);
  const today = await workspaceToday(db, scope.workspaceId);
  const ranges = myWorkRanges(today);
  const first = { limit: MY_WORK_PAGE };
  const [totals, ...pages] = await Promise.all([
    countOpenTasksOf(db, scope, memberId, ranges),
    ...myWorkGroups.map((group) => myWorkRows(ctx, scope, memberId, ranges[group], first)),
  ]);
  const items = await presentTasks(
    db,
    scope,
    pages.flatMap((page) => page.items),
    today,
  );
  // Presented together (one look-up of names for all three), then dealt back to their groups.
  const groups = myWorkGroups.map((group, i): MyWorkGroup => {
    const page = pages[i] ?? { items: [], nextCursor: null };
    const shown = items.splice(0, page.items.length);
    return { total: totals[group], items: shown, nextCursor: page.nextCursor };
  });
  const [overdue = noWork, thisWeek = noWork, later = noWork] = groups;
  return { overdue, thisWeek, later };
}

/** The next page of one group of the caller's work (`cursor` from the group's `nextCursor`). */
export async function myWorkPage(
  ctx: ServiceContext,
  scope: Scope,
  group: MyWorkGroupName,
  query: MyWorkPageQuery,
): Promise<TaskPage> {
  const memberId = callerMemberId(scope);
  if (!memberId) return { items: [], nextCursor: null };
  const db = dbOf(ctx);
  const today = await workspaceToday(db, scope.workspaceId);
  const page = await myWorkRows(ctx, scope, memberId, myWorkRanges(today)[group], query);
  return { items: await presentTasks(db, scope, page.items, today), nextCursor: page.nextCursor };
}
