import {
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { defaultContactCadence, effectiveCadenceDays } from '../../../domain/cadence';
import {
  defaultTiers,
  PartnerCreate,
  partnerSizes,
  partnerStages,
  partnerTypes,
} from '../../../domain/partners';
import { ErrorAlert } from '../../components/ErrorAlert';
import { blankToNull, confirmDiscard, schemaErrors } from '../../lib/forms';
import { useMembers, workspaceQuery } from '../settings/settings.api';
import { DomainTakenAlert, type TakenDomain } from './DomainTakenAlert';
import { countryOptions, humanize } from './partner-labels';
import type { Partner, PartnerCreateBody } from './partners.api';

export type PartnerFormValues = {
  name: string;
  domains: string[];
  website: string;
  type: string;
  tier: string | null;
  stage: string;
  ownerId: string | null;
  industry: string;
  country: string | null;
  size: string | null;
  tags: string[];
  description: string;
  /** Days between touches; blank follows the tier. */
  contactCadenceDays: number | string;
};

export function partnerFormValues(partner?: Partner): PartnerFormValues {
  return {
    name: partner?.name ?? '',
    domains: partner?.domains ?? [],
    website: partner?.website ?? '',
    type: partner?.type ?? 'other',
    tier: partner?.tier ?? null,
    stage: partner?.stage ?? 'prospect',
    ownerId: partner?.ownerId ?? null,
    industry: partner?.industry ?? '',
    country: partner?.country ?? null,
    size: partner?.size ?? null,
    tags: partner?.tags ?? [],
    description: partner?.description ?? '',
    contactCadenceDays: partner?.contactCadenceDays ?? '',
  };
}

/** The request body the form's values stand for (blank optional text is null). */
export function partnerBody(values: PartnerFormValues): PartnerCreateBody {
  return {
    name: values.name.trim(),
    domains: values.domains,
    website: blankToNull(values.website),
    type: values.type as PartnerCreateBody['type'],
    tier: values.tier,
    stage: values.stage as PartnerCreateBody['stage'],
    ownerId: values.ownerId,
    industry: blankToNull(values.industry),
    country: values.country,
    size: values.size as PartnerCreateBody['size'],
    tags: values.tags,
    description: blankToNull(values.description),
    contactCadenceDays: values.contactCadenceDays === '' ? null : Number(values.contactCadenceDays),
  };
}

type Props = {
  initial: PartnerFormValues;
  submitLabel: string;
  pending: boolean;
  failure: ReactNode;
  /** The domain another partner holds, from the last attempt to save. */
  taken?: TakenDomain | null;
  onSubmit: (body: PartnerCreateBody, form: ReturnType<typeof usePartnerForm>) => void;
  onCancel: () => void;
};

function usePartnerForm(initial: PartnerFormValues) {
  return useForm<PartnerFormValues>({
    mode: 'controlled',
    initialValues: initial,
    // The same schema the server validates with, applied to the body the form would send.
    validate: (values) => schemaErrors(PartnerCreate, partnerBody(values)),
  });
}

/** Create and edit form of a partner. */
export function PartnerForm({
  initial,
  submitLabel,
  pending,
  failure,
  taken = null,
  onSubmit,
  onCancel,
}: Props) {
  const form = usePartnerForm(initial);
  const members = useMembers();
  const workspace = useQuery(workspaceQuery);
  const tiers = workspace.data?.workspace.tiers ?? [...defaultTiers];
  const cadence = workspace.data?.workspace.contactCadenceDays ?? defaultContactCadence;
  const tierDays = effectiveCadenceDays(
    { tier: form.values.tier, contactCadenceDays: null },
    cadence,
  );

  return (
    <form noValidate onSubmit={form.onSubmit((values) => onSubmit(partnerBody(values), form))}>
      <Stack gap="md" maw={860}>
        {typeof failure === 'string' ? <ErrorAlert error={failure} title="Not saved" /> : failure}
        <DomainTakenAlert taken={taken} domains={form.values.domains} />
        <TextInput label="Name" required {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Type"
            data={partnerTypes.map((value) => ({ value, label: humanize(value) }))}
            allowDeselect={false}
            {...form.getInputProps('type')}
          />
          <Select
            label="Stage"
            data={partnerStages.map((value) => ({ value, label: humanize(value) }))}
            allowDeselect={false}
            {...form.getInputProps('stage')}
          />
          <Select
            label="Tier"
            data={tiers.map((value) => ({ value, label: humanize(value) }))}
            clearable
            placeholder="None"
            {...form.getInputProps('tier')}
          />
          <Select
            label="Owner"
            data={(members.data ?? []).map((member) => ({ value: member.id, label: member.name }))}
            searchable
            clearable
            placeholder="Nobody"
            {...form.getInputProps('ownerId')}
          />
          <NumberInput
            label="Contact cadence (days)"
            description={`Days between touches; blank follows the tier (${tierDays} days)`}
            placeholder={`${tierDays} (from the tier)`}
            min={1}
            max={365}
            allowDecimal={false}
            {...form.getInputProps('contactCadenceDays')}
          />
        </SimpleGrid>
        <TagsInput
          label="Domains"
          description="Press Enter after each domain, for example acme.com"
          {...form.getInputProps('domains')}
        />
        <TextInput
          label="Website"
          type="url"
          placeholder="https://"
          {...form.getInputProps('website')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Industry" {...form.getInputProps('industry')} />
          <Select
            label="Country"
            data={countryOptions}
            searchable
            clearable
            placeholder="Not set"
            {...form.getInputProps('country')}
          />
          <Select
            label="Size (employees)"
            data={[...partnerSizes]}
            clearable
            placeholder="Not set"
            {...form.getInputProps('size')}
          />
        </SimpleGrid>
        <TagsInput
          label="Tags"
          description="Press Enter after each tag"
          {...form.getInputProps('tags')}
        />
        <Textarea
          label="Description"
          autosize
          minRows={3}
          maxRows={10}
          {...form.getInputProps('description')}
        />
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={() => confirmDiscard(form, onCancel)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export type PartnerFormApi = ReturnType<typeof usePartnerForm>;
