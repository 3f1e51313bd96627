import type { SQL } from 'drizzle-orm';
import type { TaskId } from '../../../domain/ids';
import type { LinkableType } from '../../../domain/links';
import { searchText } from '../../../domain/search-text';
import type { Task, TaskCreate, TaskStatus, TaskUpdate } from '../../../domain/tasks';
import { taskMachine } from '../../../domain/tasks';
import type { Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { changedIn, patchOf } from '../../db/patch';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { assertTransition } from '../../http/transition';
import { newId } from '../../ids';
import { resolveLink } from '../../links/registry';
import { recordAudit } from '../audit/audit.service';
import { usableMemberRef } from '../members/members.service';
import { notify } from '../notifications/notifications.service';
import { usablePartnerRef } from '../partners/partners.service';
import { usableTeamRef } from '../teams/teams.service';
import { recordTimelineEntry, removeTimelineEntries } from '../timeline/timeline.service';
import { presentTask } from './tasks.present';
import {
  deleteTaskRow,
  findTask,
  findTaskTitles,
  insertTaskRow,
  type NewTaskRow,
  overdueTaskNoticesSql,
  type TaskRow,
  unassignMemberTasks,
  updateTaskRow,
} from './tasks.queries';

/** What a link to each of the given tasks shows (`links/`): its title and partner. */
export async function taskLinks(db: Db | Tx, scope: Scope, ids: string[]) {
  const rows = ids.length === 0 ? [] : await findTaskTitles(db, scope, ids);
  return new Map(rows.map((row) => [row.id, { label: row.title, partnerId: row.partnerId }]));
}

/** Tells the assignee the task is theirs now (the notification module never tells oneself). */
export async function notifyAssignee(tx: Tx, ctx: ServiceContext, scope: Scope, row: TaskRow) {
  if (!row.assigneeId) return;
  await notify(tx, ctx, scope, {
    recipientId: row.assigneeId,
    kind: 'assignment',
    subjectType: 'task',
    subjectId: row.id,
    title: `Task assigned to you: ${row.title}`,
  });
}

type References = Pick<
  NewTaskRow,
  'assigneeId' | 'teamId' | 'partnerId' | 'subjectType' | 'subjectId'
>;

/**
 * Checks every reference a body sets against the scope: each out of scope (or nowhere) is a
 * 422 naming its field; a link to another partner's record than the task's is refused too.
 */
async function checkReferences(tx: Tx, scope: Scope, set: Partial<References>, next: References) {
  if (set.assigneeId) await usableMemberRef(tx, scope, set.assigneeId, 'assigneeId');
  if (set.teamId) await usableTeamRef(tx, scope, set.teamId);
  if (set.partnerId) await usablePartnerRef(tx, scope, set.partnerId);
  if ((set.subjectId || set.partnerId !== undefined) && next.subjectType && next.subjectId) {
    const target = await resolveLink(tx, scope, {
      subjectType: next.subjectType as LinkableType,
      subjectId: next.subjectId,
    });
    if (next.partnerId && target.partnerId && target.partnerId !== next.partnerId)
      throw errors.unprocessable(
        'link_partner_mismatch',
        'The linked record belongs to another partner than the task',
        [
          {
            field: 'subjectId',
            code: 'link_partner_mismatch',
            message: 'Belongs to another partner',
          },
        ],
      );
  }
}

type TaskOnTimeline = Pick<
  TaskRow,
  'id' | 'partnerId' | 'assigneeId' | 'title' | 'status' | 'dueDate' | 'visibility'
>;

/** The timeline entry of a task as it is now: made, or done (also for tasks made in bulk). */
export function taskTimelineInput(row: TaskOnTimeline, event: 'created' | 'completed') {
  return {
    kind: 'task' as const,
    subject: { type: 'task', id: row.id },
    partnerId: row.partnerId,
    people: row.assigneeId ? [row.assigneeId] : [],
    summary: { event, title: row.title, status: row.status, dueDate: row.dueDate },
    visibility: row.visibility === 'partner' ? ('partner' as const) : ('internal' as const),
  };
}

/** A timeline entry for a task of a partner: made, done (DESIGN §11). */
async function taskOnTimeline(tx: Tx, scope: Scope, row: TaskRow, event: 'created' | 'completed') {
  if (!row.partnerId) return;
  await recordTimelineEntry(tx, scope, taskTimelineInput(row, event));
}

export async function createTask(
  ctx: ServiceContext,
  scope: Scope,
  input: TaskCreate,
): Promise<Task> {
  return withTransaction(ctx, async (tx, ctx) => {
    const refs: References = {
      assigneeId: input.assigneeId ?? null,
      teamId: input.teamId ?? null,
      partnerId: input.partnerId ?? null,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
    };
    await checkReferences(tx, scope, refs, refs);
    const now = new Date();
    const row = await insertTaskRow(tx, {
      id: newId<TaskId>(),
      workspaceId: scope.workspaceId,
      title: input.title,
      description: input.description || null,
      dueDate: input.dueDate ?? null,
      priority: input.priority,
      status: 'todo',
      visibility: input.visibility,
      ...refs,
      searchText: searchText(input.title),
      createdAt: now,
      updatedAt: now,
    });
    const task = await presentTask(tx, scope, row);
    await recordAudit(tx, ctx, scope, {
      action: 'task.created',
      entityType: 'task',
      entityId: row.id,
      partnerId: row.partnerId,
      after: task,
    });
    await taskOnTimeline(tx, scope, row, 'created');
    await notifyAssignee(tx, ctx, scope, row);
    return task;
  });
}

async function visibleTask(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  const row = await findTask(db, scope, id, { forUpdate });
  if (!row) throw errors.notFound('task');
  return row;
}

export async function getTask(ctx: ServiceContext, scope: Scope, id: string): Promise<Task> {
  const db = dbOf(ctx);
  return presentTask(db, scope, await visibleTask(db, scope, id));
}

/** The columns a status move sets besides the status: when it was done. */
export function statusFields(status: TaskStatus, now: Date): Partial<NewTaskRow> {
  return { status, completedAt: status === 'done' ? now : null };
}

export async function updateTask(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: TaskUpdate,
): Promise<Task> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleTask(tx, scope, id, true);
    checkIfMatch(ifMatch, current.version, { required: true });
    const set = patchOf<TaskRow>(input);
    const changed = changedIn(set, current);
    const before = await presentTask(tx, scope, current);
    if (changed.length === 0) return before;
    const now = new Date();
    if (set.status !== undefined && set.status !== current.status) {
      const to = set.status as TaskStatus;
      assertTransition(taskMachine, current.status as TaskStatus, to, current, input);
      Object.assign(set, statusFields(to, now));
    }
    const next = { ...current, ...set };
    await checkReferences(
      tx,
      scope,
      Object.fromEntries(changed.map((k) => [k, set[k]])) as Partial<References>,
      next,
    );
    const row = await updateTaskRow(tx, scope, id, {
      ...set,
      searchText: searchText(next.title),
      version: current.version + 1,
      updatedAt: now,
    });
    const after = await presentTask(tx, scope, row);
    await recordAudit(tx, ctx, scope, {
      action: set.status && set.status !== current.status ? 'task.status_changed' : 'task.updated',
      entityType: 'task',
      entityId: id,
      partnerId: row.partnerId,
      before,
      after,
    });
    if (row.status === 'done' && current.status !== 'done')
      await taskOnTimeline(tx, scope, row, 'completed');
    if (row.assigneeId !== current.assigneeId) await notifyAssignee(tx, ctx, scope, row);
    return after;
  });
}

export async function deleteTask(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleTask(tx, scope, id, true);
    checkIfMatch(ifMatch, current.version, { required: false });
    const before = await presentTask(tx, scope, current);
    await deleteTaskRow(tx, scope, id);
    await removeTimelineEntries(tx, scope, { type: 'task', id });
    await recordAudit(tx, ctx, scope, {
      action: 'task.deleted',
      entityType: 'task',
      entityId: id,
      partnerId: current.partnerId,
      before,
    });
  });
}

/** A member leaves: their tasks become unassigned (audit facts name them). */
export async function releaseMemberTasks(ctx: TxContext, scope: Scope, member: { id: string }) {
  const ids = await unassignMemberTasks(ctx.tx, scope, member.id);
  return ids.length > 0 ? { unassignedTasks: ids } : {};
}

/** Overdue tasks as rows for the notifications feature's overdue sweep (set-based, all workspaces). */
export function overdueTaskNotices(now: Date): SQL {
  return overdueTaskNoticesSql(now);
}
