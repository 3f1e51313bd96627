import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ObligationTaskCreate, ObligationUpdate } from '../../../domain/obligations';
import { dayInWords } from '../../../domain/periods';
import { ApiError, describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { schemaErrors } from '../../lib/forms';
import { makeObligationTask, type Obligation, updateObligation } from './obligations.api';

/** One step on an obligation, each with its own small form. */
export type Step = { kind: 'done' | 'waive' | 'task'; obligation: Obligation };

type Values = { day: string; note: string };

/** The request each step sends for the form's values. */
function bodyOf(step: Step, values: Values) {
  const note = values.note.trim() || null;
  if (step.kind === 'waive') return { status: 'waived' as const, evidenceNote: note };
  if (step.obligation.rrule) return { doneThrough: values.day, evidenceNote: note };
  return { status: 'done' as const, evidenceNote: note };
}

const titles = {
  done: 'Mark done',
  waive: 'Waive',
  task: 'Make a task',
} as const;

type Props = { step: Step; onDone: () => void; onCancel: () => void };

/**
 * Marking an obligation done (a recurring one through a day, with evidence), waiving it with a
 * reason, or making a task of one occurrence. Checked with the API's schemas; the server's
 * field errors land on the day or the note.
 */
export function ObligationStepForm({ step, onDone, onCancel }: Props) {
  const { obligation } = step;
  const [failure, setFailure] = useState<string | null>(null);
  const recurring = obligation.rrule !== null;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { day: obligation.nextDueOn ?? obligation.dueOn ?? '', note: '' },
    validate: (values) => {
      if (step.kind === 'task') {
        const errors = schemaErrors(ObligationTaskCreate, { occursOn: values.day });
        return errors.occursOn ? { day: errors.occursOn } : {};
      }
      const errors = schemaErrors(ObligationUpdate, bodyOf(step, values));
      const problems: Record<string, string> = {};
      if (errors.doneThrough) problems.day = errors.doneThrough;
      if (errors.evidenceNote) problems.note = errors.evidenceNote;
      if (step.kind === 'waive' && !values.note.trim()) problems.note = 'Say why it is waived';
      return problems;
    },
  });
  const save = useMutation({
    mutationFn: async (values: Values) => {
      if (step.kind === 'task') {
        const task = await makeObligationTask(obligation, values.day);
        notifications.show({
          color: 'teal',
          message: `Task “${task.title}” made, due ${dayInWords(values.day)}.`,
        });
        return;
      }
      await updateObligation(obligation, bodyOf(step, values));
    },
    onSuccess: onDone,
    onError: (error) => {
      // The API names occursOn, doneThrough or evidenceNote; the form calls them day and note.
      if (error instanceof ApiError) {
        const fields = new Map(error.fieldErrors.map((f) => [f.field, f.message]));
        const day = fields.get('occursOn') ?? fields.get('doneThrough');
        const note = fields.get('evidenceNote');
        if (day || note) {
          form.setErrors({ ...(day ? { day } : {}), ...(note ? { note } : {}) });
          setFailure(null);
          return;
        }
      }
      setFailure(describeError(error));
    },
  });
  const name = obligation.description.split('\n')[0];
  const dayLabel = step.kind === 'task' ? 'Occurrence the task is for' : 'Done through';

  return (
    <form
      aria-label={`${titles[step.kind]}: ${name}`}
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        save.mutate(values);
      })}
    >
      <Stack gap="sm">
        <Text fw={600} component="h3" m={0}>
          {titles[step.kind]}: {name}
        </Text>
        {failure ? <ErrorAlert error={failure} title="Not saved" /> : null}
        {step.kind === 'task' || (step.kind === 'done' && recurring) ? (
          <TextInput
            label={dayLabel}
            description={
              step.kind === 'task'
                ? 'A day the obligation is due; the task is due then, for its owner'
                : 'Every occurrence up to this day is done'
            }
            type="date"
            required
            data-autofocus
            {...form.getInputProps('day')}
            w={260}
          />
        ) : null}
        {step.kind !== 'task' ? (
          <Textarea
            label={step.kind === 'waive' ? 'Why it is waived' : 'Evidence (optional)'}
            description={
              step.kind === 'waive'
                ? 'Kept with the obligation and in the audit log'
                : 'How it was met: a document, a link, who confirmed it'
            }
            autosize
            minRows={2}
            required={step.kind === 'waive'}
            data-autofocus={step.kind === 'waive' || !recurring ? true : undefined}
            {...form.getInputProps('note')}
          />
        ) : null}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {step.kind === 'done' ? 'Mark done' : step.kind === 'waive' ? 'Waive' : 'Make task'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
