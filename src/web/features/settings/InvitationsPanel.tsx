import {
  ActionIcon,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconLink, IconSend, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createInvitationBody } from '../../../domain/invitations';
import { messages } from '../../../domain/messages';
import { memberRoles, partnerRoles } from '../../../domain/roles';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { Truncated } from '../../components/list/ListParts';
import { ShownOnce } from '../../components/ShownOnce';
import { applyProblem, schemaErrors } from '../../lib/forms';
import { PartnerPicker } from '../contacts/PartnerPicker';
import { formatDate, humanize } from '../partners/partner-labels';

type CreateBody = { email: string; role: string; partnerId?: string };

const invitationsQuery = {
  queryKey: ['invitations'],
  queryFn: async () =>
    unwrap(await api.GET('/api/v1/invitations', { params: { query: { limit: 200 } } })).items,
};

const roleOptions = [
  { group: 'Workspace members', items: memberRoles.map((r) => ({ value: r, label: humanize(r) })) },
  {
    group: 'Partner portal',
    items: partnerRoles.map((r) => ({
      value: r,
      label: humanize(r.replace('partner_', 'partner ')),
    })),
  },
];

export function InvitationsPanel() {
  const queryClient = useQueryClient();
  const invitations = useQuery(invitationsQuery);
  const [failure, setFailure] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [partnerName, setPartnerName] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', role: 'member', partnerId: '' },
    validate: (values) => {
      const errors = schemaErrors(createInvitationBody, body(values));
      if (values.role.startsWith('partner_') && !values.partnerId) {
        return { partnerId: messages.choosePartner };
      }
      // A union reports a mismatch at its root; point it at the email, the only free text.
      return Object.keys(errors).length > 0 && !errors.email ? { email: messages.email } : errors;
    },
  });
  const partnerRole = form.values.role.startsWith('partner_');

  function body(values: typeof form.values): CreateBody {
    return values.role.startsWith('partner_')
      ? { email: values.email.trim(), role: values.role, partnerId: values.partnerId }
      : { email: values.email.trim(), role: values.role };
  }

  const create = useMutation({
    mutationFn: async (values: typeof form.values) =>
      unwrap(
        await api.POST('/api/v1/invitations', {
          body: body(values) as never,
        }),
      ),
    onSuccess: (invitation) => {
      form.reset();
      if (invitation.inviteUrl) setLink(invitation.inviteUrl);
      else
        notifications.show({ color: 'teal', message: `Invitation sent to ${invitation.email}.` });
      return queryClient.invalidateQueries({ queryKey: invitationsQuery.queryKey });
    },
    onError: (error) => setFailure(applyProblem(form, error)),
  });
  const renew = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/invitations/{id}/link', { params: { path: { id } } })),
    onSuccess: ({ inviteUrl }) => setLink(inviteUrl),
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/invitations/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Invitation revoked.' });
      return queryClient.invalidateQueries({ queryKey: invitationsQuery.queryKey });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });

  return (
    <Stack gap="md">
      <Card withBorder>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFailure(null);
            setLink(null);
            create.mutate(values);
          })}
        >
          <Stack gap="sm">
            <Text component="h3" fw={600}>
              Invite someone
            </Text>
            <ErrorAlert error={failure} title="Not invited" />
            <Group align="flex-start" wrap="wrap">
              <TextInput
                label="Email"
                type="email"
                required
                w={{ base: '100%', sm: 280 }}
                {...form.getInputProps('email')}
              />
              <Select
                label="Role"
                data={roleOptions}
                allowDeselect={false}
                w={200}
                {...form.getInputProps('role')}
              />
              {partnerRole ? (
                <PartnerPicker
                  value={form.values.partnerId || null}
                  selectedName={partnerName}
                  onChange={(id, name) => {
                    form.setFieldValue('partnerId', id ?? '');
                    setPartnerName(name);
                  }}
                  error={form.errors.partnerId}
                />
              ) : null}
            </Group>
            <Group>
              <Button
                type="submit"
                loading={create.isPending}
                leftSection={<IconSend size={16} aria-hidden />}
              >
                Send invitation
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {link ? (
        <ShownOnce
          title="Invitation link"
          note="Pass this link on yourself; it is shown only now. Lost it? Make a new one from the list below, until the invitation is used."
          value={link}
          onDone={() => setLink(null)}
        />
      ) : null}
      {invitations.isError ? <ErrorAlert error={invitations.error} /> : null}
      <Text component="h3" fw={600}>
        Invitations not yet accepted
      </Text>
      {invitations.isPending || (invitations.data ?? []).length > 0 ? (
        <DataTable
          label="Invitations not yet accepted"
          rows={invitations.data ?? []}
          rowKey={(invitation) => invitation.id}
          columns={[
            {
              key: 'email',
              header: 'Email',
              width: 'minmax(180px, 2fr)',
              primary: true,
              cell: (invitation) => <Truncated fw={500}>{invitation.email}</Truncated>,
            },
            {
              key: 'role',
              header: 'Role',
              width: 'minmax(110px, 1fr)',
              cell: (invitation) => <Truncated>{humanize(invitation.role)}</Truncated>,
            },
            {
              key: 'expires',
              header: 'Expires',
              width: 'minmax(110px, 1fr)',
              cell: (invitation) => <Truncated>{formatDate(invitation.expiresAt)}</Truncated>,
            },
            {
              key: 'actions',
              header: 'Actions',
              width: 'minmax(80px, 0.5fr)',
              actions: true,
              cell: (invitation) => (
                <>
                  <Tooltip label={`New link for ${invitation.email}`}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`New link for ${invitation.email}`}
                      disabled={renew.isPending}
                      onClick={() =>
                        modals.openConfirmModal({
                          title: `A new link for ${invitation.email}?`,
                          children: (
                            <Text size="sm">
                              Tandem keeps no copy of a link, so it makes a new one to pass on. The
                              link given before stops working.
                            </Text>
                          ),
                          labels: { confirm: 'Make a new link', cancel: 'Cancel' },
                          onConfirm: () => renew.mutate(invitation.id),
                        })
                      }
                    >
                      <IconLink size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={`Revoke the invitation of ${invitation.email}`}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Revoke the invitation of ${invitation.email}`}
                      onClick={() =>
                        modals.openConfirmModal({
                          title: `Revoke the invitation of ${invitation.email}?`,
                          children: (
                            <Text size="sm">The invitation link stops working at once.</Text>
                          ),
                          labels: { confirm: 'Revoke', cancel: 'Cancel' },
                          confirmProps: { color: 'red' },
                          onConfirm: () => revoke.mutate(invitation.id),
                        })
                      }
                    >
                      <IconX size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </>
              ),
            },
          ]}
        />
      ) : (
        <Text c="dimmed" size="sm">
          No open invitations.
        </Text>
      )}
    </Stack>
  );
}
