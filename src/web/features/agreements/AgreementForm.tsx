import {
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AgreementCreate, type AgreementType, agreementTypes } from '../../../domain/agreements';
import { messages } from '../../../domain/messages';
import { currencyExponent } from '../../../domain/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { blankToNull, confirmDiscard, schemaErrors } from '../../lib/forms';
import { PartnerPicker } from '../contacts/PartnerPicker';
import { useMembers } from '../settings/settings.api';
import { agreementTypeLabels } from './agreement-labels';
import { type Agreement, type AgreementCreateBody, listAgreements } from './agreements.api';

export type AgreementFormValues = {
  partnerId: string;
  type: AgreementType;
  title: string;
  ownerId: string;
  parentId: string;
  effectiveOn: string;
  endOn: string;
  autoRenew: boolean;
  renewalTermMonths: number | string;
  noticeDays: number | string;
  /** In the currency's units as a person types them (1234.56), not minor units. */
  value: number | string;
  currency: string;
  governingLaw: string;
};

export function agreementFormValues(
  agreement: Agreement | undefined,
  defaults: { partnerId?: string } = {},
): AgreementFormValues {
  const currency = agreement?.currency ?? '';
  return {
    partnerId: agreement?.partnerId ?? defaults.partnerId ?? '',
    type: agreement?.type ?? 'nda',
    title: agreement?.title ?? '',
    ownerId: agreement?.ownerId ?? '',
    parentId: agreement?.parentId ?? '',
    effectiveOn: agreement?.effectiveOn ?? '',
    endOn: agreement?.endOn ?? '',
    autoRenew: agreement?.autoRenew ?? false,
    renewalTermMonths: agreement?.renewalTermMonths ?? '',
    noticeDays: agreement?.noticeDays ?? '',
    value:
      agreement?.value === null || agreement?.value === undefined
        ? ''
        : agreement.value / 10 ** currencyExponent(currency),
    currency,
    governingLaw: agreement?.governingLaw ?? '',
  };
}

const whole = (value: number | string) => (value === '' ? null : Number(value));

/** The body the form sends: minor units from the typed amount, null for what is left blank. */
export function agreementBody(values: AgreementFormValues): AgreementCreateBody {
  const currency = blankToNull(values.currency)?.toUpperCase() ?? null;
  const amount = whole(values.value);
  return {
    partnerId: values.partnerId,
    type: values.type,
    title: values.title.trim(),
    ownerId: values.ownerId || null,
    parentId: values.parentId || null,
    effectiveOn: values.effectiveOn || null,
    endOn: values.endOn || null,
    autoRenew: values.autoRenew,
    renewalTermMonths: whole(values.renewalTermMonths),
    noticeDays: whole(values.noticeDays),
    value: amount === null ? null : Math.round(amount * 10 ** currencyExponent(currency ?? 'EUR')),
    currency,
    governingLaw: blankToNull(values.governingLaw),
  };
}

function useAgreementForm(initial: AgreementFormValues) {
  return useForm<AgreementFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: (values) => {
      const errors = schemaErrors(AgreementCreate, agreementBody(values));
      if (values.partnerId === '') errors.partnerId = messages.choosePartner;
      return errors;
    },
  });
}
export type AgreementFormApi = ReturnType<typeof useAgreementForm>;

type Props = {
  initial: AgreementFormValues;
  /** A new agreement picks its partner; an existing one keeps it. */
  isNew: boolean;
  /** The agreement being edited, left out of its own parents. */
  selfId?: string;
  partnerName: string | null;
  /** Only the title and owner change once the terms are settled. */
  termsLocked?: boolean;
  submitLabel: string;
  pending: boolean;
  failure: ReactNode;
  onSubmit: (body: AgreementCreateBody, form: AgreementFormApi) => void;
  onCancel: () => void;
};

/** An agreement's type, title, owner, parent, dates, renewal, notice, value and law. */
export function AgreementForm(props: Props) {
  const form = useAgreementForm(props.initial);
  const members = useMembers();
  const partnerId = form.values.partnerId;
  const siblings = useQuery({
    queryKey: ['agreements', { partnerId, sort: 'title' }],
    queryFn: ({ signal }) => listAgreements({ partnerId, sort: 'title' }, undefined, signal),
    enabled: partnerId !== '',
  });
  const parentOptions = (siblings.data?.items ?? [])
    .filter((agreement) => agreement.id !== props.selfId)
    .map((agreement) => ({ value: agreement.id, label: agreement.title }));
  const locked = props.termsLocked ?? false;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => props.onSubmit(agreementBody(values), form))}
    >
      <Stack gap="md" maw={880}>
        {typeof props.failure === 'string' ? (
          <ErrorAlert error={props.failure} title="Not saved" />
        ) : (
          props.failure
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {props.isNew ? (
            <PartnerPicker
              value={partnerId || null}
              selectedName={props.partnerName}
              onChange={(id) => {
                form.setFieldValue('partnerId', id ?? '');
                form.setFieldValue('parentId', '');
              }}
              error={form.errors.partnerId}
            />
          ) : null}
          <TextInput label="Title" required {...form.getInputProps('title')} />
          <Select
            label="Type"
            required
            data={agreementTypes.map((value) => ({ value, label: agreementTypeLabels[value] }))}
            allowDeselect={false}
            disabled={locked}
            {...form.getInputProps('type')}
          />
          <Select
            label="Owner"
            placeholder="No one"
            data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            searchable
            clearable
            {...form.getInputProps('ownerId')}
            onChange={(value) => form.setFieldValue('ownerId', value ?? '')}
          />
          <Select
            label="Under master agreement"
            description="An SOW under a reseller agreement, say: one of this partner’s agreements."
            placeholder="None"
            data={parentOptions}
            searchable
            clearable
            disabled={locked || partnerId === ''}
            {...form.getInputProps('parentId')}
            onChange={(value) => form.setFieldValue('parentId', value ?? '')}
          />
          <TextInput
            label="Effective on"
            type="date"
            disabled={locked}
            {...form.getInputProps('effectiveOn')}
          />
          <TextInput
            label="Ends on"
            type="date"
            disabled={locked}
            {...form.getInputProps('endOn')}
          />
          <NumberInput
            label="Notice period (days)"
            min={0}
            allowDecimal={false}
            disabled={locked}
            {...form.getInputProps('noticeDays')}
          />
          <Switch
            label="Renews automatically"
            mt="xl"
            disabled={locked}
            {...form.getInputProps('autoRenew', { type: 'checkbox' })}
          />
          <NumberInput
            label="Renewal term (months)"
            min={1}
            allowDecimal={false}
            disabled={locked || !form.values.autoRenew}
            {...form.getInputProps('renewalTermMonths')}
          />
          <NumberInput
            label="Value"
            min={0}
            decimalScale={currencyExponent(form.values.currency || 'EUR')}
            thousandSeparator=","
            disabled={locked}
            {...form.getInputProps('value')}
          />
          <TextInput
            label="Currency"
            description="ISO 4217 code, such as EUR or USD"
            maxLength={3}
            disabled={locked}
            {...form.getInputProps('currency')}
          />
          <TextInput
            label="Governing law"
            placeholder="England and Wales"
            disabled={locked}
            {...form.getInputProps('governingLaw')}
          />
        </SimpleGrid>
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
