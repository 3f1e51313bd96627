import { z } from 'zod';
import { idParams } from '../../../domain/pagination';
import {
  MyWork,
  MyWorkPageQuery,
  myWorkGroupParams,
  Task,
  TaskBulkComplete,
  TaskBulkReassign,
  TaskBulkResult,
  TaskCreate,
  TaskListQuery,
  TaskPage,
  TaskUpdate,
} from '../../../domain/tasks';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { completeTasks, reassignTasks } from './tasks.bulk';
import { listTasks, MY_WORK_PAGE, myWork, myWorkPage } from './tasks.list';
import { createTask, deleteTask, getTask, updateTask } from './tasks.service';

const tags = ['tasks'];
/** A task's description is Markdown of at most 20 000 characters. */
const bodyLimit = 128 * 1024;

export async function taskRoutes(app: ZodApp) {
  app.get(
    '/tasks',
    {
      config: { access: 'task.read' },
      schema: {
        operationId: 'listTasks',
        description:
          'Tasks of the workspace. Filters take several values (`?status=a&status=b`) and match any; `overdue=true` keeps open tasks due before today in the workspace’s time zone. Sorted by due date (no date last) unless `sort` says otherwise; keyset pages.',
        tags,
        summary: 'List tasks (filters, sort, keyset pages)',
        querystring: TaskListQuery,
        response: { 200: TaskPage },
      },
    },
    async (request) => listTasks(request.ctx, scopeOf(request), request.query),
  );

  app.get(
    '/tasks/my-work',
    {
      config: { access: 'task.read' },
      schema: {
        operationId: 'getMyWork',
        description: `The signed-in member’s open tasks grouped as overdue, due this week and later (by the workspace’s date): each group’s count and its first ${MY_WORK_PAGE} tasks by due date, with the cursor of the rest. An API key, which is no member, gets empty groups.`,
        tags,
        summary: 'My work: my open tasks by urgency',
        response: { 200: MyWork },
      },
    },
    async (request) => myWork(request.ctx, scopeOf(request)),
  );

  app.get(
    '/tasks/my-work/:group',
    {
      config: { access: 'task.read' },
      schema: {
        operationId: 'listMyWorkGroup',
        description:
          'The next page of one group of my work, by due date (no date last): pass the group’s `nextCursor`. An API key, which is no member, gets an empty page.',
        tags,
        summary: 'My work: more of one group',
        params: myWorkGroupParams,
        querystring: MyWorkPageQuery,
        response: { 200: TaskPage },
      },
    },
    async (request) =>
      myWorkPage(request.ctx, scopeOf(request), request.params.group, request.query),
  );

  app.post(
    '/tasks',
    {
      bodyLimit,
      config: { access: 'task.create', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createTask',
        description:
          'Creates a task (status `todo`). An assignee, team, partner or linked record outside the workspace (or nowhere) answers 422 naming the field.',
        tags,
        summary: 'Create a task',
        body: TaskCreate,
        response: { 201: Task },
      },
    },
    async (request, reply) => {
      const task = await createTask(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(task.version));
      reply.header('location', `/api/v1/tasks/${task.id}`);
      return reply.status(201).send(task);
    },
  );

  app.post(
    '/tasks/bulk-complete',
    {
      bodyLimit,
      config: { access: 'task.update' },
      schema: {
        operationId: 'completeTasks',
        description:
          'Marks the tasks done in one transaction, all or nothing: a task out of scope answers 422 naming its place (`ids.2`), a cancelled one 409 `invalid_transition`. Each changed task gets its audit event.',
        tags,
        summary: 'Complete several tasks at once',
        body: TaskBulkComplete,
        response: { 200: TaskBulkResult },
      },
    },
    async (request) => ({
      items: await completeTasks(request.ctx, scopeOf(request), request.body),
    }),
  );

  app.post(
    '/tasks/bulk-reassign',
    {
      bodyLimit,
      config: { access: 'task.update' },
      schema: {
        operationId: 'reassignTasks',
        description:
          'Gives the tasks to one member (or to no one, with null) in one transaction, all or nothing; an audit event per changed task.',
        tags,
        summary: 'Reassign several tasks at once',
        body: TaskBulkReassign,
        response: { 200: TaskBulkResult },
      },
    },
    async (request) => ({
      items: await reassignTasks(request.ctx, scopeOf(request), request.body),
    }),
  );

  app.get(
    '/tasks/:id',
    {
      config: { access: 'task.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getTask',
        description: 'One task, with the statuses it may move to and its ETag.',
        tags,
        summary: 'Get a task',
        params: idParams,
        response: { 200: Task },
      },
    },
    async (request, reply) => {
      const task = await getTask(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(task.version));
      return task;
    },
  );

  app.patch(
    '/tasks/:id',
    {
      bodyLimit,
      config: { access: 'task.update', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateTask',
        description:
          'Changes the fields sent; `status` moves along the task’s state machine (409 `invalid_transition` with the allowed statuses otherwise). If-Match: 428 without it, 412 when stale.',
        tags,
        summary: 'Change a task (If-Match required)',
        params: idParams,
        headers: ifMatchHeaders,
        body: TaskUpdate,
        response: { 200: Task },
      },
    },
    async (request, reply) => {
      const task = await updateTask(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(task.version));
      return task;
    },
  );

  app.delete(
    '/tasks/:id',
    {
      config: { access: 'task.delete' },
      schema: {
        operationId: 'deleteTask',
        description:
          'Deletes the task (its audit event keeps it). If-Match optional (412 if stale).',
        tags,
        summary: 'Delete a task',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteTask(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );
}
