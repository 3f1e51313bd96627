import { Badge, type BadgeProps } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { IssueSeverity, IssueStatus } from '../../../domain/issues';
import { humanize } from '../partners/partner-labels';

export const severityColors: Record<IssueSeverity, string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};

export const statusColors: Record<IssueStatus, string> = {
  open: 'blue',
  investigating: 'violet',
  escalated: 'orange',
  resolved: 'teal',
  closed: 'gray',
};

const moveLabels: Record<IssueStatus, string> = {
  open: 'Back to open',
  investigating: 'Start investigating',
  escalated: 'Escalate',
  resolved: 'Resolve',
  closed: 'Close',
};

/** The words a button says to move an issue from one status to another. */
export function moveLabel(from: IssueStatus, to: IssueStatus): string {
  if (to === 'open' && (from === 'resolved' || from === 'closed')) return 'Reopen';
  if (to === 'investigating' && from === 'escalated') return 'Back to investigating';
  return moveLabels[to];
}

export function SeverityBadge({ severity, ...props }: { severity: IssueSeverity } & BadgeProps) {
  return (
    <Badge variant="light" color={severityColors[severity]} {...props}>
      {humanize(severity)}
    </Badge>
  );
}

/** The status in the text colour beside a coloured dot: outlined violet or orange text fell below 4.5:1. */
export function StatusBadge({ status, ...props }: { status: IssueStatus } & BadgeProps) {
  return (
    <Badge variant="dot" color={statusColors[status]} {...props}>
      {humanize(status)}
    </Badge>
  );
}

/** The overdue flag: an icon and the word, so it never depends on colour alone. */
export function OverdueBadge(props: BadgeProps) {
  return (
    <Badge
      color="red"
      variant="filled"
      leftSection={<IconAlertTriangle size={12} aria-hidden />}
      {...props}
    >
      Overdue
    </Badge>
  );
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A `YYYY-MM-DD` date as people read it, the same day wherever they are. */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}
