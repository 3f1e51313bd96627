import type { Task, TaskBulkComplete, TaskBulkReassign, TaskStatus } from '../../../domain/tasks';
import { taskMachine } from '../../../domain/tasks';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { assertTransition } from '../../http/transition';
import { recordAudits } from '../audit/audit.service';
import { usableMemberRef } from '../members/members.service';
import { recordTimelineEntry } from '../timeline/timeline.service';
import { presentTasks } from './tasks.present';
import { lockTasks, type TaskRow, updateTaskRows } from './tasks.queries';
import { notifyAssignee } from './tasks.service';

/**
 * The tasks a bulk change names, locked: all or nothing, so one id out of scope (or nowhere)
 * refuses the whole request with 422 naming its place in `ids`.
 */
async function lockAll(tx: Parameters<typeof lockTasks>[0], scope: Scope, ids: string[]) {
  const rows = await lockTasks(tx, scope, ids);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw errors.invalidReference(`ids.${missing}`, 'task');
  return rows;
}

/** One transaction: the changed rows in one statement, then an audit event per task. */
async function bulkChange(
  ctx: ServiceContext,
  scope: Scope,
  ids: string[],
  action: string,
  plan: (
    tx: Parameters<typeof lockTasks>[0],
    rows: TaskRow[],
  ) => Promise<{
    change: TaskRow[];
    set: Partial<TaskRow>;
  }>,
): Promise<Task[]> {
  return withTransaction(ctx, async (tx, ctx) => {
    const rows = await lockAll(tx, scope, ids);
    const { change, set } = await plan(tx, rows);
    const before = new Map((await presentTasks(tx, scope, change)).map((task) => [task.id, task]));
    const updated =
      change.length > 0
        ? await updateTaskRows(
            tx,
            scope,
            change.map((r) => r.id),
            set,
          )
        : [];
    const after = await presentTasks(tx, scope, updated);
    await recordAudits(
      tx,
      ctx,
      scope,
      after.map((task) => ({
        action,
        entityType: 'task',
        entityId: task.id,
        partnerId: task.partner?.id ?? null,
        before: before.get(task.id),
        after: task,
      })),
    );
    if (set.assigneeId !== undefined)
      for (const row of updated) await notifyAssignee(tx, ctx, scope, row);
    for (const row of updated)
      if (row.partnerId && set.status === 'done')
        await recordTimelineEntry(tx, scope, {
          kind: 'task',
          subject: { type: 'task', id: row.id },
          partnerId: row.partnerId,
          people: row.assigneeId ? [row.assigneeId] : [],
          summary: {
            event: 'completed',
            title: row.title,
            status: row.status,
            dueDate: row.dueDate,
          },
          visibility: row.visibility === 'partner' ? 'partner' : 'internal',
        });
    const changed = new Map(after.map((task) => [task.id, task]));
    const unchanged = await presentTasks(
      tx,
      scope,
      rows.filter((r) => !changed.has(r.id)),
    );
    const all = new Map([...unchanged, ...after].map((task) => [task.id, task]));
    return ids.flatMap((id) => all.get(id) ?? []);
  });
}

/** Completes every named task that is not done yet; a cancelled one refuses the lot (409). */
export function completeTasks(ctx: ServiceContext, scope: Scope, input: TaskBulkComplete) {
  return bulkChange(ctx, scope, input.ids, 'task.status_changed', async (_tx, rows) => {
    const change = rows.filter((r) => r.status !== 'done');
    for (const row of change)
      assertTransition(taskMachine, row.status as TaskStatus, 'done', row, {});
    return { change, set: { status: 'done', completedAt: new Date() } };
  });
}

/** Gives every named task to one member (or to no one). */
export function reassignTasks(ctx: ServiceContext, scope: Scope, input: TaskBulkReassign) {
  return bulkChange(ctx, scope, input.ids, 'task.updated', async (tx, rows) => {
    if (input.assigneeId) await usableMemberRef(tx, scope, input.assigneeId, 'assigneeId');
    return {
      change: rows.filter((r) => r.assigneeId !== input.assigneeId),
      set: { assigneeId: input.assigneeId },
    };
  });
}
