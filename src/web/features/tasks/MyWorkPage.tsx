import { Button, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { DataTable } from '../../components/list/DataTable';
import { PageTitle } from '../../components/PageTitle';
import { can, useSession } from '../auth/session';
import { useMembers, useMyMemberId } from '../settings/settings.api';
import { QuickTaskForm } from './QuickTaskForm';
import { taskColumns } from './TaskTable';
import {
  getMyWork,
  getMyWorkPage,
  type MyWorkGroup,
  type MyWorkGroupName,
  tasksKey,
} from './tasks.api';

/** The groups in the order they need attention, with what their "Show more" names. */
const groups = [
  { name: 'overdue', title: 'Overdue', moreLabel: 'overdue tasks' },
  { name: 'thisWeek', title: 'Due this week', moreLabel: 'tasks due this week' },
  { name: 'later', title: 'Later', moreLabel: 'later tasks' },
] as const;

/**
 * One group of my work: its first page as my work answered it, and the rest a page at a time
 * on request.
 */
function TaskGroup({
  title,
  moreLabel,
  name,
  group,
  canChange,
}: {
  title: string;
  /** What its "Show more" button names, as `overdue tasks`. */
  moreLabel: string;
  name: MyWorkGroupName;
  group: MyWorkGroup;
  canChange: boolean;
}) {
  const [askedForMore, setAskedForMore] = useState(false);
  const more = useInfiniteQuery({
    queryKey: [...tasksKey, 'my-work', name, group.nextCursor],
    queryFn: ({ pageParam, signal }) => getMyWorkPage(name, pageParam, signal),
    initialPageParam: group.nextCursor ?? '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: askedForMore && group.nextCursor !== null,
  });
  const tasks = useMemo(
    () => [...group.items, ...(more.data?.pages.flatMap((page) => page.items) ?? [])],
    [group.items, more.data],
  );
  const hasMore = more.data ? more.hasNextPage : group.nextCursor !== null;
  const headingId = `my-work-${name}`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Text component="h2" id={headingId} fw={600} size="lg">
        {title} ({group.total})
      </Text>
      {tasks.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nothing here.
        </Text>
      ) : (
        <DataTable
          label={title}
          rows={tasks}
          rowKey={(task) => task.id}
          columns={taskColumns({ showPartner: true, canChange })}
        />
      )}
      {more.isError ? <ErrorAlert error={more.error} /> : null}
      {hasMore ? (
        <Group>
          <Button
            variant="default"
            loading={more.isFetching}
            onClick={() => (more.data ? void more.fetchNextPage() : setAskedForMore(true))}
          >
            Show more {moreLabel} ({Math.max(0, group.total - tasks.length)} left)
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** The signed-in member's open tasks: overdue first, then this week, then later. */
export function MyWorkPage() {
  const session = useSession();
  const members = useMembers();
  const me = useMyMemberId();
  const work = useQuery({
    queryKey: [...tasksKey, 'my-work'],
    queryFn: ({ signal }) => getMyWork(signal),
  });
  const canChange = can(session, 'task.update');

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <PageTitle title="My work" />
        <AnchorLink to="/tasks/board">Team board</AnchorLink>
      </Group>
      {can(session, 'task.create') && members.isSuccess ? (
        <QuickTaskForm defaultAssigneeId={me} />
      ) : null}
      {work.isError ? <ErrorAlert error={work.error} /> : null}
      {work.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading your tasks" />
        </Center>
      ) : work.data ? (
        work.data.overdue.total + work.data.thisWeek.total + work.data.later.total === 0 ? (
          <Card withBorder p="xl">
            <Text c="dimmed" ta="center">
              No open tasks are yours. Add one above, or pick some up from a partner’s Tasks tab.
            </Text>
          </Card>
        ) : (
          groups.map(({ name, title, moreLabel }) => (
            <TaskGroup
              key={name}
              name={name}
              title={title}
              moreLabel={moreLabel}
              group={work.data[name]}
              canChange={canChange}
            />
          ))
        )
      ) : null}
    </Stack>
  );
}
