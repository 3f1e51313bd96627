import { ActionIcon, Button, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type PartnerTeamRole, partnerTeamRoles } from '../../../domain/teams';
import { api, describeError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { Truncated } from '../../components/list/ListParts';
import { humanize } from '../partners/partner-labels';
import { teamsQuery, useMembers } from '../settings/settings.api';

type Entry = components['schemas']['PartnerTeamEntry'];

const roleOptions = partnerTeamRoles.map((role) => ({ value: role, label: humanize(role) }));

/** The partner's partnership team: who works on it, from which team, in which role. */
export function PartnerTeam({ partnerId, canManage }: { partnerId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const queryKey = ['partner-team', partnerId];
  const entries = useQuery({
    queryKey,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/partners/{id}/team', { params: { path: { id: partnerId } } }))
        .items,
  });
  const members = useMembers();
  const teams = useQuery(teamsQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey });
  const failed = (error: unknown) => {
    notifications.show({ color: 'red', message: describeError(error) });
    return refresh();
  };

  const [memberId, setMemberId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [role, setRole] = useState<PartnerTeamRole>('contributor');
  const [addError, setAddError] = useState<unknown>(null);

  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/partners/{id}/team', {
          params: { path: { id: partnerId } },
          body: { memberId: memberId ?? '', teamId, role },
        }),
      ),
    onSuccess: (entry) => {
      notifications.show({ color: 'teal', message: `${entry.member.name} is on the team.` });
      setMemberId(null);
      setTeamId(null);
      setAddError(null);
      return refresh();
    },
    onError: setAddError,
  });
  const change = useMutation({
    mutationFn: async ({ entry, next }: { entry: Entry; next: PartnerTeamRole }) =>
      unwrap(
        await api.PATCH('/api/v1/partners/{id}/team/{entryId}', {
          params: {
            path: { id: partnerId, entryId: entry.id },
            header: { 'if-match': `"${entry.version}"` },
          },
          body: { role: next },
        }),
      ),
    onSuccess: refresh,
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: async (entry: Entry) =>
      unwrap(
        await api.DELETE('/api/v1/partners/{id}/team/{entryId}', {
          params: { path: { id: partnerId, entryId: entry.id } },
        }),
      ),
    onSuccess: refresh,
    onError: failed,
  });

  if (entries.isError) return <ErrorAlert error={entries.error} />;
  const onTeam = new Set((entries.data ?? []).map((e) => e.member.id));
  const memberOptions = (members.data ?? [])
    .filter((m) => !onTeam.has(m.id))
    .map((m) => ({ value: m.id, label: m.name }));
  const teamOptions = (teams.data ?? [])
    .filter((team) => team.retiredAt === null)
    .map((team) => ({ value: team.id, label: team.name }));

  return (
    <Stack gap="md">
      <Text component="h2" fw={600} size="lg">
        Partnership team
      </Text>
      {canManage ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (memberId) add.mutate();
          }}
        >
          <Group align="flex-end" gap="sm">
            <Select
              label="Member"
              placeholder="Choose a member"
              data={memberOptions}
              value={memberId}
              onChange={setMemberId}
              searchable
              required
            />
            <Select
              label="From team"
              placeholder="No team"
              data={teamOptions}
              value={teamId}
              onChange={setTeamId}
              clearable
            />
            <Select
              label="Role"
              data={roleOptions}
              value={role}
              onChange={(value) => value && setRole(value as PartnerTeamRole)}
              allowDeselect={false}
            />
            <Button type="submit" loading={add.isPending} disabled={!memberId}>
              Add to team
            </Button>
          </Group>
          {addError ? <ErrorAlert error={addError} /> : null}
        </form>
      ) : null}
      {entries.data?.length === 0 ? (
        <Text c="dimmed" size="sm">
          No one is on this partner’s team yet.
          {canManage ? ' Add the people who work with them, and their roles.' : ''}
        </Text>
      ) : null}
      <DataTable
        label="Partnership team"
        rows={entries.data ?? []}
        rowKey={(entry) => entry.id}
        columns={[
          {
            key: 'member',
            header: 'Member',
            width: 'minmax(160px, 1.4fr)',
            primary: true,
            cell: (entry) => <Truncated fw={500}>{entry.member.name}</Truncated>,
          },
          {
            key: 'team',
            header: 'Team',
            width: 'minmax(120px, 1fr)',
            cell: (entry) => <Truncated>{entry.team?.name ?? '—'}</Truncated>,
          },
          {
            key: 'role',
            header: 'Role',
            width: 'minmax(140px, 0.8fr)',
            cell: (entry) =>
              canManage ? (
                <Select
                  aria-label={`Role of ${entry.member.name}`}
                  data={roleOptions}
                  value={entry.role}
                  allowDeselect={false}
                  disabled={change.isPending}
                  onChange={(next) =>
                    next &&
                    next !== entry.role &&
                    change.mutate({ entry, next: next as PartnerTeamRole })
                  }
                  maw={160}
                  size="xs"
                />
              ) : (
                humanize(entry.role)
              ),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  header: 'Actions',
                  width: 'minmax(60px, 0.3fr)',
                  actions: true,
                  cell: (entry: Entry) => (
                    <Tooltip label={`Take ${entry.member.name} off the team`}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Take ${entry.member.name} off the team`}
                        disabled={remove.isPending}
                        onClick={() => remove.mutate(entry)}
                      >
                        <IconUserMinus size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Stack>
  );
}
