import { Button, Card, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiError, api, etagOf, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StaleRecordAlert } from '../../components/StaleRecordAlert';
import { applyProblem } from '../../lib/forms';
import { sessionQuery } from '../auth/session';
import { type Workspace, workspaceQuery } from './settings.api';

type WorkspaceChange =
  paths['/api/v1/workspace']['patch']['requestBody']['content']['application/json'];

/** What a section needs to edit its part of the workspace. */
export type WorkspaceSettingProps = { workspace: Workspace; etag: string; onStale: () => void };

/**
 * One section of Settings › Workspace in its card, with the workspace as read. The section starts
 * afresh when its own part of the workspace changes; a save in another section only hands it the
 * newer ETag, so what is typed here is kept and its save is not refused as stale.
 */
export function WorkspaceSettingCard({
  part,
  children,
}: {
  /** The settings this section shows. */
  part: (workspace: Workspace) => unknown;
  children: (props: WorkspaceSettingProps) => ReactNode;
}) {
  const workspace = useQuery(workspaceQuery);
  if (workspace.isError) return <ErrorAlert error={workspace.error} />;
  if (!workspace.data) return null;
  const { workspace: current, etag } = workspace.data;
  return (
    <Card withBorder p="lg" key={JSON.stringify(part(current))}>
      {children({ workspace: current, etag, onStale: () => void workspace.refetch() })}
    </Card>
  );
}

/**
 * A section's form: saves its part of the workspace with the ETag it read (412 offers to
 * reload), puts the server's field errors on the form and says when it is saved.
 */
export function WorkspaceSettingForm<V extends Record<string, unknown>>({
  form,
  etag,
  onStale,
  change,
  saved,
  title,
  description,
  submitLabel,
  maw = 560,
  children,
}: {
  form: UseFormReturnType<V>;
  etag: string;
  onStale: () => void;
  /** The PATCH body for the form's values. */
  change: (values: V) => WorkspaceChange;
  saved: string;
  title?: string;
  description?: string;
  submitLabel: string;
  maw?: number;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<ReactNode>(null);
  const save = useMutation({
    mutationFn: async (values: V) => {
      const result = await api.PATCH('/api/v1/workspace', {
        params: { header: { 'if-match': etag } },
        body: change(values),
      });
      return { workspace: unwrap(result), etag: etagOf(result.response) };
    },
    onSuccess: async (updated) => {
      // Every section has the new ETag before anyone can press another Save.
      queryClient.setQueryData(workspaceQuery.queryKey, updated);
      notifications.show({ color: 'teal', message: saved });
      // The session carries the workspace's name.
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
      <Stack gap="md" maw={maw}>
        {title ? (
          <div>
            <Text component="h2" fw={600} size="lg">
              {title}
            </Text>
            {description ? (
              <Text size="sm" c="dimmed">
                {description}
              </Text>
            ) : null}
          </div>
        ) : null}
        {typeof failure === 'string' ? <ErrorAlert error={failure} title="Not saved" /> : failure}
        {/* A rule across fields (such as "one weight above 0") has no field of its own. */}
        {form.errors[''] ? <ErrorAlert error={String(form.errors[''])} title="Not saved" /> : null}
        {children}
        <div>
          <Button type="submit" loading={save.isPending}>
            {submitLabel}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
