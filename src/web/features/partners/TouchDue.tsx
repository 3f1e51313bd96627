import { Badge, Group } from '@mantine/core';
import { daysOverdue } from '../../../domain/cadence';
import { formatDate } from './partner-labels';

/**
 * When the next touch is due, flagged in words (not colour alone) once overdue; never touched
 * is due now.
 */
export function TouchDue({ nextTouchDue }: { nextTouchDue: string | null }) {
  if (nextTouchDue === null)
    return (
      <Badge color="orange" variant="light" component="span">
        Due now: never touched
      </Badge>
    );
  const days = daysOverdue(new Date(nextTouchDue), new Date());
  const overdue = Date.parse(nextTouchDue) < Date.now();
  return (
    <Group gap={6} component="span" wrap="wrap">
      <span>{formatDate(nextTouchDue)}</span>
      {overdue ? (
        <Badge color="red" variant="light" component="span">
          {days === 0 ? 'Overdue' : `Overdue by ${days} ${days === 1 ? 'day' : 'days'}`}
        </Badge>
      ) : null}
    </Group>
  );
}
