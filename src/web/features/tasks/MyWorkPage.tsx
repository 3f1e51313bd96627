import { Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { DataTable } from '../../components/list/DataTable';
import { PageTitle } from '../../components/PageTitle';
import { can, useSession } from '../auth/session';
import { useMembers, useMyMemberId } from '../settings/settings.api';
import { QuickTaskForm } from './QuickTaskForm';
import { taskColumns } from './TaskTable';
import { getMyWork, type Task, tasksKey } from './tasks.api';

function TaskGroup({
  title,
  tasks,
  canChange,
}: {
  title: string;
  tasks: Task[];
  canChange: boolean;
}) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Text component="h2" fw={600} size="lg">
        {title} ({tasks.length})
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
        work.data.overdue.length + work.data.thisWeek.length + work.data.later.length === 0 ? (
          <Card withBorder p="xl">
            <Text c="dimmed" ta="center">
              No open tasks are yours. Add one above, or pick some up from a partner’s Tasks tab.
            </Text>
          </Card>
        ) : (
          <>
            <TaskGroup title="Overdue" tasks={work.data.overdue} canChange={canChange} />
            <TaskGroup title="Due this week" tasks={work.data.thisWeek} canChange={canChange} />
            <TaskGroup title="Later" tasks={work.data.later} canChange={canChange} />
            {work.data.truncated ? (
              <Text c="dimmed" size="sm">
                Showing your first open tasks by due date; finish some to see the rest.
              </Text>
            ) : null}
          </>
        )
      ) : null}
    </Stack>
  );
}
