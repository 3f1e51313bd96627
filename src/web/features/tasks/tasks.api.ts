import { queryOptions } from '@tanstack/react-query';
import { api, etagOf, unwrap } from '../../api/client';
import type { components, operations } from '../../api/schema';

export type Task = components['schemas']['Task'];
export type TaskQuery = NonNullable<operations['listTasks']['parameters']['query']>;

export async function listTasks(
  query: TaskQuery,
  cursor: string | undefined,
  signal?: AbortSignal,
) {
  return unwrap(
    await api.GET('/api/v1/tasks', { params: { query: { ...query, cursor } }, signal }),
  );
}

export async function getMyWork(signal?: AbortSignal) {
  return unwrap(await api.GET('/api/v1/tasks/my-work', { signal }));
}

export type MyWork = components['schemas']['MyWork'];
export type MyWorkGroup = components['schemas']['MyWorkGroup'];
export type MyWorkGroupName = operations['listMyWorkGroup']['parameters']['path']['group'];

/** The page of one group of my work after `cursor` (the group's, or the last page's, `nextCursor`). */
export async function getMyWorkPage(group: MyWorkGroupName, cursor: string, signal?: AbortSignal) {
  return unwrap(
    await api.GET('/api/v1/tasks/my-work/{group}', {
      params: { path: { group }, query: { cursor } },
      signal,
    }),
  );
}

/** Every cached view of tasks (lists, my work, a partner's tab) refreshes after a change. */
export const tasksKey = ['tasks'] as const;

export type TaskRecord = { task: Task; etag: string };

export const taskQuery = (id: string) =>
  queryOptions({
    queryKey: [...tasksKey, 'one', id],
    queryFn: async ({ signal }): Promise<TaskRecord> => {
      const result = await api.GET('/api/v1/tasks/{id}', { params: { path: { id } }, signal });
      const task = unwrap(result);
      return { task, etag: etagOf(result.response) || `"${task.version}"` };
    },
  });

export async function deleteTask(id: string, etag: string) {
  return unwrap(
    await api.DELETE('/api/v1/tasks/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
    }),
  );
}
