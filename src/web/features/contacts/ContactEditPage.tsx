import { Breadcrumbs, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { ApiError, describeError } from '../../api/client';
import { AnchorLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { RecordError } from '../../components/RecordError';
import { StaleRecordAlert } from '../../components/StaleRecordAlert';
import { applyProblem } from '../../lib/forms';
import { canEdit, useSession } from '../auth/session';
import { ContactForm, type ContactFormApi, contactFormValues } from './ContactForm';
import {
  type ContactUpdateBody,
  contactName,
  contactQuery,
  deleteContact,
  updateContact,
} from './contacts.api';

export function ContactEditPage() {
  const { contactId } = useParams({ from: '/app/contacts/$contactId/edit' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const record = useQuery(contactQuery(contactId));
  const [failure, setFailure] = useState<ReactNode>(null);

  const stale = () =>
    setFailure(
      <StaleRecordAlert
        what="contact"
        onReload={async () => {
          setFailure(null);
          await record.refetch();
        }}
      />,
    );
  const done = async (partnerId: string, message: string) => {
    await queryClient.invalidateQueries({ queryKey: ['contacts'] });
    await queryClient.invalidateQueries({ queryKey: ['partner-history', partnerId] });
    queryClient.removeQueries({ queryKey: ['contact', contactId] });
    notifications.show({ color: 'teal', message });
    await navigate({
      to: '/partners/$partnerId',
      params: { partnerId },
      search: { tab: 'contacts' },
    });
  };

  const save = useMutation({
    mutationFn: ({ body, etag }: { body: ContactUpdateBody; etag: string; form: ContactFormApi }) =>
      updateContact(contactId, etag, body),
    onSuccess: (contact) => done(contact.partnerId, `${contactName(contact)} was saved.`),
    onError: (error, { form }) => {
      if (error instanceof ApiError && error.status === 412) return stale();
      setFailure(applyProblem(form, error));
    },
  });
  const remove = useMutation({
    mutationFn: ({ etag }: { etag: string; partnerId: string }) => deleteContact(contactId, etag),
    onSuccess: (_data, { partnerId }) => done(partnerId, 'Contact deleted.'),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) return stale();
      notifications.show({ color: 'red', message: describeError(error) });
    },
  });

  if (record.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading contact" />
      </Center>
    );
  }
  if (record.isError) return <RecordError error={record.error} what="contact" />;
  const { contact, etag } = record.data;
  const name = contactName(contact);
  const editable = canEdit(session) || session?.role === 'partner_admin';

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <AnchorLink
          to="/partners/$partnerId"
          params={{ partnerId: contact.partnerId }}
          search={{ tab: 'contacts' }}
        >
          {contact.partnerName}
        </AnchorLink>
        <span>{name}</span>
      </Breadcrumbs>
      <PageTitle title={name} />
      {editable ? null : (
        <Text c="dimmed" size="sm">
          You can view this contact but not change it.
        </Text>
      )}
      <ContactForm
        key={etag}
        initial={contactFormValues(contact)}
        partnerName={contact.partnerName}
        submitLabel="Save changes"
        readOnly={!editable}
        pending={save.isPending}
        failure={failure}
        onSubmit={(body, form) => {
          setFailure(null);
          save.mutate({ body, etag, form });
        }}
        onCancel={() =>
          navigate({
            to: '/partners/$partnerId',
            params: { partnerId: contact.partnerId },
            search: { tab: 'contacts' },
          })
        }
        extraActions={
          editable ? (
            <Button
              color="red"
              variant="subtle"
              leftSection={<IconTrash size={16} aria-hidden />}
              loading={remove.isPending}
              onClick={() =>
                modals.openConfirmModal({
                  title: `Delete ${name}?`,
                  children: (
                    <Text size="sm">The contact is removed for good. Its history stays.</Text>
                  ),
                  labels: { confirm: 'Delete', cancel: 'Cancel' },
                  confirmProps: { color: 'red' },
                  onConfirm: () => remove.mutate({ etag, partnerId: contact.partnerId }),
                })
              }
            >
              Delete contact
            </Button>
          ) : null
        }
      />
    </Stack>
  );
}
