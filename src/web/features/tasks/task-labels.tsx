import { Badge, type BadgeProps } from '@mantine/core';
import type { TaskPriority } from '../../../domain/tasks';
import { humanize } from '../partners/partner-labels';

const priorityColor = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' } as const;

export function PriorityBadge({ priority, size = 'sm' }: { priority: TaskPriority } & BadgeProps) {
  return (
    <Badge size={size} variant="light" color={priorityColor[priority]}>
      {humanize(priority)}
    </Badge>
  );
}
