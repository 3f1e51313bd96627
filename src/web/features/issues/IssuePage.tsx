import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { describeError } from '../../api/client';
import { Crumbs } from '../../components/Crumbs';
import { Detail, Details } from '../../components/Details';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { RecordPending } from '../../components/RecordError';
import { can, useSession } from '../auth/session';
import { CommentThread } from '../comments/CommentThread';
import { Markdown } from '../interactions/Markdown';
import { formatDateTime, humanize } from '../partners/partner-labels';
import { IssueMoves } from './IssueMoves';
import { formatDay, OverdueBadge, SeverityBadge, StatusBadge } from './issue-labels';
import { deleteIssue, issueQuery } from './issues.api';

/** An issue: its facts, its description, and the status moves it can make now. */
export function IssuePage() {
  const { issueId } = useParams({ from: '/app/issues/$issueId' });
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useQuery(issueQuery(issueId));
  const remove = useMutation({
    mutationFn: ({ etag }: { etag: string; partnerId: string }) => deleteIssue(issueId, etag),
    onSuccess: async (_data, { partnerId }) => {
      await queryClient.invalidateQueries({ queryKey: ['issues'] });
      await queryClient.invalidateQueries({ queryKey: ['partner-history', partnerId] });
      queryClient.removeQueries({ queryKey: ['issue', issueId] });
      notifications.show({ color: 'teal', message: 'Issue deleted.' });
      await navigate({
        to: '/partners/$partnerId',
        params: { partnerId },
        search: { tab: 'issues' },
      });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });

  if (!record.data) return <RecordPending query={record} what="issue" />;
  const { issue, etag } = record.data;

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete “${issue.title}”?`,
      children: (
        <Text size="sm">
          Delete only an issue raised by mistake; resolve or close a real one. Its history stays.
        </Text>
      ),
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ etag, partnerId: issue.partnerId }),
    });

  return (
    <Stack gap="lg">
      <Crumbs current={issue.title}>
        <AnchorLink to="/issues">Issues</AnchorLink>
      </Crumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <PageTitle title={issue.title} />
          <Group gap="sm">
            <StatusBadge status={issue.status} size="lg" />
            <SeverityBadge severity={issue.severity} size="lg" />
            {issue.overdue ? <OverdueBadge size="lg" /> : null}
          </Group>
          <Text c="dimmed" size="sm">
            {humanize(issue.kind)} with{' '}
            <AnchorLink
              to="/partners/$partnerId"
              params={{ partnerId: issue.partnerId }}
              underline="always"
            >
              {issue.partnerName}
            </AnchorLink>
          </Text>
        </Stack>
        <Group gap="sm">
          {can(session, 'issue.update') ? (
            <ButtonLink
              to="/issues/$issueId/edit"
              params={{ issueId }}
              leftSection={<IconEdit size={16} aria-hidden />}
            >
              Edit
            </ButtonLink>
          ) : null}
          {can(session, 'issue.delete') ? (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              loading={remove.isPending}
              onClick={confirmDelete}
            >
              Delete
            </Button>
          ) : null}
        </Group>
      </Group>
      {can(session, 'issue.update') ? (
        <IssueMoves key={etag} issue={issue} etag={etag} onStale={() => void record.refetch()} />
      ) : null}
      <Details>
        <Detail label="Partner">
          <AnchorLink to="/partners/$partnerId" params={{ partnerId: issue.partnerId }}>
            {issue.partnerName}
          </AnchorLink>
        </Detail>
        <Detail label="Owner">{issue.ownerName ?? 'No one'}</Detail>
        <Detail label="Team">{issue.teamName}</Detail>
        <Detail label="Due">
          {formatDay(issue.dueOn)}
          {issue.overdue ? ' (overdue)' : ''}
        </Detail>
        <Detail label="Visibility">
          {issue.visibility === 'partner' ? 'Shared with the partner' : 'Internal'}
        </Detail>
        <Detail label="Raised">{formatDateTime(issue.createdAt)}</Detail>
        {issue.resolvedAt ? (
          <Detail label="Resolved">{formatDateTime(issue.resolvedAt)}</Detail>
        ) : null}
      </Details>
      <Card withBorder padding="lg">
        <Text fw={600} mb="xs" component="h2" size="md">
          Description
        </Text>
        {issue.description ? (
          <Markdown>{issue.description}</Markdown>
        ) : (
          <Text size="sm" c="dimmed">
            No description.
          </Text>
        )}
      </Card>
      {issue.resolutionNotes ? (
        <Card withBorder padding="lg">
          <Text fw={600} mb="xs" component="h2" size="md">
            Resolution
          </Text>
          <Markdown>{issue.resolutionNotes}</Markdown>
        </Card>
      ) : null}
      {can(session, 'comment.read') ? (
        <section aria-labelledby="issue-comments">
          <Text fw={600} mb="xs" component="h2" size="md" id="issue-comments">
            Comments
          </Text>
          <CommentThread subjectType="issue" subjectId={issue.id} />
        </section>
      ) : null}
    </Stack>
  );
}
