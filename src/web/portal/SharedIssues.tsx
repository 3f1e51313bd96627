import { Card, Center, Chip, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { type IssueStatus, issueStatuses } from '../../domain/issues';
import type { PortalIssue } from '../../domain/portal/issues';
import { ErrorAlert } from '../components/ErrorAlert';
import { ShowMore } from '../components/list/ListResults';
import { useKeysetList } from '../components/list/useKeysetList';
import { Markdown } from '../features/interactions/Markdown';
import { SeverityBadge, StatusBadge } from '../features/issues/issue-labels';
import { formatDateTime, humanize } from '../features/partners/partner-labels';
import { portalIssues } from './portal.api';

function IssueCard({ issue }: { issue: PortalIssue }) {
  return (
    <Card withBorder component="article" aria-labelledby={`issue-${issue.id}`}>
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <StatusBadge status={issue.status} />
          <SeverityBadge severity={issue.severity} />
          <Text size="sm" c="dimmed">
            {humanize(issue.kind)} · raised{' '}
            <time dateTime={issue.createdAt}>{formatDateTime(issue.createdAt)}</time>
          </Text>
        </Group>
        <Title order={3} size="h5" id={`issue-${issue.id}`} style={{ overflowWrap: 'anywhere' }}>
          {issue.title}
        </Title>
        {issue.description ? <Markdown>{issue.description}</Markdown> : null}
        {issue.resolutionNotes ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              Resolution
              {issue.resolvedAt ? (
                <Text span size="sm" c="dimmed" fw={400}>
                  {' '}
                  · <time dateTime={issue.resolvedAt}>{formatDateTime(issue.resolvedAt)}</time>
                </Text>
              ) : null}
            </Text>
            <Markdown>{issue.resolutionNotes}</Markdown>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The issues shared with the partner, newest first, filtered by status, read-only. */
export function SharedIssues() {
  const [status, setStatus] = useState<IssueStatus[]>([]);
  const list = useKeysetList(['portal', 'issues', status], (cursor) =>
    portalIssues(status, cursor),
  );
  const items = list.items;
  return (
    <Stack gap="md">
      <Chip.Group multiple value={status} onChange={(v) => setStatus(v as IssueStatus[])}>
        <Group gap="xs" role="group" aria-label="Show issues by status">
          {issueStatuses.map((s) => (
            <Chip key={s} value={s} size="sm">
              {humanize(s)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <ErrorAlert error={list.query.error} />
      {list.query.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading issues" />
        </Center>
      ) : items.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            {status.length > 0
              ? 'No shared issue has these statuses. Clear the filters to see them all.'
              : 'No issues have been shared with you.'}
          </Text>
        </Card>
      ) : (
        items.map((item) => <IssueCard key={item.id} issue={item} />)
      )}
      <ShowMore list={list} />
    </Stack>
  );
}
