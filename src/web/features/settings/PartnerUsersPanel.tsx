import { ActionIcon, Select, Stack, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { partnerRoles } from '../../../domain/roles';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { DataTable } from '../../components/list/DataTable';
import { Truncated } from '../../components/list/ListParts';
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

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        People of your partners who can sign in to the partner portal.
      </Text>
      {partnerUsers.isSuccess && rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          No partner users yet. Invite one from Invitations by choosing a partner role.
        </Text>
      ) : (
        <DataTable
          label="Partner users"
          rows={rows}
          rowKey={(partnerUser) => partnerUser.id}
          columns={[
            {
              key: 'name',
              header: 'Name',
              width: 'minmax(140px, 1.2fr)',
              primary: true,
              cell: (partnerUser) => <Truncated fw={500}>{partnerUser.name}</Truncated>,
            },
            {
              key: 'email',
              header: 'Email',
              width: 'minmax(160px, 1.4fr)',
              cell: (partnerUser) => <Truncated>{partnerUser.email}</Truncated>,
            },
            {
              key: 'partner',
              header: 'Partner',
              width: 'minmax(140px, 1.2fr)',
              cell: (partnerUser) => (
                <AnchorLink
                  to="/partners/$partnerId"
                  params={{ partnerId: partnerUser.partnerId }}
                  size="sm"
                  truncate="end"
                  display="block"
                  title={partnerUser.partnerName}
                >
                  {partnerUser.partnerName}
                </AnchorLink>
              ),
            },
            {
              key: 'role',
              header: 'Role',
              width: 'minmax(150px, 1fr)',
              cell: (partnerUser) =>
                admin ? (
                  <Select
                    aria-label={`Role of ${partnerUser.name}`}
                    data={roleOptions}
                    value={partnerUser.role}
                    allowDeselect={false}
                    disabled={changeRole.isPending}
                    onChange={(role) =>
                      role && role !== partnerUser.role && changeRole.mutate({ partnerUser, role })
                    }
                    maw={170}
                    size="xs"
                  />
                ) : (
                  <Truncated>{humanize(partnerUser.role)}</Truncated>
                ),
            },
            ...(admin
              ? [
                  {
                    key: 'actions',
                    header: 'Actions',
                    width: 'minmax(50px, 0.3fr)',
                    actions: true,
                    cell: (partnerUser: PartnerUser) => (
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
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Stack>
  );
}
