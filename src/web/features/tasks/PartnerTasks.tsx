import { Card, Center, Checkbox, Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { ShowMore } from '../../components/list/ListResults';
import { useKeysetList } from '../../components/list/useKeysetList';
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
  const tasks = useKeysetList([...tasksKey, query], (cursor, signal) =>
    listTasks(query, cursor, signal),
  );
  const items = tasks.items;

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
      {tasks.query.isError ? <ErrorAlert error={tasks.query.error} /> : null}
      {tasks.query.isPending ? (
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
      <ShowMore list={tasks} label="Show more tasks" />
    </Stack>
  );
}
