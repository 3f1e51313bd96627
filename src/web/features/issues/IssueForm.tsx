import {
  Button,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { IssueCreate, issueKinds, issueSeverities } from '../../../domain/issues';
import { messages } from '../../../domain/messages';
import { ErrorAlert } from '../../components/ErrorAlert';
import { blankToNull, confirmDiscard, schemaErrors } from '../../lib/forms';
import { PartnerPicker } from '../contacts/PartnerPicker';
import { humanize } from '../partners/partner-labels';
import { teamsQuery, useMembers } from '../settings/settings.api';
import type { Issue, IssueCreateBody } from './issues.api';

export type IssueFormValues = {
  title: string;
  partnerId: string;
  kind: string;
  severity: string;
  ownerId: string;
  teamId: string;
  dueOn: string;
  description: string;
  visibility: string;
};

export function issueFormValues(issue?: Issue, partnerId?: string): IssueFormValues {
  return {
    title: issue?.title ?? '',
    partnerId: issue?.partnerId ?? partnerId ?? '',
    kind: issue?.kind ?? 'other',
    severity: issue?.severity ?? 'medium',
    ownerId: issue?.ownerId ?? '',
    teamId: issue?.teamId ?? '',
    dueOn: issue?.dueOn ?? '',
    description: issue?.description ?? '',
    visibility: issue?.visibility ?? 'internal',
  };
}

/** The body a form sends; a blank due date lets the server set it from the response target. */
export function issueBody(values: IssueFormValues): IssueCreateBody {
  return {
    title: values.title.trim(),
    partnerId: values.partnerId,
    kind: values.kind as IssueCreateBody['kind'],
    severity: values.severity as IssueCreateBody['severity'],
    ownerId: values.ownerId || null,
    teamId: values.teamId || null,
    ...(values.dueOn ? { dueOn: values.dueOn } : {}),
    description: blankToNull(values.description),
    visibility: values.visibility as IssueCreateBody['visibility'],
  };
}

function useIssueForm(initial: IssueFormValues) {
  return useForm<IssueFormValues>({
    mode: 'controlled',
    initialValues: initial,
    // The server's own schema, applied to the body the form would send.
    validate: (values) => {
      const errors = schemaErrors(IssueCreate, issueBody(values));
      if (values.partnerId === '') errors.partnerId = messages.choosePartner;
      return errors;
    },
  });
}
export type IssueFormApi = ReturnType<typeof useIssueForm>;

type Props = {
  initial: IssueFormValues;
  partnerName: string | null;
  submitLabel: string;
  pending: boolean;
  failure: ReactNode;
  /** Explains the due date field: set from the response target when left blank (new issues). */
  dueHint: string;
  onSubmit: (body: IssueCreateBody, form: IssueFormApi) => void;
  onCancel: () => void;
};

/** Create and edit form of an issue; its status changes on the issue page, not here. */
export function IssueForm(props: Props) {
  const form = useIssueForm(props.initial);
  const members = useMembers();
  const teams = useQuery(teamsQuery);
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const teamOptions = (teams.data ?? [])
    .filter((team) => !team.retiredAt || team.id === props.initial.teamId)
    .map((team) => ({ value: team.id, label: team.name }));
  return (
    <form noValidate onSubmit={form.onSubmit((values) => props.onSubmit(issueBody(values), form))}>
      <Stack gap="md" maw={720}>
        {typeof props.failure === 'string' ? (
          <ErrorAlert error={props.failure} title="Not saved" />
        ) : (
          props.failure
        )}
        <TextInput label="Title" required autoComplete="off" {...form.getInputProps('title')} />
        <PartnerPicker
          value={form.values.partnerId || null}
          selectedName={props.partnerName}
          onChange={(id) => form.setFieldValue('partnerId', id ?? '')}
          error={form.errors.partnerId}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Kind"
            data={issueKinds.map((value) => ({ value, label: humanize(value) }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <Select
            label="Severity"
            data={issueSeverities.map((value) => ({ value, label: humanize(value) }))}
            allowDeselect={false}
            {...form.getInputProps('severity')}
          />
          <Select
            label="Owner"
            placeholder="No one"
            data={memberOptions}
            searchable
            clearable
            {...form.getInputProps('ownerId')}
            value={form.values.ownerId || null}
            onChange={(value) => form.setFieldValue('ownerId', value ?? '')}
          />
          <Select
            label="Team"
            placeholder="No team"
            data={teamOptions}
            searchable
            clearable
            {...form.getInputProps('teamId')}
            value={form.values.teamId || null}
            onChange={(value) => form.setFieldValue('teamId', value ?? '')}
          />
          <TextInput
            label="Due date"
            type="date"
            description={props.dueHint}
            {...form.getInputProps('dueOn')}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          description="Markdown: **bold**, lists, links."
          autosize
          minRows={4}
          maxRows={16}
          {...form.getInputProps('description')}
        />
        <Radio.Group label="Visibility" {...form.getInputProps('visibility')}>
          <Group mt="xs">
            <Radio value="internal" label="Internal: your workspace only" />
            <Radio value="partner" label="Shared with the partner" />
          </Group>
        </Radio.Group>
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
