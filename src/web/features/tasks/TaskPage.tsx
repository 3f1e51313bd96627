import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { subjectPath } from '../../../domain/notifications';
import { describeError } from '../../api/client';
import type { components } from '../../api/schema';
import { Crumbs } from '../../components/Crumbs';
import { Detail, Details } from '../../components/Details';
import { AnchorLink, PathLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { RecordPending } from '../../components/RecordError';
import { can, useSession } from '../auth/session';
import { CommentThread } from '../comments/CommentThread';
import { Markdown } from '../interactions/Markdown';
import { formatDay, OverdueBadge } from '../issues/issue-labels';
import { formatDateTime, humanize } from '../partners/partner-labels';
import { TaskStatusMenu } from './TaskStatusMenu';
import { PriorityBadge } from './task-labels';
import { deleteTask, taskQuery, tasksKey } from './tasks.api';

type Link = components['schemas']['Link'];

/** The record a task is about, as a link to its page; a version has no page of its own. */
function LinkedRecord({ link }: { link: Link }) {
  if (link.label === null) return <Text span>A record that is gone or out of your sight</Text>;
  const kind = humanize(link.subjectType);
  if (link.subjectType === 'agreement_version') return <Text span>{`${kind}: ${link.label}`}</Text>;
  return (
    <>
      {kind}: <PathLink path={subjectPath(link.subjectType, link.subjectId)}>{link.label}</PathLink>
    </>
  );
}

/** A task: what it is, whose it is, when it is due, where it came from, and its comments. */
export function TaskPage() {
  const { taskId } = useParams({ from: '/app/tasks/$taskId' });
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useQuery(taskQuery(taskId));
  const remove = useMutation({
    mutationFn: ({ etag }: { etag: string }) => deleteTask(taskId, etag),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: taskQuery(taskId).queryKey });
      await queryClient.invalidateQueries({ queryKey: tasksKey });
      notifications.show({ color: 'teal', message: 'Task deleted.' });
      await navigate({ to: '/my-work' });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });

  if (!record.data) return <RecordPending query={record} what="task" />;
  const { task, etag } = record.data;

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete “${task.title}”?`,
      children: (
        <Text size="sm">Delete a task made by mistake; cancel one that is no longer needed.</Text>
      ),
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ etag }),
    });

  return (
    <Stack gap="lg">
      <Crumbs current={task.title}>
        <AnchorLink to="/my-work">My work</AnchorLink>
      </Crumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <PageTitle title={task.title} />
          <Group gap="sm">
            <PriorityBadge priority={task.priority} size="lg" />
            {task.overdue ? <OverdueBadge size="lg" /> : null}
          </Group>
        </Stack>
        <Group gap="sm" align="flex-end">
          {can(session, 'task.update') ? (
            <TaskStatusMenu task={task} />
          ) : (
            <Text size="sm">{humanize(task.status)}</Text>
          )}
          {can(session, 'task.delete') ? (
            <Button
              variant="default"
              color="red"
              size="xs"
              leftSection={<IconTrash size={14} aria-hidden />}
              loading={remove.isPending}
              onClick={confirmDelete}
            >
              Delete
            </Button>
          ) : null}
        </Group>
      </Group>
      <Details>
        <Detail label="Assignee">{task.assignee?.name ?? 'No one'}</Detail>
        <Detail label="Team">{task.team?.name ?? 'None'}</Detail>
        <Detail label="Due">
          {task.dueDate ? formatDay(task.dueDate) : 'No due date'}
          {task.overdue ? ' (overdue)' : ''}
        </Detail>
        <Detail label="Partner">
          {task.partner ? (
            <AnchorLink to="/partners/$partnerId" params={{ partnerId: task.partner.id }}>
              {task.partner.name}
            </AnchorLink>
          ) : (
            'None'
          )}
        </Detail>
        <Detail label="About">
          {task.link ? <LinkedRecord link={task.link} /> : 'Nothing linked'}
        </Detail>
        <Detail label="Visibility">
          {task.visibility === 'partner' ? 'Shared with the partner' : 'Internal'}
        </Detail>
        <Detail label="Created">{formatDateTime(task.createdAt)}</Detail>
        {task.completedAt ? (
          <Detail label="Completed">{formatDateTime(task.completedAt)}</Detail>
        ) : null}
      </Details>
      <Card withBorder padding="lg">
        <Text fw={600} mb="xs" component="h2" size="md">
          Description
        </Text>
        {task.description ? (
          <Markdown>{task.description}</Markdown>
        ) : (
          <Text size="sm" c="dimmed">
            No description.
          </Text>
        )}
      </Card>
      {can(session, 'comment.read') ? (
        <section aria-labelledby="task-comments">
          <Text fw={600} mb="xs" component="h2" size="md" id="task-comments">
            Comments
          </Text>
          <CommentThread subjectType="task" subjectId={task.id} />
        </section>
      ) : null}
    </Stack>
  );
}
