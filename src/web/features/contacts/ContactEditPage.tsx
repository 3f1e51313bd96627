import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { Crumbs } from '../../components/Crumbs';
import { AnchorLink } from '../../components/links';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { RecordPending } from '../../components/RecordError';
import { isStale, StaleRecordAlert } from '../../components/StaleRecordAlert';
import { applyProblem } from '../../lib/forms';
import { can, useSession } from '../auth/session';
import { ContactForm, type ContactFormApi, contactFormValues } from './ContactForm';
import { type ContactUpdateBody, contactName, contactQuery, updateContact } from './contacts.api';

export function ContactEditPage() {
  const { contactId } = useParams({ from: '/app/contacts/$contactId/edit' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const allowed = can(session, 'contact.update');
  const record = useQuery({ ...contactQuery(contactId), enabled: allowed });
  const [failure, setFailure] = useState<ReactNode>(null);
  const toContact = () => navigate({ to: '/contacts/$contactId', params: { contactId } });

  const save = useMutation({
    mutationFn: ({ body, etag }: { body: ContactUpdateBody; etag: string; form: ContactFormApi }) =>
      updateContact(contactId, etag, body),
    onSuccess: async (contact) => {
      await queryClient.invalidateQueries({ queryKey: ['contacts'] });
      await queryClient.invalidateQueries({ queryKey: ['partner-history', contact.partnerId] });
      queryClient.removeQueries({ queryKey: ['contact', contactId] });
      notifications.show({ color: 'teal', message: `${contactName(contact)} was saved.` });
      await toContact();
    },
    onError: (error, { form }) => {
      if (isStale(error)) {
        setFailure(
          <StaleRecordAlert
            what="contact"
            onReload={async () => {
              setFailure(null);
              await record.refetch();
            }}
          />,
        );
        return;
      }
      setFailure(applyProblem(form, error));
    },
  });

  if (!allowed) return <NoAccess what="change contacts" />;
  if (!record.data) return <RecordPending query={record} what="contact" />;
  const { contact, etag } = record.data;
  const name = contactName(contact);

  return (
    <Stack gap="lg">
      <Crumbs current="Edit">
        <AnchorLink to="/contacts">Contacts</AnchorLink>
        <AnchorLink
          to="/contacts/$contactId"
          params={{ contactId }}
          truncate="end"
          title={name}
          maw="100%"
        >
          {name}
        </AnchorLink>
      </Crumbs>
      <PageTitle title={`Edit ${name}`} />
      <ContactForm
        key={etag}
        initial={contactFormValues(contact)}
        partnerName={contact.partnerName}
        submitLabel="Save changes"
        pending={save.isPending}
        failure={failure}
        onSubmit={(body, form) => {
          setFailure(null);
          save.mutate({ body, etag, form });
        }}
        onCancel={toContact}
      />
    </Stack>
  );
}
