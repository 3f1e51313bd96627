import { Button, Card, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { updateWorkspaceBody } from '../../../domain/workspaces';
import { ApiError, api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StaleRecordAlert } from '../../components/StaleRecordAlert';
import { applyProblem, schemaErrors } from '../../lib/forms';
import { sessionQuery } from '../auth/session';
import { type Workspace, workspaceQuery } from './settings.api';

function WorkspaceForm({
  workspace,
  etag,
  onStale,
}: {
  workspace: Workspace;
  etag: string;
  onStale: () => void;
}) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<ReactNode>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: workspace.name, tiers: workspace.tiers },
    validate: (values) => schemaErrors(updateWorkspaceBody, values),
  });
  const save = useMutation({
    mutationFn: async (values: { name: string; tiers: string[] }) =>
      unwrap(
        await api.PATCH('/api/v1/workspace', {
          params: { header: { 'if-match': etag } },
          body: { name: values.name.trim(), tiers: values.tiers },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Workspace saved.' });
      await queryClient.invalidateQueries({ queryKey: workspaceQuery.queryKey });
      await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
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
        {typeof failure === 'string' ? <ErrorAlert error={failure} title="Not saved" /> : failure}
        <TextInput label="Workspace name" required {...form.getInputProps('name')} />
        <TagsInput
          label="Partner tiers"
          description="Highest first. Press Enter after each tier."
          {...form.getInputProps('tiers')}
        />
        <div>
          <Button type="submit" loading={save.isPending}>
            Save workspace
          </Button>
        </div>
      </Stack>
    </form>
  );
}

export function WorkspacePanel() {
  const workspace = useQuery(workspaceQuery);
  if (workspace.isError) return <ErrorAlert error={workspace.error} />;
  if (!workspace.data) return null;
  return (
    <Card withBorder p="lg">
      <WorkspaceForm
        key={workspace.data.etag}
        workspace={workspace.data.workspace}
        etag={workspace.data.etag}
        onStale={() => void workspace.refetch()}
      />
    </Card>
  );
}
