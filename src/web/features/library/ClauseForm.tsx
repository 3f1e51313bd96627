import { Button, Group, Stack, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ClauseCreate } from '../../../domain/clauses';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem, schemaErrors } from '../../lib/forms';
import type { Clause } from './library.api';
import { versionTag } from './library.api';
import { moved, OrderButtons } from './OrderedList';
import { VariableHelp } from './VariableHelp';

type Values = { title: string; category: string; text: string; fallbackPositions: string[] };
type Fallback = { key: string; text: string };
type FormValues = Omit<Values, 'fallbackPositions'> & { fallbackPositions: Fallback[] };

let nextKey = 0;
const fallback = (text: string): Fallback => ({ key: `fallback-${++nextKey}`, text });
const bodyOf = (values: FormValues): Values => ({
  ...values,
  fallbackPositions: values.fallbackPositions.map((f) => f.text),
});

/** Adds a clause, or changes one (with its ETag): text, category and ordered fallbacks. */
export function ClauseForm({ clause, onDone }: { clause?: Clause; onDone: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: {
      title: clause?.title ?? '',
      category: clause?.category ?? '',
      text: clause?.text ?? '',
      fallbackPositions: (clause?.fallbackPositions ?? []).map(fallback),
    },
    validate: (values) => schemaErrors(ClauseCreate, bodyOf(values)),
  });
  const save = useMutation({
    mutationFn: async (body: Values) =>
      clause
        ? unwrap(
            await api.PATCH('/api/v1/clauses/{id}', {
              params: { path: { id: clause.id }, header: { 'if-match': versionTag(clause) } },
              body,
            }),
          )
        : unwrap(await api.POST('/api/v1/clauses', { body })),
    onSuccess: onDone,
    onError: (error) => setFailure(applyProblem(form, error)),
  });
  const fallbacks = form.getValues().fallbackPositions;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        save.mutate(bodyOf(values));
      })}
    >
      <Stack>
        <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
        <TextInput
          label="Category"
          required
          placeholder="Confidentiality"
          {...form.getInputProps('category')}
        />
        <Textarea
          label="Text (Markdown)"
          required
          autosize
          minRows={5}
          maxRows={16}
          description="Use variables such as {{partner.name}}; the list is below."
          {...form.getInputProps('text')}
        />
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={500} size="sm">
            Fallback positions, most preferred first
          </Text>
          {fallbacks.length === 0 ? (
            <Text size="sm" c="dimmed">
              None yet.
            </Text>
          ) : null}
          {fallbacks.map((item, index) => (
            <Group key={item.key} data-item-key={item.key} align="flex-start" wrap="nowrap">
              <Textarea
                style={{ flex: 1 }}
                label={`Fallback ${index + 1}`}
                autosize
                minRows={2}
                {...form.getInputProps(`fallbackPositions.${index}.text`)}
                error={form.errors[`fallbackPositions.${index}`]}
              />
              <OrderButtons
                name={`fallback ${index + 1}`}
                itemKey={item.key}
                announce={setAnnouncement}
                index={index}
                count={fallbacks.length}
                onMove={(step) =>
                  form.setFieldValue('fallbackPositions', moved(fallbacks, index, step))
                }
                onRemove={() => form.removeListItem('fallbackPositions', index)}
              />
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => form.insertListItem('fallbackPositions', fallback(''))}
            >
              Add fallback position
            </Button>
          </Group>
        </Stack>
        <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
        <VariableHelp />
        {failure ? <ErrorAlert error={failure} /> : null}
        <Button type="submit" loading={save.isPending}>
          {clause ? 'Save clause' : 'Add clause'}
        </Button>
      </Stack>
    </form>
  );
}
