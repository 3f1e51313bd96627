import { and, gte, inArray, isNotNull, lt, lte } from 'drizzle-orm';
import {
  type MyWork,
  openTaskStatuses,
  type TaskListQuery,
  type TaskPage,
  type TaskSort,
} from '../../../domain/tasks';
import { callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { tasks } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { filters, type ListSpec, pageFrom, planList, sortsOf, text, time } from '../../http/list';
import { workspaceToday } from '../workspaces/workspace-day';
import { presentTasks } from './tasks.present';
import { findOpenTasksOf, listTaskRows } from './tasks.queries';

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

/** How many open tasks "my work" answers at most; `truncated` says when there are more. */
export const MY_WORK_LIMIT = 500;

/** The last day (Sunday) of the ISO week holding `today`, as `YYYY-MM-DD`. */
export function endOfWeek(today: string): string {
  const date = new Date(`${today}T00:00:00Z`);
  const daysToSunday = (7 - date.getUTCDay()) % 7;
  date.setUTCDate(date.getUTCDate() + daysToSunday);
  return date.toISOString().slice(0, 10);
}

/** The caller's open tasks: overdue, due this week, later (no due date last), by the workspace's date. */
export async function myWork(ctx: ServiceContext, scope: Scope): Promise<MyWork> {
  const memberId = callerMemberId(scope);
  if (!memberId) return { overdue: [], thisWeek: [], later: [], truncated: false };
  const db = dbOf(ctx);
  const [rows, today] = await Promise.all([
    findOpenTasksOf(ctx.database, scope, memberId, MY_WORK_LIMIT + 1),
    workspaceToday(db, scope.workspaceId),
  ]);
  const items = await presentTasks(db, scope, rows.slice(0, MY_WORK_LIMIT), today);
  const weekEnd = endOfWeek(today);
  return {
    overdue: items.filter((t) => t.dueDate !== null && t.dueDate < today),
    thisWeek: items.filter((t) => t.dueDate !== null && t.dueDate >= today && t.dueDate <= weekEnd),
    later: items.filter((t) => t.dueDate === null || t.dueDate > weekEnd),
    truncated: rows.length > MY_WORK_LIMIT,
  };
}
