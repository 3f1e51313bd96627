import { Button, Group, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TaskCreate, type TaskPriority, taskPriorities } from '../../../domain/tasks';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem, schemaErrors } from '../../lib/forms';
import { humanize } from '../partners/partner-labels';
import { useMembers } from '../settings/settings.api';
import { tasksKey } from './tasks.api';

type Values = { title: string; dueDate: string; priority: TaskPriority; assigneeId: string | null };

/** A task in one line: title, due date, priority and assignee; the rest is edited later. */
export function QuickTaskForm({
  partnerId,
  defaultAssigneeId,
}: {
  partnerId?: string;
  defaultAssigneeId?: string | null;
}) {
  const queryClient = useQueryClient();
  const members = useMembers();
  const [failure, setFailure] = useState<string | null>(null);
  function body(values: Values) {
    return {
      title: values.title.trim(),
      dueDate: values.dueDate || null,
      priority: values.priority,
      assigneeId: values.assigneeId,
      ...(partnerId ? { partnerId } : {}),
    };
  }
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      title: '',
      dueDate: '',
      priority: 'normal',
      assigneeId: defaultAssigneeId ?? null,
    },
    validate: (values) => schemaErrors(TaskCreate, body(values)),
  });
  const create = useMutation({
    mutationFn: async (values: Values) =>
      unwrap(await api.POST('/api/v1/tasks', { body: body(values) })),
    onSuccess: (task) => {
      notifications.show({ color: 'teal', message: `Task “${task.title}” added.` });
      form.setFieldValue('title', '');
      return queryClient.invalidateQueries({ queryKey: tasksKey });
    },
    onError: (error) => setFailure(applyProblem(form, error)),
  });
  return (
    <form
      noValidate
      aria-label="New task"
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        create.mutate(values);
      })}
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          label="New task"
          placeholder="What needs doing"
          {...form.getInputProps('title')}
        />
        <TextInput label="Due" type="date" {...form.getInputProps('dueDate')} />
        <Select
          label="Priority"
          data={taskPriorities.map((p) => ({ value: p, label: humanize(p) }))}
          allowDeselect={false}
          {...form.getInputProps('priority')}
        />
        <Select
          label="Assignee"
          placeholder="No one"
          clearable
          searchable
          data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          {...form.getInputProps('assigneeId')}
        />
        <Button type="submit" loading={create.isPending}>
          Add task
        </Button>
      </Group>
      {failure ? <ErrorAlert error={failure} /> : null}
    </form>
  );
}
