import { ActionIcon, Badge, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconKey, IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { memberRoles } from '../../../domain/roles';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { Truncated } from '../../components/list/ListParts';
import { ShownOnce } from '../../components/ShownOnce';
import { useSession } from '../auth/session';
import { humanize } from '../partners/partner-labels';
import { type Member, membersQuery } from './settings.api';

/** A member's ETag is its version, quoted, as the server compares it. */
function memberEtag(member: Member): string {
  return `"${member.version}"`;
}

export function MembersPanel() {
  const session = useSession();
  const queryClient = useQueryClient();
  const members = useQuery(membersQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: membersQuery.queryKey });

  const changeRole = useMutation({
    mutationFn: async ({ member, role }: { member: Member; role: string }) =>
      unwrap(
        await api.PATCH('/api/v1/members/{id}', {
          params: { path: { id: member.id }, header: { 'if-match': memberEtag(member) } },
          body: { role: role as Member['role'] },
        }),
      ),
    onSuccess: (member) => {
      notifications.show({ color: 'teal', message: `${member.name} is now ${member.role}.` });
      return refresh();
    },
    onError: (error) => {
      notifications.show({ color: 'red', message: describeError(error) });
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: async (member: Member) =>
      unwrap(await api.DELETE('/api/v1/members/{id}', { params: { path: { id: member.id } } })),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Member removed.' });
      return refresh();
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });
  // Without mail, the server hands the reset link to the admin to pass on.
  const [resetLink, setResetLink] = useState<{ name: string; url: string } | null>(null);
  const resetPassword = useMutation({
    mutationFn: async (member: Member) => ({
      member,
      result: unwrap(
        await api.POST('/api/v1/members/{id}/password-reset', {
          params: { path: { id: member.id } },
        }),
      ),
    }),
    onSuccess: ({ member, result }) => {
      if (result.resetUrl) {
        setResetLink({ name: member.name, url: result.resetUrl });
      } else {
        notifications.show({
          color: 'teal',
          message: `A password reset link is on its way to ${member.email}.`,
        });
      }
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });

  if (members.isError) return <ErrorAlert error={members.error} />;

  return (
    <Stack>
      {resetLink ? (
        <ShownOnce
          title={`Password reset link for ${resetLink.name}`}
          note="Tandem cannot send email here. Pass this link on yourself; it works once, for 1 hour, and is shown only now."
          value={resetLink.url}
          onDone={() => setResetLink(null)}
        />
      ) : null}
      <Text size="sm" c="dimmed">
        People who can sign in to this workspace.
      </Text>
      <DataTable
        label="Members"
        rows={members.data ?? []}
        rowKey={(member) => member.id}
        columns={[
          {
            key: 'name',
            header: 'Name',
            width: 'minmax(160px, 1.4fr)',
            primary: true,
            cell: (member) => (
              <Group gap={6} wrap="nowrap">
                <Truncated fw={500}>{member.name}</Truncated>
                {member.userId === session?.user.id ? (
                  <Badge size="xs" variant="light" style={{ flexShrink: 0 }}>
                    You
                  </Badge>
                ) : null}
              </Group>
            ),
          },
          {
            key: 'email',
            header: 'Email',
            width: 'minmax(160px, 1.6fr)',
            cell: (member) => <Truncated>{member.email}</Truncated>,
          },
          {
            key: 'role',
            header: 'Role',
            width: 'minmax(140px, 0.8fr)',
            cell: (member) => (
              <Select
                aria-label={`Role of ${member.name}`}
                data={memberRoles.map((role) => ({ value: role, label: humanize(role) }))}
                value={member.role}
                allowDeselect={false}
                disabled={changeRole.isPending}
                onChange={(role) =>
                  role && role !== member.role && changeRole.mutate({ member, role })
                }
                maw={160}
                size="xs"
              />
            ),
          },
          {
            key: 'actions',
            header: 'Actions',
            width: 'minmax(80px, 0.4fr)',
            actions: true,
            cell: (member) =>
              member.userId === session?.user.id ? null : (
                <>
                  <Tooltip label={`Reset the password of ${member.name}`}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Reset the password of ${member.name}`}
                      disabled={resetPassword.isPending}
                      onClick={() =>
                        modals.openConfirmModal({
                          title: `Reset the password of ${member.name}?`,
                          children: (
                            <Text size="sm">
                              Tandem makes a one-time link for {member.name} to choose a new
                              password, and mails it when it can.
                            </Text>
                          ),
                          labels: { confirm: 'Make a reset link', cancel: 'Cancel' },
                          onConfirm: () => resetPassword.mutate(member),
                        })
                      }
                    >
                      <IconKey size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={`Remove ${member.name}`}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${member.name}`}
                      onClick={() =>
                        modals.openConfirmModal({
                          title: `Remove ${member.name}?`,
                          children: (
                            <Text size="sm">
                              They are signed out at once and their API keys stop working.
                            </Text>
                          ),
                          labels: { confirm: 'Remove', cancel: 'Cancel' },
                          confirmProps: { color: 'red' },
                          onConfirm: () => remove.mutate(member),
                        })
                      }
                    >
                      <IconUserMinus size={16} aria-hidden />
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
