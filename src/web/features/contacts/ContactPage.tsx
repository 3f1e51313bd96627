import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { describeError } from '../../api/client';
import { Crumbs } from '../../components/Crumbs';
import { Detail, Details } from '../../components/Details';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { RecordPending } from '../../components/RecordError';
import { can, useSession } from '../auth/session';
import { formatDateTime, humanize } from '../partners/partner-labels';
import { contactName, contactQuery, deleteContact } from './contacts.api';

/** A contact, to read; those who may change it find Edit and Delete here. */
export function ContactPage() {
  const { contactId } = useParams({ from: '/app/contacts/$contactId' });
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useQuery(contactQuery(contactId));
  const remove = useMutation({
    mutationFn: ({ etag }: { etag: string; partnerId: string }) => deleteContact(contactId, etag),
    onSuccess: async (_data, { partnerId }) => {
      await queryClient.invalidateQueries({ queryKey: ['contacts'] });
      await queryClient.invalidateQueries({ queryKey: ['partner-history', partnerId] });
      queryClient.removeQueries({ queryKey: ['contact', contactId] });
      notifications.show({ color: 'teal', message: 'Contact deleted.' });
      await navigate({
        to: '/partners/$partnerId',
        params: { partnerId },
        search: { tab: 'contacts' },
      });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });

  if (!record.data) return <RecordPending query={record} what="contact" />;
  const { contact, etag } = record.data;
  const name = contactName(contact);

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete ${name}?`,
      children: <Text size="sm">The contact is removed for good. Its history stays.</Text>,
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ etag, partnerId: contact.partnerId }),
    });

  return (
    <Stack gap="lg">
      <Crumbs current={name}>
        <AnchorLink to="/contacts">Contacts</AnchorLink>
      </Crumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <PageTitle title={name} />
          <Text c="dimmed" size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {contact.title ? `${contact.title} at ` : 'At '}
            <AnchorLink to="/partners/$partnerId" params={{ partnerId: contact.partnerId }}>
              {contact.partnerName}
            </AnchorLink>
          </Text>
        </Stack>
        <Group gap="sm">
          {can(session, 'contact.update') ? (
            <ButtonLink
              to="/contacts/$contactId/edit"
              params={{ contactId }}
              leftSection={<IconEdit size={16} aria-hidden />}
            >
              Edit
            </ButtonLink>
          ) : null}
          {can(session, 'contact.delete') ? (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              loading={remove.isPending}
              onClick={confirmDelete}
            >
              Delete
            </Button>
          ) : null}
        </Group>
      </Group>
      <Details>
        <Detail label="Partner">
          <AnchorLink to="/partners/$partnerId" params={{ partnerId: contact.partnerId }}>
            {contact.partnerName}
          </AnchorLink>
        </Detail>
        <Detail label="Job title">{contact.title}</Detail>
        <Detail label="Role in the partnership">{humanize(contact.role)}</Detail>
        <Detail label="Email">
          {contact.email ? <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor> : null}
        </Detail>
        <Detail label="Phone">
          {contact.phone ? (
            <Anchor href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</Anchor>
          ) : null}
        </Detail>
        <Detail label="Updated">{formatDateTime(contact.updatedAt)}</Detail>
      </Details>
      <Card withBorder padding="lg">
        <Text fw={600} mb="xs" component="h2" size="md">
          Notes
        </Text>
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          c={contact.notes ? undefined : 'dimmed'}
        >
          {contact.notes ?? 'No notes yet.'}
        </Text>
      </Card>
    </Stack>
  );
}
