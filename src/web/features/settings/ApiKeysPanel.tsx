import {
  ActionIcon,
  Button,
  Card,
  Code,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconKey, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createApiKeyBody } from '../../../domain/api-keys';
import { memberRoles } from '../../../domain/roles';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem } from '../../lib/forms';
import { formatDate, formatDateTime, humanize } from '../partners/partner-labels';
import { ShownOnce } from './ShownOnce';

type Role = (typeof memberRoles)[number];

const apiKeysQuery = {
  queryKey: ['api-keys'],
  queryFn: async () =>
    unwrap(await api.GET('/api/v1/api-keys', { params: { query: { limit: 200 } } })).items,
};

export function ApiKeysPanel() {
  const queryClient = useQueryClient();
  const keys = useQuery(apiKeysQuery);
  const [failure, setFailure] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', role: 'viewer' as Role },
    validate: schemaResolver(createApiKeyBody, { sync: true }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey });
  const create = useMutation({
    mutationFn: async (body: { name: string; role: Role }) =>
      unwrap(await api.POST('/api/v1/api-keys', { body })),
    onSuccess: (created) => {
      form.reset();
      setSecret(created.key);
      return refresh();
    },
    onError: (error) => setFailure(applyProblem(form, error)),
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        message: 'API key revoked. It stopped working at once.',
      });
      return refresh();
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });

  return (
    <Stack gap="md">
      <Card withBorder>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFailure(null);
            setSecret(null);
            create.mutate({ name: values.name.trim(), role: values.role });
          })}
        >
          <Stack gap="sm">
            <Text component="h3" fw={600}>
              Create an API key
            </Text>
            <Text size="sm" c="dimmed">
              Integrations send it as <Code>Authorization: Bearer &lt;key&gt;</Code>. A key acts
              with the role you give it.
            </Text>
            <ErrorAlert error={failure} title="No key created" />
            <Group align="flex-start" wrap="wrap">
              <TextInput
                label="Name"
                description="What uses it, e.g. CRM sync"
                required
                w={{ base: '100%', sm: 280 }}
                key={form.key('name')}
                {...form.getInputProps('name')}
              />
              <Select
                label="Role"
                description="What the key may do"
                data={memberRoles.map((role) => ({ value: role, label: humanize(role) }))}
                allowDeselect={false}
                w={180}
                key={form.key('role')}
                {...form.getInputProps('role')}
              />
            </Group>
            <Group>
              <Button
                type="submit"
                loading={create.isPending}
                leftSection={<IconKey size={16} aria-hidden />}
              >
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {secret ? (
        <ShownOnce
          title="Your new API key"
          note="Copy it now: Tandem stores only a hash and cannot show it again."
          value={secret}
          onDone={() => setSecret(null)}
        />
      ) : null}
      {keys.isError ? <ErrorAlert error={keys.error} /> : null}
      <Card withBorder p={0}>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm">
            <Table.Caption>Active API keys</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Key starts with</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Created</Table.Th>
                <Table.Th scope="col">Last used</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(keys.data ?? []).length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" size="sm">
                      No API keys yet.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {(keys.data ?? []).map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>{key.name}</Table.Td>
                  <Table.Td>
                    <Code>{key.prefix}</Code>
                  </Table.Td>
                  <Table.Td>{humanize(key.role)}</Table.Td>
                  <Table.Td>{formatDate(key.createdAt)}</Table.Td>
                  <Table.Td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</Table.Td>
                  <Table.Td>
                    <Tooltip label={`Revoke ${key.name}`}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Revoke ${key.name}`}
                        onClick={() =>
                          modals.openConfirmModal({
                            title: `Revoke ${key.name}?`,
                            children: (
                              <Text size="sm">Requests with this key fail from now on.</Text>
                            ),
                            labels: { confirm: 'Revoke', cancel: 'Cancel' },
                            confirmProps: { color: 'red' },
                            onConfirm: () => revoke.mutate(key.id),
                          })
                        }
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}
