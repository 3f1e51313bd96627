import { Button, Card, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { type ContactCadence, cadenceDays } from '../../../domain/cadence';
import { ApiError, api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StaleRecordAlert } from '../../components/StaleRecordAlert';
import { applyProblem } from '../../lib/forms';
import { workspaceQuery } from '../settings/settings.api';
import { humanize } from './partner-labels';

/** Form values by position, as a tier's name may hold a dot that a field path would split. */
type Values = { default: number | string; tiers: Array<number | string> };

/** The schema's message for a value, or null when it is fine (blank tier days are allowed). */
function daysError(value: number | string, blankOk: boolean): string | null {
  if (value === '' && blankOk) return null;
  const parsed = cadenceDays.safeParse(value === '' ? undefined : value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Not a valid value');
}

function CadenceForm({
  setting,
  tiers,
  etag,
  onStale,
}: {
  setting: ContactCadence;
  tiers: string[];
  etag: string;
  onStale: () => void;
}) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<ReactNode>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      default: setting.default,
      tiers: tiers.map((tier) => setting.tiers[tier] ?? ''),
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      const fallback = daysError(values.default, false);
      if (fallback) errors.default = fallback;
      values.tiers.forEach((value, i) => {
        const message = daysError(value, true);
        if (message) errors[`tiers.${i}`] = message;
      });
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: async (values: Values) =>
      unwrap(
        await api.PATCH('/api/v1/workspace', {
          params: { header: { 'if-match': etag } },
          body: {
            contactCadenceDays: {
              default: Number(values.default),
              // A blank tier uses the default.
              tiers: Object.fromEntries(
                tiers.flatMap((tier, i) =>
                  values.tiers[i] === '' ? [] : [[tier, Number(values.tiers[i])]],
                ),
              ),
            },
          },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Contact cadence saved.' });
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
      <Stack gap="md" maw={640}>
        <div>
          <Text component="h2" fw={600} size="lg">
            Contact cadence
          </Text>
          <Text size="sm" c="dimmed">
            Days that may pass between interactions with a partner, by tier. A partner past its
            cadence shows as cooling. The default applies to partners without a tier and to tiers
            left blank; a partner may set its own.
          </Text>
        </div>
        {typeof failure === 'string' ? <ErrorAlert error={failure} title="Not saved" /> : failure}
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <NumberInput
            label="Default (days)"
            min={1}
            max={365}
            allowDecimal={false}
            {...form.getInputProps('default')}
          />
          {tiers.map((tier, i) => (
            <NumberInput
              key={tier}
              label={`${humanize(tier)} (days)`}
              placeholder={`Default (${form.getValues().default || '–'})`}
              min={1}
              max={365}
              allowDecimal={false}
              {...form.getInputProps(`tiers.${i}`)}
            />
          ))}
        </SimpleGrid>
        <div>
          <Button type="submit" loading={save.isPending}>
            Save contact cadence
          </Button>
        </div>
      </Stack>
    </form>
  );
}

/** The workspace's contact cadence per tier, for admins, beside the other workspace settings. */
export function CadencePanel() {
  const workspace = useQuery(workspaceQuery);
  if (workspace.isError) return <ErrorAlert error={workspace.error} />;
  if (!workspace.data) return null;
  const { workspace: ws, etag } = workspace.data;
  return (
    <Card withBorder p="lg">
      <CadenceForm
        key={etag}
        setting={ws.contactCadenceDays}
        tiers={ws.tiers}
        etag={etag}
        onStale={() => void workspace.refetch()}
      />
    </Card>
  );
}
