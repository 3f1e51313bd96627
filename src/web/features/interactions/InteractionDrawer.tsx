import {
  Alert,
  Button,
  Drawer,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { InteractionCreate, interactionKinds, sentiments } from '../../../domain/interactions';
import { visibilities } from '../../../domain/timeline';
import { describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem, schemaErrors } from '../../lib/forms';
import { timeZoneOptions } from '../../lib/time-zones';
import { can, useSession } from '../auth/session';
import { contactName, listContacts } from '../contacts/contacts.api';
import { humanize } from '../partners/partner-labels';
import { useMembers, useMyMemberId } from '../settings/settings.api';
import {
  type InteractionFormValues,
  interactionBody,
  interactionFormValues,
} from './interaction-form';
import {
  createInteraction,
  createInteractionTasks,
  deleteInteraction,
  type InteractionDraft,
  type InteractionRecord,
  interactionQuery,
  updateInteraction,
} from './interactions.api';
import { Markdown } from './Markdown';

/** What the drawer shows: a new interaction (perhaps from a dropped file) or an existing one. */
export type InteractionDrawerTarget = { draft?: InteractionDraft } | { id: string } | null;

function useParticipantOptions(partnerId: string) {
  const members = useMembers();
  const contacts = useQuery({
    queryKey: ['contacts', { partnerId }, 'all'],
    queryFn: ({ signal }) => listContacts({ partnerId }, undefined, signal),
  });
  return {
    members: (members.data ?? []).map((m) => ({ value: m.id, label: m.name })),
    contacts: (contacts.data?.items ?? []).map((c) => ({
      value: c.id,
      label: c.email ? `${contactName(c)} (${c.email})` : contactName(c),
    })),
  };
}

/** The first server error on a list field (`contactIds.1`) shown on the picker itself. */
function listError(errors: Record<string, unknown>, field: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? String(errors[key]) : undefined;
}

function InteractionForm({
  partnerId,
  initial,
  record,
  draft,
  onDone,
}: {
  partnerId: string;
  initial: InteractionFormValues;
  record?: InteractionRecord;
  draft?: InteractionDraft;
  onDone: () => void;
}) {
  const session = useSession();
  const me = useMyMemberId();
  const queryClient = useQueryClient();
  const options = useParticipantOptions(partnerId);
  const [problem, setProblem] = useState<string | null>(null);
  const editable = record ? can(session, 'interaction.update') : can(session, 'interaction.create');
  const form = useForm<InteractionFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: (values) =>
      schemaErrors(InteractionCreate, { partnerId, ...interactionBody(values) }),
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['timeline'] });
    await queryClient.invalidateQueries({ queryKey: ['interaction'] });
    await queryClient.invalidateQueries({ queryKey: ['partner-history', partnerId] });
    // The partner's last and next touch follow its interactions.
    await queryClient.invalidateQueries({ queryKey: ['partner', partnerId] });
    await queryClient.invalidateQueries({ queryKey: ['cooling'] });
  };
  const save = useMutation({
    mutationFn: (values: InteractionFormValues) =>
      record
        ? updateInteraction(record.interaction.id, record.etag, interactionBody(values))
        : createInteraction({ partnerId, ...interactionBody(values) }),
    onSuccess: async () => {
      await refresh();
      notifications.show({
        color: 'teal',
        message: record ? 'Interaction saved.' : 'Interaction logged.',
      });
      onDone();
    },
    onError: (error) => setProblem(applyProblem(form, error)),
  });
  const remove = useMutation({
    mutationFn: () => deleteInteraction(record?.interaction.id ?? '', record?.etag ?? ''),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'teal', message: 'Interaction deleted.' });
      onDone();
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });
  const makeTasks = useMutation({
    // The one who turns next steps into tasks takes them on, as My work expects.
    mutationFn: () => createInteractionTasks(record?.interaction.id ?? '', me),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      notifications.show({
        color: 'teal',
        message: `${created.items.length} ${created.items.length === 1 ? 'task' : 'tasks'} made of the next steps.`,
      });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: 'Delete this interaction?',
      children: <Text size="sm">It leaves the timeline. The history keeps a copy.</Text>,
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(),
    });

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="md">
        {draft ? (
          <Alert color="blue" title="Read from the file: check it, then save">
            Nothing is saved until you confirm.
            {draft.unmatched.length > 0
              ? ` Addresses that are neither a member nor a contact of this partner: ${draft.unmatched.join(', ')}.`
              : null}
          </Alert>
        ) : null}
        <ErrorAlert error={problem} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Kind"
            data={interactionKinds.map((k) => ({ value: k, label: humanize(k) }))}
            allowDeselect={false}
            disabled={!editable}
            {...form.getInputProps('kind')}
          />
          <NumberInput
            label="Duration (minutes)"
            min={0}
            max={10_080}
            allowDecimal={false}
            disabled={!editable}
            {...form.getInputProps('durationMinutes')}
            value={form.values.durationMinutes}
            onChange={(value) => form.setFieldValue('durationMinutes', String(value ?? ''))}
          />
          <TextInput
            type="datetime-local"
            label="When"
            required
            disabled={!editable}
            {...form.getInputProps('when')}
            error={form.errors.when ?? form.errors.occurredAt}
          />
          <Select
            label="Time zone"
            description="The time above is in this zone"
            data={timeZoneOptions}
            searchable
            allowDeselect={false}
            disabled={!editable}
            {...form.getInputProps('timeZone')}
          />
        </SimpleGrid>
        <MultiSelect
          label="People of the workspace"
          data={options.members}
          searchable
          disabled={!editable}
          {...form.getInputProps('memberIds')}
          error={listError(form.errors, 'memberIds')}
        />
        <MultiSelect
          label="People at the partner"
          data={options.contacts}
          searchable
          nothingFoundMessage="No contact of this partner matches"
          disabled={!editable}
          {...form.getInputProps('contactIds')}
          error={listError(form.errors, 'contactIds')}
        />
        <Tabs defaultValue={editable ? 'write' : 'preview'}>
          <Tabs.List aria-label="Summary">
            {editable ? <Tabs.Tab value="write">Summary</Tabs.Tab> : null}
            <Tabs.Tab value="preview">Preview</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="xs">
            <Textarea
              aria-label="Summary (Markdown)"
              description="Markdown: **bold**, lists, links. HTML tags are left out."
              autosize
              minRows={5}
              maxRows={16}
              {...form.getInputProps('summary')}
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs">
            {form.values.summary.trim() === '' ? (
              <Text c="dimmed" size="sm">
                No summary.
              </Text>
            ) : (
              <Markdown>{form.values.summary}</Markdown>
            )}
          </Tabs.Panel>
        </Tabs>
        <Textarea
          label="Outcome"
          autosize
          minRows={2}
          disabled={!editable}
          {...form.getInputProps('outcome')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Sentiment"
            placeholder="Not set"
            data={sentiments.map((s) => ({ value: s, label: humanize(s) }))}
            clearable
            disabled={!editable}
            {...form.getInputProps('sentiment')}
            value={form.values.sentiment || null}
            onChange={(value) => form.setFieldValue('sentiment', value ?? '')}
          />
          <Select
            label="Visibility"
            description="Internal stays in the workspace; Partner may be shared with them"
            data={visibilities.map((v) => ({ value: v, label: humanize(v) }))}
            allowDeselect={false}
            disabled={!editable}
            {...form.getInputProps('visibility')}
          />
        </SimpleGrid>
        <Textarea
          label="Next steps"
          description="One per line"
          autosize
          minRows={2}
          disabled={!editable}
          {...form.getInputProps('nextSteps')}
          error={listError(form.errors, 'nextSteps')}
        />
        {record && record.interaction.nextSteps.length > 0 && can(session, 'task.create') ? (
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() => makeTasks.mutate()}
              loading={makeTasks.isPending}
            >
              Make tasks of the next steps
            </Button>
          </Group>
        ) : null}
        <Group justify="space-between">
          {record && can(session, 'interaction.delete') ? (
            <Button variant="subtle" color="red" onClick={confirmDelete} loading={remove.isPending}>
              Delete
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onDone}>
              {editable ? 'Cancel' : 'Close'}
            </Button>
            {editable ? (
              <Button type="submit" loading={save.isPending}>
                {record ? 'Save' : 'Log interaction'}
              </Button>
            ) : null}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

export function ExistingInteraction({
  id,
  partnerId,
  onDone,
}: {
  id: string;
  partnerId: string;
  onDone: () => void;
}) {
  const record = useQuery(interactionQuery(id));
  if (record.isPending) return <Loader size="sm" aria-label="Loading interaction" />;
  if (record.isError) return <ErrorAlert error={record.error} />;
  return (
    <InteractionForm
      key={record.data.etag}
      partnerId={partnerId}
      record={record.data}
      initial={interactionFormValues(record.data.interaction)}
      onDone={onDone}
    />
  );
}

/** Logs, confirms (from a dropped file), reads and edits an interaction, beside the timeline. */
export function InteractionDrawer({
  partnerId,
  target,
  onClose,
}: {
  partnerId: string;
  target: InteractionDrawerTarget;
  onClose: () => void;
}) {
  const draft = target && 'draft' in target ? target.draft : undefined;
  const title =
    target && 'id' in target ? 'Interaction' : draft ? 'Confirm interaction' : 'Log interaction';
  return (
    <Drawer opened={target !== null} onClose={onClose} title={title} position="right" size="lg">
      {target === null ? null : 'id' in target ? (
        <ExistingInteraction id={target.id} partnerId={partnerId} onDone={onClose} />
      ) : (
        <InteractionForm
          partnerId={partnerId}
          initial={interactionFormValues(draft)}
          draft={draft}
          onDone={onClose}
        />
      )}
    </Drawer>
  );
}
