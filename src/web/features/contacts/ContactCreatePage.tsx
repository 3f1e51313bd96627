import { Breadcrumbs, Center, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem } from '../../lib/forms';
import { partnerQuery } from '../partners/partners.api';
import { ContactForm, type ContactFormApi, contactFormValues } from './ContactForm';
import { type ContactCreateBody, contactName, createContact } from './contacts.api';

export function ContactCreatePage() {
  const { partnerId } = useSearch({ from: '/app/contacts/new' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partner = useQuery({ ...partnerQuery(partnerId ?? ''), enabled: Boolean(partnerId) });
  const [failure, setFailure] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: ({ body }: { body: ContactCreateBody; form: ContactFormApi }) =>
      createContact(body),
    onSuccess: async (contact) => {
      await queryClient.invalidateQueries({ queryKey: ['contacts'] });
      await queryClient.invalidateQueries({ queryKey: ['partner-history', contact.partnerId] });
      notifications.show({ color: 'teal', message: `${contactName(contact)} was added.` });
      await navigate({
        to: '/partners/$partnerId',
        params: { partnerId: contact.partnerId },
        search: { tab: 'contacts' },
      });
    },
    onError: (error, { form }) => setFailure(applyProblem(form, error)),
  });

  if (partnerId && partner.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  const partnerName = partner.data?.partner.name ?? null;

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        {partnerId && partnerName ? (
          <AnchorLink to="/partners/$partnerId" params={{ partnerId }} search={{ tab: 'contacts' }}>
            {partnerName}
          </AnchorLink>
        ) : (
          <AnchorLink to="/contacts">Contacts</AnchorLink>
        )}
        <span>New contact</span>
      </Breadcrumbs>
      <PageTitle title={partnerName ? `New contact at ${partnerName}` : 'New contact'} />
      <ContactForm
        initial={contactFormValues(undefined, partnerId)}
        partnerName={partnerName}
        submitLabel="Add contact"
        pending={create.isPending}
        failure={failure}
        onSubmit={(body, form) => {
          setFailure(null);
          create.mutate({ body, form });
        }}
        onCancel={() =>
          partnerId
            ? navigate({
                to: '/partners/$partnerId',
                params: { partnerId },
                search: { tab: 'contacts' },
              })
            : navigate({ to: '/contacts' })
        }
      />
    </Stack>
  );
}
