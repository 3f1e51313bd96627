import { Button, Card, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { issueSeverities, ResponseDays } from '../../../domain/issues';
import { ApiError, api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StaleRecordAlert } from '../../components/StaleRecordAlert';
import { applyProblem, schemaErrors } from '../../lib/forms';
import { humanize } from '../partners/partner-labels';
import { type Workspace, workspaceQuery } from '../settings/settings.api';

type Days = Workspace['issueResponseDays'];

function TargetsForm({ days, etag, onStale }: { days: Days; etag: string; onStale: () => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<ReactNode>(null);
  const form = useForm<Days>({
    mode: 'controlled',
    initialValues: days,
    validate: (values) => schemaErrors(ResponseDays, values),
  });
  const save = useMutation({
    mutationFn: async (values: Days) =>
      unwrap(
        await api.PATCH('/api/v1/workspace', {
          params: { header: { 'if-match': etag } },
          body: { issueResponseDays: values },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Response targets saved.' });
      await queryClient.invalidateQueries({ queryKey: workspaceQuery.queryKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) {
        setFailure(<StaleRecordAlert what="workspace" onReload={onStale} />);
        return;
      }
      setFailure(applyProblem(form, error));
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        save.mutate(values);
      })}
    >
      <Stack gap="md" maw={560}>
        <div>
          <Text component="h2" fw={600} size="lg">
            Issue response targets
          </Text>
          <Text size="sm" c="dimmed">
            Days to respond to an issue by its severity. A new issue is due that many days after it
            is raised, unless someone sets a date.
          </Text>
        </div>
        {typeof failure === 'string' ? <ErrorAlert error={failure} title="Not saved" /> : failure}
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {issueSeverities.map((severity) => (
            <NumberInput
              key={severity}
              label={`${humanize(severity)} (days)`}
              min={1}
              max={365}
              allowDecimal={false}
              {...form.getInputProps(severity)}
            />
          ))}
        </SimpleGrid>
        <div>
          <Button type="submit" loading={save.isPending}>
            Save response targets
          </Button>
        </div>
      </Stack>
    </form>
  );
}

/** The workspace's issue response targets, for admins, beside the other workspace settings. */
export function ResponseTargetsPanel() {
  const workspace = useQuery(workspaceQuery);
  if (workspace.isError) return <ErrorAlert error={workspace.error} />;
  if (!workspace.data) return null;
  return (
    <Card withBorder p="lg">
      <TargetsForm
        key={workspace.data.etag}
        days={workspace.data.workspace.issueResponseDays}
        etag={workspace.data.etag}
        onStale={() => void workspace.refetch()}
      />
    </Card>
  );
}
