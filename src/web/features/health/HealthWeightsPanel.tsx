import { Button, Card, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { HealthWeights, healthComponents } from '../../../domain/health-score';
import { ApiError, api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StaleRecordAlert } from '../../components/StaleRecordAlert';
import { applyProblem, schemaErrors } from '../../lib/forms';
import { type Workspace, workspaceQuery } from '../settings/settings.api';
import { componentLabels } from './health-labels';

type Weights = Workspace['healthWeights'];

function WeightsForm({
  weights,
  etag,
  onStale,
}: {
  weights: Weights;
  etag: string;
  onStale: () => void;
}) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<ReactNode>(null);
  const form = useForm<Weights>({
    mode: 'controlled',
    initialValues: weights,
    validate: (values) => schemaErrors(HealthWeights, values),
  });
  const save = useMutation({
    mutationFn: async (values: Weights) =>
      unwrap(
        await api.PATCH('/api/v1/workspace', {
          params: { header: { 'if-match': etag } },
          body: { healthWeights: values },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Health score weights saved.' });
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
            Health score weights
          </Text>
          <Text size="sm" c="dimmed">
            How much each component counts towards a partner's health score, 0 to 100. Only the
            proportions matter; the next daily snapshot and every partner page use them.
          </Text>
        </div>
        {typeof failure === 'string' ? <ErrorAlert error={failure} title="Not saved" /> : failure}
        {form.errors[''] ? <ErrorAlert error={String(form.errors[''])} title="Not saved" /> : null}
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          {healthComponents.map((key) => (
            <NumberInput
              key={key}
              label={componentLabels[key]}
              min={0}
              max={100}
              allowDecimal={false}
              {...form.getInputProps(key)}
            />
          ))}
        </SimpleGrid>
        <div>
          <Button type="submit" loading={save.isPending}>
            Save weights
          </Button>
        </div>
      </Stack>
    </form>
  );
}

/** The workspace's health score weights, for admins, beside the other workspace settings. */
export function HealthWeightsPanel() {
  const workspace = useQuery(workspaceQuery);
  if (workspace.isError) return <ErrorAlert error={workspace.error} />;
  if (!workspace.data) return null;
  return (
    <Card withBorder p="lg">
      <WeightsForm
        key={workspace.data.etag}
        weights={workspace.data.workspace.healthWeights}
        etag={workspace.data.etag}
        onStale={() => void workspace.refetch()}
      />
    </Card>
  );
}
