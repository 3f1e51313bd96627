import {
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type AgreementType, agreementTypes } from '../../../domain/agreements';
import { AgreementTemplateCreate, agreementTypeLabels } from '../../../domain/clauses';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem, schemaErrors } from '../../lib/forms';
import { type AgreementTemplate, clausesQuery, versionTag } from './library.api';
import { moved, OrderButtons } from './OrderedList';

type Values = { name: string; agreementType: AgreementType; clauseIds: string[] };

export const typeOptions = agreementTypes.map((type) => ({
  value: type,
  label: agreementTypeLabels[type],
}));

/** Adds a template, or changes one (with its ETag): name, type, and its clauses in order. */
export function TemplateForm({
  template,
  onDone,
}: {
  template?: AgreementTemplate;
  onDone: () => void;
}) {
  const clauses = useQuery(clausesQuery);
  const [failure, setFailure] = useState<string | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: template?.name ?? '',
      agreementType: template?.agreementType ?? 'nda',
      clauseIds: template?.clauses.map((c) => c.id) ?? [],
    },
    validate: (values) => schemaErrors(AgreementTemplateCreate, values),
  });
  const save = useMutation({
    mutationFn: async (body: Values) =>
      template
        ? unwrap(
            await api.PATCH('/api/v1/agreement-templates/{id}', {
              params: { path: { id: template.id }, header: { 'if-match': versionTag(template) } },
              body,
            }),
          )
        : unwrap(await api.POST('/api/v1/agreement-templates', { body })),
    onSuccess: onDone,
    onError: (error) => setFailure(applyProblem(form, error)),
  });

  const ids = form.getValues().clauseIds;
  // Titles of the clauses: the library's, and those the template holds (archived ones too).
  const known = new Map<string, { title: string; archived: boolean }>(
    (template?.clauses ?? []).map((c) => [c.id, { title: c.title, archived: c.archived }]),
  );
  for (const c of clauses.data ?? [])
    known.set(c.id, { title: c.title, archived: c.archivedAt !== null });
  const clauseErrors = Object.entries(form.errors)
    .filter(([field]) => field.startsWith('clauseIds'))
    .map(([field, message]) => {
      const index = Number(field.split('.')[1]);
      const title = Number.isInteger(index) ? known.get(ids[index] ?? '')?.title : undefined;
      return title ? `${title}: ${String(message)}` : String(message);
    });
  const addable = (clauses.data ?? [])
    .filter((c) => c.archivedAt === null && !ids.includes(c.id))
    .map((c) => ({ value: c.id, label: `${c.title} (${c.category})` }));

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        save.mutate(values);
      })}
    >
      <Stack>
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <Select
          label="Agreement type"
          required
          allowDeselect={false}
          data={typeOptions}
          {...form.getInputProps('agreementType')}
        />
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={500} size="sm">
            Clauses, in the order the agreement shows them
          </Text>
          {ids.length === 0 ? (
            <Text size="sm" c="dimmed">
              No clauses yet: add them below.
            </Text>
          ) : (
            <ol style={{ margin: 0, paddingLeft: '1.5rem' }} aria-label="Clauses of the template">
              {ids.map((id, index) => {
                const clause = known.get(id);
                const title = clause?.title ?? 'Unknown clause';
                return (
                  <li key={id} data-item-key={id}>
                    <Paper withBorder px="sm" py={4} mb={4}>
                      <Group justify="space-between" wrap="nowrap">
                        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {title}
                          {clause?.archived ? ' (archived)' : ''}
                        </Text>
                        <OrderButtons
                          name={title}
                          itemKey={id}
                          announce={setAnnouncement}
                          index={index}
                          count={ids.length}
                          onMove={(step) =>
                            form.setFieldValue('clauseIds', moved(ids, index, step))
                          }
                          onRemove={() => form.removeListItem('clauseIds', index)}
                        />
                      </Group>
                    </Paper>
                  </li>
                );
              })}
            </ol>
          )}
          {clauseErrors.length > 0 ? <ErrorAlert error={clauseErrors.join('; ')} /> : null}
          <Group align="flex-end">
            <Select
              label="Add a clause"
              placeholder="Search the library"
              searchable
              data={addable}
              value={adding}
              onChange={setAdding}
              nothingFoundMessage="No clause matches"
              style={{ flex: 1 }}
            />
            <Button
              variant="light"
              disabled={!adding}
              onClick={() => {
                if (adding) form.insertListItem('clauseIds', adding);
                setAdding(null);
              }}
            >
              Add to template
            </Button>
          </Group>
        </Stack>
        <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
        {failure ? <ErrorAlert error={failure} /> : null}
        <Button type="submit" loading={save.isPending}>
          {template ? 'Save template' : 'Add template'}
        </Button>
      </Stack>
    </form>
  );
}
