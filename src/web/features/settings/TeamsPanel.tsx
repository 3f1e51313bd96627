import {
  ActionIcon,
  Badge,
  Button,
  Group,
  MultiSelect,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TeamCreate } from '../../../domain/teams';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { Truncated } from '../../components/list/ListParts';
import { applyProblem, schemaErrors } from '../../lib/forms';
import { type Team, teamsQuery, useMembers } from './settings.api';

const etagOf = (team: Team) => `"${team.version}"`;

function AddTeamForm({ onAdded }: { onAdded: () => Promise<unknown> }) {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '' },
    validate: (values) => schemaErrors(TeamCreate, values),
  });
  const add = useMutation({
    mutationFn: async (name: string) => unwrap(await api.POST('/api/v1/teams', { body: { name } })),
    onSuccess: (team) => {
      notifications.show({ color: 'teal', message: `${team.name} added.` });
      form.reset();
      return onAdded();
    },
    onError: (error) => setFailure(applyProblem(form, error)),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        add.mutate(values.name.trim());
      })}
    >
      <Group align="flex-end" gap="sm">
        <TextInput label="New team" placeholder="Partnerships" {...form.getInputProps('name')} />
        <Button type="submit" loading={add.isPending}>
          Add team
        </Button>
      </Group>
      {failure ? <ErrorAlert error={failure} /> : null}
    </form>
  );
}

function RenameForm({ team, onDone }: { team: Team; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: team.name },
    validate: (values) => schemaErrors(TeamCreate, values),
  });
  const rename = useMutation({
    mutationFn: async (name: string) =>
      unwrap(
        await api.PATCH('/api/v1/teams/{id}', {
          params: { path: { id: team.id }, header: { 'if-match': etagOf(team) } },
          body: { name },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: teamsQuery.queryKey });
      onDone();
    },
    onError: (error) => setFailure(applyProblem(form, error)),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => rename.mutate(values.name.trim()))}>
      <Stack>
        <TextInput label="Name" data-autofocus {...form.getInputProps('name')} />
        {failure ? <ErrorAlert error={failure} /> : null}
        <Button type="submit" loading={rename.isPending}>
          Rename
        </Button>
      </Stack>
    </form>
  );
}

/** The workspace's departments: add, rename, retire or restore them, and say who is in each. */
export function TeamsPanel() {
  const queryClient = useQueryClient();
  const teams = useQuery(teamsQuery);
  const members = useMembers();
  const refresh = () => queryClient.invalidateQueries({ queryKey: teamsQuery.queryKey });
  const failed = (error: unknown) => {
    notifications.show({ color: 'red', message: describeError(error) });
    return refresh();
  };

  const setRetired = useMutation({
    mutationFn: async ({ team, retired }: { team: Team; retired: boolean }) =>
      unwrap(
        await api.POST(retired ? '/api/v1/teams/{id}/retire' : '/api/v1/teams/{id}/restore', {
          params: { path: { id: team.id }, header: { 'if-match': etagOf(team) } },
        }),
      ),
    onSuccess: (team) => {
      notifications.show({
        color: 'teal',
        message: team.retiredAt ? `${team.name} retired.` : `${team.name} restored.`,
      });
      return refresh();
    },
    onError: failed,
  });
  const setMembers = useMutation({
    mutationFn: async ({ team, next }: { team: Team; next: string[] }) => {
      const now = new Set(team.members.map((m) => m.id));
      for (const memberId of next.filter((id) => !now.has(id)))
        unwrap(
          await api.PUT('/api/v1/teams/{id}/members/{memberId}', {
            params: { path: { id: team.id, memberId } },
          }),
        );
      for (const memberId of [...now].filter((id) => !next.includes(id)))
        unwrap(
          await api.DELETE('/api/v1/teams/{id}/members/{memberId}', {
            params: { path: { id: team.id, memberId } },
          }),
        );
    },
    onSuccess: refresh,
    onError: failed,
  });

  if (teams.isError) return <ErrorAlert error={teams.error} />;
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Departments that work with partners. Tasks and partnership teams name them; a retired team
        leaves the pickers but stays on the records that name it.
      </Text>
      <AddTeamForm onAdded={refresh} />
      <DataTable
        label="Teams"
        rows={teams.data ?? []}
        rowKey={(team) => team.id}
        columns={[
          {
            key: 'name',
            header: 'Team',
            width: 'minmax(140px, 1fr)',
            primary: true,
            cell: (team) => (
              <Group gap={6} wrap="nowrap">
                <Truncated fw={500}>{team.name}</Truncated>
                {team.retiredAt ? (
                  <Badge size="xs" variant="light" color="gray">
                    Retired
                  </Badge>
                ) : null}
              </Group>
            ),
          },
          {
            key: 'members',
            header: 'Members',
            width: 'minmax(220px, 2fr)',
            cell: (team) => (
              <MultiSelect
                aria-label={`Members of ${team.name}`}
                data={[
                  ...memberOptions,
                  // A member the list does not hold (yet) still shows by name.
                  ...team.members
                    .filter((m) => !memberOptions.some((o) => o.value === m.id))
                    .map((m) => ({ value: m.id, label: m.name })),
                ]}
                value={team.members.map((m) => m.id)}
                disabled={team.retiredAt !== null || setMembers.isPending}
                onChange={(next) => setMembers.mutate({ team, next })}
                searchable
                size="xs"
              />
            ),
          },
          {
            key: 'actions',
            header: 'Actions',
            width: 'minmax(80px, 0.4fr)',
            actions: true,
            cell: (team) => (
              <>
                <Tooltip label={`Rename ${team.name}`}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Rename ${team.name}`}
                    onClick={() => {
                      const id = modals.open({
                        title: `Rename ${team.name}`,
                        children: <RenameForm team={team} onDone={() => modals.close(id)} />,
                      });
                    }}
                  >
                    <IconPencil size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={team.retiredAt ? `Restore ${team.name}` : `Retire ${team.name}`}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={team.retiredAt ? `Restore ${team.name}` : `Retire ${team.name}`}
                    disabled={setRetired.isPending}
                    onClick={() => setRetired.mutate({ team, retired: team.retiredAt === null })}
                  >
                    {team.retiredAt ? (
                      <IconArchiveOff size={16} aria-hidden />
                    ) : (
                      <IconArchive size={16} aria-hidden />
                    )}
                  </ActionIcon>
                </Tooltip>
              </>
            ),
          },
        ]}
      />
    </Stack>
  );
}
