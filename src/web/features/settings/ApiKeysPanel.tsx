import {
  ActionIcon,
  Button,
  Card,
  Code,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
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
import { DataTable } from '../../components/list/DataTable';
import { Truncated } from '../../components/list/ListParts';
import { ShownOnce } from '../../components/ShownOnce';
import { applyProblem } from '../../lib/forms';
import { formatDate, formatDateTime, humanize } from '../partners/partner-labels';

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
      <Text component="h3" fw={600}>
        Active API keys
      </Text>
      {keys.isPending || (keys.data ?? []).length > 0 ? (
        <DataTable
          label="Active API keys"
          rows={keys.data ?? []}
          rowKey={(key) => key.id}
          columns={[
            {
              key: 'name',
              header: 'Name',
              width: 'minmax(140px, 1.2fr)',
              primary: true,
              cell: (key) => <Truncated fw={500}>{key.name}</Truncated>,
            },
            {
              key: 'prefix',
              header: 'Key starts with',
              width: 'minmax(200px, 1.6fr)',
              // The whole public part, never cut: it is how a key in a config file is recognized.
              cell: (key) => (
                <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{key.prefix}</Code>
              ),
            },
            {
              key: 'role',
              header: 'Role',
              width: 'minmax(90px, 0.7fr)',
              cell: (key) => <Truncated>{humanize(key.role)}</Truncated>,
            },
            {
              key: 'created',
              header: 'Created',
              width: 'minmax(100px, 0.8fr)',
              cell: (key) => <Truncated>{formatDate(key.createdAt)}</Truncated>,
            },
            {
              key: 'used',
              header: 'Last used',
              width: 'minmax(120px, 1fr)',
              cell: (key) => (
                <Truncated>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</Truncated>
              ),
            },
            {
              key: 'actions',
              header: 'Actions',
              width: 'minmax(50px, 0.3fr)',
              actions: true,
              cell: (key) => (
                <Tooltip label={`Revoke ${key.name}`}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Revoke ${key.name}`}
                    onClick={() =>
                      modals.openConfirmModal({
                        title: `Revoke ${key.name}?`,
                        children: <Text size="sm">Requests with this key fail from now on.</Text>,
                        labels: { confirm: 'Revoke', cancel: 'Cancel' },
                        confirmProps: { color: 'red' },
                        onConfirm: () => revoke.mutate(key.id),
                      })
                    }
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              ),
            },
          ]}
        />
      ) : (
        <Text c="dimmed" size="sm">
          No API keys yet.
        </Text>
      )}
    </Stack>
  );
}
