import {
  ActionIcon,
  Badge,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconKey, IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { memberRoles } from '../../../domain/roles';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../auth/session';
import { humanize } from '../partners/partner-labels';
import { ShownOnce } from './ShownOnce';
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
      <Card withBorder p={0}>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm">
            <Table.Caption>People who can sign in to this workspace</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Email</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(members.data ?? []).map((member) => {
                const self = member.userId === session?.user.id;
                return (
                  <Table.Tr key={member.id}>
                    <Table.Td>
                      <Text fw={500} size="sm">
                        {member.name}{' '}
                        {self ? (
                          <Badge size="xs" variant="light">
                            You
                          </Badge>
                        ) : null}
                      </Text>
                    </Table.Td>
                    <Table.Td>{member.email}</Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`Role of ${member.name}`}
                        data={memberRoles.map((role) => ({ value: role, label: humanize(role) }))}
                        value={member.role}
                        allowDeselect={false}
                        disabled={changeRole.isPending}
                        onChange={(role) =>
                          role && role !== member.role && changeRole.mutate({ member, role })
                        }
                        w={140}
                        size="xs"
                      />
                    </Table.Td>
                    <Table.Td>
                      {self ? null : (
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label={`Reset the password of ${member.name}`}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Reset the password of ${member.name}`}
                              disabled={resetPassword.isPending}
                              onClick={() => resetPassword.mutate(member)}
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
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}
