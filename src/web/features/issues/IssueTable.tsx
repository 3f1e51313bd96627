import { Stack, Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import type { Column } from '../../components/list/columns';
import { Truncated } from '../../components/list/ListParts';
import { VirtualTable } from '../../components/list/VirtualTable';
import { humanize } from '../partners/partner-labels';
import { formatDay, OverdueBadge, SeverityBadge, StatusBadge } from './issue-labels';
import type { Issue } from './issues.api';

/** The columns every list of issues shows; a partner's own list leaves out the partner. */
export const issueColumns = (withPartner: boolean): Column<Issue>[] => [
  {
    key: 'title',
    header: 'Issue',
    width: 'minmax(180px, 2fr)',
    primary: true,
    cell: (issue) => (
      <AnchorLink
        to="/issues/$issueId"
        params={{ issueId: issue.id }}
        fw={600}
        truncate="end"
        title={issue.title}
      >
        {issue.title}
      </AnchorLink>
    ),
  },
  ...(withPartner
    ? [
        {
          key: 'partner',
          header: 'Partner',
          width: 'minmax(140px, 1.3fr)',
          cell: (issue: Issue) => (
            <AnchorLink
              to="/partners/$partnerId"
              params={{ partnerId: issue.partnerId }}
              size="sm"
              truncate="end"
              display="block"
              title={issue.partnerName}
            >
              {issue.partnerName}
            </AnchorLink>
          ),
        },
      ]
    : []),
  {
    key: 'severity',
    header: 'Severity',
    width: 'minmax(90px, 0.8fr)',
    sort: 'severity',
    sortFirst: 'desc',
    cell: (issue) => <SeverityBadge severity={issue.severity} />,
  },
  {
    key: 'status',
    header: 'Status',
    width: 'minmax(130px, 1fr)',
    cell: (issue) => <StatusBadge status={issue.status} />,
  },
  {
    key: 'kind',
    header: 'Kind',
    width: 'minmax(110px, 1fr)',
    cell: (issue) => <Truncated>{humanize(issue.kind)}</Truncated>,
  },
  {
    key: 'owner',
    header: 'Owner',
    width: 'minmax(110px, 1fr)',
    cell: (issue) => <Truncated>{issue.ownerName ?? 'No one'}</Truncated>,
  },
  {
    key: 'due',
    header: 'Due',
    width: 'minmax(130px, 1fr)',
    sort: 'dueOn',
    cell: (issue) => (
      <Stack gap={2} align="flex-start">
        <Text size="sm">{formatDay(issue.dueOn)}</Text>
        {issue.overdue ? <OverdueBadge size="xs" /> : null}
      </Stack>
    ),
  },
];

type Props = {
  id: string;
  issues: Issue[];
  sort: string;
  onSort: (sort: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

/** The register, virtualized like the partner list. */
export function IssueTable({ issues, ...props }: Props) {
  return (
    <VirtualTable
      {...props}
      label="Issues"
      noun="issues"
      rows={issues}
      rowKey={(issue) => issue.id}
      columns={issueColumns(true)}
    />
  );
}
