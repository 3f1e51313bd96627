import { and, asc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { openTaskStatuses } from '../../../domain/tasks';
import type { Scope } from '../../access/scope';
import type { Database, Db, Tx } from '../../db/client';
import { isoUtcText, plainRows } from '../../db/plain';
import { openTaskStatusList, taskIsOpen, tasks, workspaces } from '../../db/schema';
import type { ListPlan } from '../../http/list';
import { workspaceTodaySql } from '../workspaces/workspace-day';

export type TaskRow = typeof tasks.$inferSelect;
export type NewTaskRow = typeof tasks.$inferInsert;

/** What lists read: every column but the search text, which only filters. */
const { searchText: _searchText, ...shownColumns } = getTableColumns(tasks);
export type ShownTaskRow = Omit<TaskRow, 'searchText'>;

/** Tasks are internal records: a partner user's scope sees none on this surface. */
function visible(scope: Scope): SQL {
  if (scope.kind === 'partner') return sql`false`;
  return eq(tasks.workspaceId, scope.workspaceId);
}

export async function findTask(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TaskRow | undefined> {
  const query = db
    .select()
    .from(tasks)
    .where(and(visible(scope), eq(tasks.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** The given tasks, locked in id order so two bulk changes wait rather than deadlock. */
export function lockTasks(tx: Tx, scope: Scope, ids: string[]) {
  return tx
    .select()
    .from(tasks)
    .where(and(visible(scope), inArray(tasks.id, ids)))
    .orderBy(asc(tasks.id))
    .for('update');
}

export async function insertTaskRow(tx: Tx, row: NewTaskRow): Promise<TaskRow> {
  const [inserted] = await tx.insert(tasks).values(row).returning();
  if (!inserted) throw new Error('task insert returned no row');
  return inserted;
}

export async function updateTaskRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewTaskRow>,
): Promise<TaskRow> {
  const [updated] = await tx
    .update(tasks)
    .set(set)
    .where(and(visible(scope), eq(tasks.id, id)))
    .returning();
  if (!updated) throw new Error('task update matched no row');
  return updated;
}

/** One set-based change to many tasks (bulk complete, bulk reassign). */
export function updateTaskRows(tx: Tx, scope: Scope, ids: string[], set: Partial<NewTaskRow>) {
  return tx
    .update(tasks)
    .set({ ...set, version: sql`${tasks.version} + 1`, updatedAt: new Date() })
    .where(and(visible(scope), inArray(tasks.id, ids)))
    .returning();
}

export async function deleteTaskRow(tx: Tx, scope: Scope, id: string): Promise<void> {
  await tx.delete(tasks).where(and(visible(scope), eq(tasks.id, id)));
}

/**
 * `shownColumns` as a select list, each column under its field name, for fixed statements; the
 * timestamps as the API writes them, so no row parses a Date only to print it again.
 */
const shownColumnList = Object.entries(shownColumns)
  .map(([field, column]) =>
    column.dataType === 'date'
      ? `${isoUtcText(column.name)} AS "${field}"`
      : `${column.name} AS "${field}"`,
  )
  .join(', ');

/** A task row with its timestamps already in the API's ISO form, as fixed statements read it. */
export type ShownTaskText = Omit<ShownTaskRow, 'completedAt' | 'createdAt' | 'updatedAt'> & {
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** The statement of a page of tasks as a list plan asks for it (the task list, a group of my work). */
export function taskPageSql(scope: Scope, plan: ListPlan): SQL {
  return sql`SELECT ${sql.raw(shownColumnList)}, ${plan.cursor} AS cursor FROM ${tasks}
    WHERE ${and(visible(scope), plan.where)} ORDER BY ${sql.join(plan.orderBy, sql`, `)}
    LIMIT ${plan.limit}`;
}

/**
 * A page of tasks as plain rows, timestamps as the API writes them: lists and "my work" read
 * pages on every visit (decision 065).
 */
export function listTaskRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return plainRows<ShownTaskText & { cursor: string[] }>(db, taskPageSql(scope, plan));
}

export const openTasksOfMember = `SELECT ${shownColumnList} FROM tasks
  WHERE workspace_id = $1 AND assignee_id = $2 AND status IN (${openTaskStatusList})
  ORDER BY due_sort, id LIMIT $3`;

/**
 * A member's open tasks by due date (no date last), read in order from the open-work index: what
 * their calendar feed lists, up to its limit. One fixed statement, as the API-key lookup is:
 * Drizzle's generic row mapping cost more than the database's own work here (docs/benchmarks.md).
 */
export async function findOpenTasksOf(
  database: Database,
  scope: Scope,
  memberId: string,
  limit: number,
): Promise<ShownTaskText[]> {
  if (scope.kind === 'partner') return [];
  const { rows } = await database.sql(openTasksOfMember, [scope.workspaceId, memberId, limit]);
  return rows as ShownTaskText[];
}

/**
 * How many of a member's open tasks each range holds ("my work"'s groups), counted in one pass
 * over the open-work index.
 */
export async function countOpenTasksOf<G extends string>(
  db: Db | Tx,
  scope: Scope,
  memberId: string,
  ranges: Record<G, SQL>,
): Promise<Record<G, number>> {
  const counts = Object.fromEntries(
    Object.entries<SQL>(ranges).map(([group, range]) => [
      group,
      sql<number>`(count(*) FILTER (WHERE ${range}))::int`,
    ]),
  ) as Record<G, SQL<number>>;
  const [row] = await db
    .select(counts)
    .from(tasks)
    .where(and(visible(scope), eq(tasks.assigneeId, memberId), taskIsOpen(tasks.status)));
  return row as Record<G, number>;
}

export function findTaskTitles(db: Db | Tx, scope: Scope, ids: string[]) {
  return db
    .select({ id: tasks.id, title: tasks.title, partnerId: tasks.partnerId })
    .from(tasks)
    .where(and(visible(scope), inArray(tasks.id, ids)));
}

/** A leaving member's tasks become unassigned; answers their ids. */
export async function unassignMemberTasks(tx: Tx, scope: Scope, memberId: string) {
  const rows = await tx
    .update(tasks)
    .set({ assigneeId: null, version: sql`${tasks.version} + 1`, updatedAt: new Date() })
    .where(and(visible(scope), eq(tasks.assigneeId, memberId)))
    .returning({ id: tasks.id });
  return rows.map((r) => r.id);
}

/**
 * Open tasks with an assignee, due before their workspace's date at `now`, in every workspace: the
 * rows of the overdue sweep (`overdueNoticeSources`), in the columns it reads.
 */
export function overdueTaskNoticesSql(now: Date): SQL {
  return sql`SELECT ${tasks.workspaceId} AS workspace_id, 'task'::text AS subject_type,
      ${tasks.id} AS subject_id, ${tasks.assigneeId} AS recipient_id,
      ${tasks.dueDate} AS due_on, ${tasks.title} AS title
    FROM ${tasks} JOIN ${workspaces} ON ${workspaces.id} = ${tasks.workspaceId}
    WHERE ${tasks.assigneeId} IS NOT NULL
      AND ${tasks.dueDate} < to_char(${workspaceTodaySql(now)}, 'YYYY-MM-DD')
      AND ${inArray(tasks.status, [...openTaskStatuses])}`;
}
