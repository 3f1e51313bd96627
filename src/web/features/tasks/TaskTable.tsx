import { Badge, Group, Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import type { Column } from '../../components/list/columns';
import { Truncated } from '../../components/list/ListParts';
import { humanize } from '../partners/partner-labels';
import { TaskStatusMenu } from './TaskStatusMenu';
import { PriorityBadge } from './task-labels';
import type { Task } from './tasks.api';

/** The columns of a task list; the partner column is left out on a partner's own tab. */
export function taskColumns(options: { showPartner: boolean; canChange: boolean }): Column<Task>[] {
  return [
    {
      key: 'title',
      header: 'Task',
      width: 'minmax(180px, 2fr)',
      primary: true,
      cell: (task) => (
        <Group gap={6} wrap="nowrap">
          <AnchorLink
            to="/tasks/$taskId"
            params={{ taskId: task.id }}
            fw={500}
            truncate="end"
            title={task.title}
          >
            {task.title}
          </AnchorLink>
          {task.overdue ? (
            <Badge size="xs" color="red" variant="light" style={{ flexShrink: 0 }}>
              Overdue
            </Badge>
          ) : null}
        </Group>
      ),
    },
    ...(options.showPartner
      ? [
          {
            key: 'partner',
            header: 'Partner',
            width: 'minmax(120px, 1fr)',
            cell: (task: Task) => <Truncated>{task.partner?.name ?? '—'}</Truncated>,
          },
        ]
      : []),
    {
      key: 'assignee',
      header: 'Assignee',
      width: 'minmax(120px, 1fr)',
      cell: (task) => <Truncated>{task.assignee?.name ?? 'No one'}</Truncated>,
    },
    {
      key: 'due',
      header: 'Due',
      width: 'minmax(100px, 0.6fr)',
      cell: (task) => <Text size="sm">{task.dueDate ?? '—'}</Text>,
    },
    {
      key: 'priority',
      header: 'Priority',
      width: 'minmax(90px, 0.5fr)',
      cell: (task) => <PriorityBadge priority={task.priority} />,
    },
    {
      key: 'status',
      header: 'Status',
      width: 'minmax(140px, 0.8fr)',
      cell: (task) =>
        options.canChange ? (
          <TaskStatusMenu task={task} />
        ) : (
          <Text size="sm">{humanize(task.status)}</Text>
        ),
    },
  ];
}
