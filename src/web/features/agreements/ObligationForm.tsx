import { Button, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  ObligationCreate,
  type ObligationParty,
  obligationParties,
} from '../../../domain/obligations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem, schemaErrors } from '../../lib/forms';
import { useMembers, useWorkspaceToday } from '../settings/settings.api';
import {
  monthDays,
  previewSchedule,
  type Repeat,
  repeatLabels,
  repeats,
  type ScheduleValues,
  scheduleOf,
  scheduleValues,
} from './obligation-schedule';
import {
  createObligation,
  type Obligation,
  type ObligationCreateBody,
  updateObligation,
} from './obligations.api';

export const partyLabels: Record<ObligationParty, string> = {
  us: 'Us',
  partner: 'The partner',
  both: 'Both',
};

type Values = ScheduleValues & { description: string; party: ObligationParty; ownerId: string };

function bodyOf(values: Values): ObligationCreateBody {
  return {
    description: values.description.trim(),
    party: values.party,
    ownerId: values.ownerId || null,
    ...scheduleOf(values),
  };
}

type Props = {
  agreementId: string;
  /** The obligation being changed; a new one when left out. */
  obligation?: Obligation;
  onDone: () => void;
  onCancel: () => void;
};

/**
 * Adds or changes an obligation: what, who and when, with the recurrence picker and a preview of
 * the next occurrences in words. Checked with the API's own schema; the server's field errors
 * land on their fields.
 */
export function ObligationForm({ agreementId, obligation, onDone, onCancel }: Props) {
  const members = useMembers();
  const today = useWorkspaceToday();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      description: obligation?.description ?? '',
      party: obligation?.party ?? 'partner',
      ownerId: obligation?.ownerId ?? '',
      ...scheduleValues(obligation ?? null),
    },
    validate: (values) => schemaErrors(ObligationCreate, bodyOf(values)),
  });
  const save = useMutation({
    mutationFn: (body: ObligationCreateBody) =>
      obligation ? updateObligation(obligation, body) : createObligation(agreementId, body),
    onSuccess: onDone,
    onError: (error) => setFailure(applyProblem(form, error)),
  });
  const values = form.getValues();
  const preview = previewSchedule(values, today);
  const title = obligation ? 'Change the obligation' : 'Add an obligation';

  return (
    <form
      aria-label={title}
      onSubmit={form.onSubmit((v) => {
        setFailure(null);
        save.mutate(bodyOf(v));
      })}
    >
      <Stack gap="sm">
        <Text fw={600} component="h3" m={0}>
          {title}
        </Text>
        {failure ? <ErrorAlert error={failure} title="Not saved" /> : null}
        <Textarea
          label="What must be done"
          placeholder="Send the monthly sales report"
          autosize
          minRows={2}
          required
          data-autofocus
          {...form.getInputProps('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label="Who must do it"
            data={obligationParties.map((p) => ({ value: p, label: partyLabels[p] }))}
            allowDeselect={false}
            {...form.getInputProps('party')}
          />
          <Select
            label="Owner"
            placeholder="Nobody: the agreement’s owner is told"
            data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            searchable
            clearable
            {...form.getInputProps('ownerId')}
            onChange={(value) => form.setFieldValue('ownerId', value ?? '')}
          />
          <Select
            label="When"
            data={repeats.map((r) => ({ value: r, label: repeatLabels[r] }))}
            allowDeselect={false}
            {...form.getInputProps('repeat')}
            onChange={(value) => form.setFieldValue('repeat', (value as Repeat) ?? 'once')}
          />
        </SimpleGrid>
        {values.repeat === 'once' ? (
          <TextInput label="Due on" type="date" required {...form.getInputProps('dueOn')} w={220} />
        ) : (
          <Group align="start" gap="sm" wrap="wrap">
            <TextInput
              label="Starts on"
              type="date"
              required
              {...form.getInputProps('startsOn')}
              w={220}
            />
            {values.repeat === 'monthly' || values.repeat === 'quarterly' ? (
              <Select
                label="On the day"
                data={monthDays}
                allowDeselect={false}
                {...form.getInputProps('monthDay')}
                w={160}
              />
            ) : null}
            {values.repeat === 'custom' ? (
              <TextInput
                label="Rule (RRULE)"
                description="Such as FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"
                required
                {...form.getInputProps('rrule')}
                style={{ flex: '1 1 260px' }}
              />
            ) : null}
          </Group>
        )}
        <div aria-live="polite">
          {preview && 'problem' in preview ? (
            <Text size="sm" c="red.8">
              {preview.problem}
            </Text>
          ) : null}
          {preview && 'words' in preview ? (
            <Text size="sm" c="dimmed">
              {preview.words}
              {preview.next.length > 0 ? `. Next: ${preview.next.join(', ')}` : ''}
            </Text>
          ) : null}
        </div>
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {obligation ? 'Save obligation' : 'Add obligation'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
