import {
  ActionIcon,
  Card,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { partnerRoles } from '../../../domain/roles';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { can, useSession } from '../auth/session';
import { humanize } from '../partners/partner-labels';
import { type PartnerUser, partnerUsersQuery } from './settings.api';

/** A partner user's ETag is its version, quoted, as the server compares it. */
function partnerUserEtag(partnerUser: PartnerUser): string {
  return `"${partnerUser.version}"`;
}

const roleOptions = partnerRoles.map((role) => ({ value: role, label: humanize(role) }));

/** People of partner organizations who sign in to the portal; admins change or remove them. */
export function PartnerUsersPanel() {
  const admin = can(useSession(), 'member.manage');
  const queryClient = useQueryClient();
  const partnerUsers = useQuery(partnerUsersQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: partnerUsersQuery.queryKey });

  const changeRole = useMutation({
    mutationFn: async ({ partnerUser, role }: { partnerUser: PartnerUser; role: string }) =>
      unwrap(
        await api.PATCH('/api/v1/partner-users/{id}', {
          params: {
            path: { id: partnerUser.id },
            header: { 'if-match': partnerUserEtag(partnerUser) },
          },
          body: { role: role as PartnerUser['role'] },
        }),
      ),
    onSuccess: (partnerUser) => {
      notifications.show({
        color: 'teal',
        message: `${partnerUser.name} is now ${humanize(partnerUser.role).toLowerCase()}.`,
      });
      return refresh();
    },
    onError: (error) => {
      notifications.show({ color: 'red', message: describeError(error) });
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: async (partnerUser: PartnerUser) =>
      unwrap(
        await api.DELETE('/api/v1/partner-users/{id}', {
          params: { path: { id: partnerUser.id } },
        }),
      ),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Partner user removed.' });
      return refresh();
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });

  if (partnerUsers.isError) return <ErrorAlert error={partnerUsers.error} />;
  const rows = partnerUsers.data ?? [];
  const columns = admin ? 5 : 4;

  return (
    <Stack>
      <Card withBorder p={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Caption>
              People of your partners who can sign in to the partner portal
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Email</Table.Th>
                <Table.Th scope="col">Partner</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                {admin ? (
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {partnerUsers.isSuccess && rows.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={columns}>
                    <Text c="dimmed" size="sm">
                      No partner users yet. Invite one from Invitations by choosing a partner role.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {rows.map((partnerUser) => (
                <Table.Tr key={partnerUser.id}>
                  <Table.Td>
                    <Text fw={500} size="sm">
                      {partnerUser.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{partnerUser.email}</Table.Td>
                  <Table.Td>
                    <AnchorLink
                      to="/partners/$partnerId"
                      params={{ partnerId: partnerUser.partnerId }}
                      size="sm"
                    >
                      {partnerUser.partnerName}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    {admin ? (
                      <Select
                        aria-label={`Role of ${partnerUser.name}`}
                        data={roleOptions}
                        value={partnerUser.role}
                        allowDeselect={false}
                        disabled={changeRole.isPending}
                        onChange={(role) =>
                          role &&
                          role !== partnerUser.role &&
                          changeRole.mutate({ partnerUser, role })
                        }
                        w={160}
                        size="xs"
                      />
                    ) : (
                      humanize(partnerUser.role)
                    )}
                  </Table.Td>
                  {admin ? (
                    <Table.Td>
                      <Tooltip label={`Remove ${partnerUser.name}`}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${partnerUser.name}`}
                          onClick={() =>
                            modals.openConfirmModal({
                              title: `Remove ${partnerUser.name}?`,
                              children: (
                                <Text size="sm">
                                  They are signed out at once and their portal account is deleted.
                                  Invite them again to give access back.
                                </Text>
                              ),
                              labels: { confirm: 'Remove', cancel: 'Cancel' },
                              confirmProps: { color: 'red' },
                              onConfirm: () => remove.mutate(partnerUser),
                            })
                          }
                        >
                          <IconUserMinus size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}
