import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TaskStatus } from '../../../domain/tasks';
import { api, describeError, unwrap } from '../../api/client';
import { humanize } from '../partners/partner-labels';
import { type Task, tasksKey } from './tasks.api';

/**
 * The keyboard way to move a task: its status and only the moves the server's table allows
 * (`allowedStatuses`), so the menu never offers a move that would be refused.
 */
export function TaskStatusMenu({ task, disabled }: { task: Task; disabled?: boolean }) {
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: async (status: TaskStatus) =>
      unwrap(
        await api.PATCH('/api/v1/tasks/{id}', {
          params: { path: { id: task.id }, header: { 'if-match': `"${task.version}"` } },
          body: { status },
        }),
      ),
    onSuccess: (moved) =>
      notifications.show({
        color: 'teal',
        message: `${moved.title}: ${humanize(moved.status).toLowerCase()}.`,
      }),
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tasksKey }),
  });
  return (
    <Select
      aria-label={`Status of ${task.title}`}
      data={[task.status, ...task.allowedStatuses].map((status) => ({
        value: status,
        label: humanize(status),
      }))}
      value={task.status}
      allowDeselect={false}
      disabled={disabled || move.isPending}
      onChange={(status) => status && status !== task.status && move.mutate(status as TaskStatus)}
      maw={150}
      size="xs"
    />
  );
}
