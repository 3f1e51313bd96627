import { Button, Card, Center, Checkbox, Group, Loader, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { QuickTaskForm } from './QuickTaskForm';
import { taskColumns } from './TaskTable';
import { listTasks, tasksKey } from './tasks.api';

/** A partner's tasks, open ones by due date; done and cancelled ones only when asked for. */
export function PartnerTasks({
  partnerId,
  canAdd,
  canChange,
}: {
  partnerId: string;
  canAdd: boolean;
  canChange: boolean;
}) {
  const [withDone, setWithDone] = useState(false);
  const query = withDone
    ? { partnerId }
    : { partnerId, status: ['todo' as const, 'in_progress' as const] };
  const tasks = useInfiniteQuery({
    queryKey: [...tasksKey, query],
    queryFn: ({ pageParam, signal }) => listTasks(query, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = tasks.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text component="h2" fw={600} size="lg">
          Tasks
        </Text>
        <Checkbox
          label="Show done and cancelled"
          checked={withDone}
          onChange={(event) => setWithDone(event.currentTarget.checked)}
        />
      </Group>
      {canAdd ? <QuickTaskForm partnerId={partnerId} /> : null}
      {tasks.isError ? <ErrorAlert error={tasks.error} /> : null}
      {tasks.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading tasks" />
        </Center>
      ) : items.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            {withDone ? 'No tasks for this partner.' : 'No open tasks for this partner.'}
          </Text>
        </Card>
      ) : (
        <DataTable
          label="Tasks"
          rows={items}
          rowKey={(task) => task.id}
          columns={taskColumns({ showPartner: false, canChange })}
        />
      )}
      {tasks.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => tasks.fetchNextPage()}
          loading={tasks.isFetchingNextPage}
        >
          Show more tasks
        </Button>
      ) : null}
    </Stack>
  );
}
