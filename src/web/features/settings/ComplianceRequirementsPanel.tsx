import {
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type AgreementType, agreementTypes } from '../../../domain/agreements';
import type { BlockableStatus } from '../../../domain/compliance';
import { api, describeError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { agreementStatusLabels, agreementTypeLabels } from '../agreements/agreement-labels';

type Requirement = components['schemas']['ComplianceRequirement'];

const typeOptions = agreementTypes.map((t) => ({ value: t, label: agreementTypeLabels[t] }));
const blockOptions = [
  { value: 'none', label: 'Nothing (a reminder)' },
  { value: 'pending_signature', label: 'Sending for signature (and coming into force)' },
  { value: 'active', label: 'Coming into force' },
];

/**
 * The workspace's compliance requirements (decision 053), for admins: what each applies to and
 * what it blocks, adding one, and archiving or restoring it.
 */
export function ComplianceRequirementsPanel() {
  const queryClient = useQueryClient();
  const [archived, setArchived] = useState(false);
  const list = useQuery({
    queryKey: ['compliance-requirements', archived],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/compliance-requirements', {
          params: { query: { archived: archived ? 'true' : 'false' } },
          signal,
        }),
      ),
  });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [blocks, setBlocks] = useState('pending_signature');
  const [metBy, setMetBy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['compliance-requirements'] });
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/compliance-requirements', {
          body: {
            title: title.trim(),
            description: description.trim(),
            appliesTo: types as AgreementType[],
            blocks: blocks === 'none' ? null : (blocks as BlockableStatus),
            satisfiedBy: metBy
              ? { type: metBy as AgreementType, statuses: ['active', 'expiring'] }
              : null,
          },
        }),
      ),
    onSuccess: async () => {
      setTitle('');
      setDescription('');
      setTypes([]);
      setMetBy(null);
      setError(null);
      await refresh();
    },
    onError: (failure) => setError(describeError(failure)),
  });
  const archive = useMutation({
    mutationFn: async (requirement: Requirement) =>
      unwrap(
        await api.PATCH('/api/v1/compliance-requirements/{id}', {
          params: {
            path: { id: requirement.id },
            header: { 'if-match': `"${requirement.version}"` },
          },
          body: { archived: requirement.archivedAt === null },
        }),
      ),
    onSuccess: refresh,
    onError: (failure) => setError(describeError(failure)),
  });

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="requirements-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600} id="requirements-title" component="h2" size="lg" m={0}>
              Compliance requirements
            </Text>
            <Switch
              label="Show archived"
              checked={archived}
              onChange={(event) => setArchived(event.currentTarget.checked)}
            />
          </Group>
          <Text size="sm" c="dimmed">
            Each agreement of the listed types gets these on its checklist. An open one stops the
            agreement reaching the status it blocks until it is met or waived.
          </Text>
          {error ? <ErrorAlert error={error} title="Not saved" /> : null}
          {list.isError ? <ErrorAlert error={describeError(list.error)} /> : null}
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Requirement</Table.Th>
                <Table.Th>Applies to</Table.Th>
                <Table.Th>Blocks</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data?.items ?? []).map((requirement) => (
                <Table.Tr key={requirement.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {requirement.title}
                    </Text>
                    {requirement.satisfiedBy ? (
                      <Text size="xs" c="dimmed">
                        Met by an active {agreementTypeLabels[requirement.satisfiedBy.type]} with
                        the partner
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {requirement.appliesTo.map((t) => (
                        <Badge key={t} variant="light">
                          {agreementTypeLabels[t]}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {requirement.blocks ? agreementStatusLabels[requirement.blocks] : 'Nothing'}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`${requirement.archivedAt ? 'Restore' : 'Archive'} ${requirement.title}`}
                      loading={archive.isPending && archive.variables?.id === requirement.id}
                      onClick={() => archive.mutate(requirement)}
                    >
                      {requirement.archivedAt ? 'Restore' : 'Archive'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="requirement-add-title">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
        >
          <Stack gap="sm">
            <Text fw={600} id="requirement-add-title" component="h2" size="lg" m={0}>
              Add a requirement
            </Text>
            <TextInput
              label="Title"
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              maxLength={200}
              required
            />
            <Textarea
              label="Description"
              description="Why, and what counts as evidence"
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              autosize
              minRows={2}
            />
            <MultiSelect
              label="Applies to agreement types"
              data={typeOptions}
              value={types}
              onChange={setTypes}
              required
            />
            <Select
              label="Blocks"
              data={blockOptions}
              value={blocks}
              onChange={(value) => setBlocks(value ?? 'none')}
              allowDeselect={false}
            />
            <Select
              label="Met by another agreement with the partner"
              description="An active or expiring agreement of this type meets it by itself"
              data={typeOptions}
              value={metBy}
              onChange={setMetBy}
              clearable
            />
            <Group>
              <Button
                type="submit"
                loading={add.isPending}
                disabled={!title.trim() || types.length === 0}
              >
                Add requirement
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
