import {
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import {
  ActionIcon,
  Badge,
  Card,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGripVertical } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type TaskStatus, taskStatuses } from '../../../domain/tasks';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { can, useSession } from '../auth/session';
import { humanize } from '../partners/partner-labels';
import { teamsQuery } from '../settings/settings.api';
import { TaskStatusMenu } from './TaskStatusMenu';
import { listTasks, type Task, tasksKey } from './tasks.api';

/** A board shows at most this many tasks; the list and filters serve larger teams. */
const BOARD_LIMIT = 200;

function TaskCard({ task, canChange }: { task: Task; canChange: boolean }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: task.id,
    data: { task },
    disabled: !canChange,
  });
  return (
    <Card
      ref={setNodeRef}
      withBorder
      padding="sm"
      style={{
        transform: CSS.Translate.toString(transform),
        opacity: isDragging ? 0.6 : 1,
      }}
    >
      <Stack gap={6}>
        <Group gap={6} wrap="nowrap" align="flex-start">
          {canChange ? (
            // The handle alone drags (pointer, or Space and arrows), so the menu keeps its keys.
            <ActionIcon
              variant="subtle"
              size="sm"
              style={{ cursor: 'grab' }}
              {...attributes}
              {...listeners}
              aria-label={`Move ${task.title} to another status`}
            >
              <IconGripVertical size={14} aria-hidden />
            </ActionIcon>
          ) : null}
          <Text fw={500} size="sm" lineClamp={2}>
            {task.title}
          </Text>
        </Group>
        <Group gap={6}>
          {task.dueDate ? (
            <Badge size="xs" variant="light" color={task.overdue ? 'red' : 'gray'}>
              {task.overdue ? `Overdue ${task.dueDate}` : `Due ${task.dueDate}`}
            </Badge>
          ) : null}
          <Text size="xs" c="dimmed">
            {task.assignee?.name ?? 'No one'}
            {task.partner ? ` · ${task.partner.name}` : ''}
          </Text>
        </Group>
        {canChange ? <TaskStatusMenu task={task} /> : null}
      </Stack>
    </Card>
  );
}

function StatusColumn({
  status,
  tasks,
  canChange,
}: {
  status: TaskStatus;
  tasks: Task[];
  canChange: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="sm"
      component="section"
      aria-label={`${humanize(status)}: ${tasks.length} tasks`}
      bg={isOver ? 'var(--mantine-color-default-hover)' : undefined}
      style={{ minHeight: 200 }}
    >
      <Stack gap="sm">
        <Text component="h2" fw={600} size="sm">
          {humanize(status)} ({tasks.length})
        </Text>
        {tasks.map((task) => (
          <TaskCard key={task.id} task={task} canChange={canChange} />
        ))}
      </Stack>
    </Paper>
  );
}

/** A team's tasks by status; a card moves by drag and drop or by its status menu. */
export function TeamBoardPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const teams = useQuery(teamsQuery);
  const [teamId, setTeamId] = useState<string | null>(null);
  const query = { ...(teamId ? { teamId } : {}), limit: BOARD_LIMIT };
  const tasks = useQuery({
    queryKey: [...tasksKey, 'board', query],
    queryFn: ({ signal }) => listTasks(query, undefined, signal),
  });
  const canChange = can(session, 'task.update');
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor),
  );

  const move = useMutation({
    mutationFn: async ({ task, status }: { task: Task; status: TaskStatus }) =>
      unwrap(
        await api.PATCH('/api/v1/tasks/{id}', {
          params: { path: { id: task.id }, header: { 'if-match': `"${task.version}"` } },
          body: { status },
        }),
      ),
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tasksKey }),
  });

  function onDragEnd(event: DragEndEvent) {
    const task = event.active.data.current?.task as Task | undefined;
    const status = event.over?.id as TaskStatus | undefined;
    if (!task || !status || status === task.status) return;
    if (!task.allowedStatuses.includes(status)) {
      notifications.show({
        color: 'orange',
        message: `${humanize(task.status)} tasks move only to: ${task.allowedStatuses.map(humanize).join(', ')}.`,
      });
      return;
    }
    move.mutate({ task, status });
  }

  const items = tasks.data?.items ?? [];
  return (
    <Stack gap="lg">
      <PageTitle title="Team board" />
      <Select
        label="Team"
        placeholder="All teams"
        clearable
        data={(teams.data ?? [])
          .filter((team) => team.retiredAt === null)
          .map((team) => ({ value: team.id, label: team.name }))}
        value={teamId}
        onChange={setTeamId}
        maw={280}
      />
      {tasks.isError ? <ErrorAlert error={tasks.error} /> : null}
      {tasks.isPending ? (
        <Loader size="sm" aria-label="Loading tasks" />
      ) : (
        <DndContext sensors={sensors} onDragEnd={onDragEnd}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {taskStatuses.map((status) => (
              <StatusColumn
                key={status}
                status={status}
                tasks={items.filter((task) => task.status === status)}
                canChange={canChange}
              />
            ))}
          </SimpleGrid>
        </DndContext>
      )}
      {tasks.data?.nextCursor ? (
        <Text c="dimmed" size="sm">
          The board shows the first {BOARD_LIMIT} tasks by due date; pick a team to narrow it.
        </Text>
      ) : null}
    </Stack>
  );
}
