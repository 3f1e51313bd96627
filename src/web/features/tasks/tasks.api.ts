import { api, unwrap } from '../../api/client';
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

/** Every cached view of tasks (lists, my work, a partner's tab) refreshes after a change. */
export const tasksKey = ['tasks'] as const;
