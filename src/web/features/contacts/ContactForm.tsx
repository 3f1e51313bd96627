import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { ContactCreate, contactRoles } from '../../../domain/contacts';
import { messages } from '../../../domain/messages';
import { ErrorAlert } from '../../components/ErrorAlert';
import { blankToNull, confirmDiscard, schemaErrors } from '../../lib/forms';
import { humanize } from '../partners/partner-labels';
import type { Contact, ContactCreateBody } from './contacts.api';
import { PartnerPicker } from './PartnerPicker';

export type ContactFormValues = {
  firstName: string;
  lastName: string;
  partnerId: string;
  title: string;
  email: string;
  phone: string;
  role: string;
  notes: string;
};

export function contactFormValues(contact?: Contact, partnerId?: string): ContactFormValues {
  return {
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    partnerId: contact?.partnerId ?? partnerId ?? '',
    title: contact?.title ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    role: contact?.role ?? 'other',
    notes: contact?.notes ?? '',
  };
}

export function contactBody(values: ContactFormValues): ContactCreateBody {
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    partnerId: values.partnerId,
    title: blankToNull(values.title),
    email: blankToNull(values.email),
    phone: blankToNull(values.phone),
    role: values.role as ContactCreateBody['role'],
    notes: blankToNull(values.notes),
  };
}

function useContactForm(initial: ContactFormValues) {
  return useForm<ContactFormValues>({
    mode: 'controlled',
    initialValues: initial,
    // The server's own schema, applied to the body the form would send.
    validate: (values) => {
      const errors = schemaErrors(ContactCreate, contactBody(values));
      if (values.partnerId === '') errors.partnerId = messages.choosePartner;
      return errors;
    },
  });
}
export type ContactFormApi = ReturnType<typeof useContactForm>;

type Props = {
  initial: ContactFormValues;
  partnerName: string | null;
  submitLabel: string;
  pending: boolean;
  failure: ReactNode;
  onSubmit: (body: ContactCreateBody, form: ContactFormApi) => void;
  onCancel: () => void;
};

/** Create and edit form of a contact. */
export function ContactForm(props: Props) {
  const form = useContactForm(props.initial);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => props.onSubmit(contactBody(values), form))}
    >
      <Stack gap="md" maw={720}>
        {typeof props.failure === 'string' ? (
          <ErrorAlert error={props.failure} title="Not saved" />
        ) : (
          props.failure
        )}
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="First name"
              required
              autoComplete="off"
              {...form.getInputProps('firstName')}
            />
            <TextInput
              label="Last name"
              required
              autoComplete="off"
              {...form.getInputProps('lastName')}
            />
          </SimpleGrid>
          <PartnerPicker
            value={form.values.partnerId || null}
            selectedName={props.partnerName}
            onChange={(id) => form.setFieldValue('partnerId', id ?? '')}
            error={form.errors.partnerId}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Job title" {...form.getInputProps('title')} />
            <Select
              label="Role in the partnership"
              data={contactRoles.map((value) => ({ value, label: humanize(value) }))}
              allowDeselect={false}
              {...form.getInputProps('role')}
            />
            <TextInput
              label="Email"
              type="email"
              autoComplete="off"
              {...form.getInputProps('email')}
            />
            <TextInput
              label="Phone"
              type="tel"
              autoComplete="off"
              {...form.getInputProps('phone')}
            />
          </SimpleGrid>
          <Textarea
            label="Notes"
            autosize
            minRows={3}
            maxRows={10}
            {...form.getInputProps('notes')}
          />
        </Stack>
        <Group>
          <Button type="submit" loading={props.pending}>
            {props.submitLabel}
          </Button>
          <Button variant="default" onClick={() => confirmDiscard(form, props.onCancel)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
