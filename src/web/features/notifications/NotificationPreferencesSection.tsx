import { Card, Center, Loader, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StaleRecordAlert } from '../../components/StaleRecordAlert';
import { type EmailSwitches, preferencesQuery, updatePreferences } from './notifications.api';

const switches: Array<{ key: keyof EmailSwitches; label: string; description: string }> = [
  {
    key: 'assignment',
    label: 'Work assigned to me',
    description: 'A mail when someone gives you a task or an issue.',
  },
  { key: 'mention', label: 'Mentions', description: 'A mail when someone @mentions you.' },
  { key: 'overdue', label: 'Overdue work', description: 'A mail when your work is past due.' },
  {
    key: 'obligationOverdue',
    label: 'Overdue obligations',
    description:
      'A mail when an agreement obligation you own, or one of your agreements, is past due.',
  },
  {
    key: 'renewal',
    label: 'Renewal reminders',
    description: 'A mail before the notice deadline and the end of the agreements you own.',
  },
  {
    key: 'digest',
    label: 'Daily digest',
    description: 'One mail a day listing your unread notifications.',
  },
];

/** The member's email switches; each saves as it is flipped. In-app notifications are always on. */
export function NotificationPreferencesSection() {
  const queryClient = useQueryClient();
  const current = useQuery(preferencesQuery);
  const [failure, setFailure] = useState<ReactNode>(null);
  const save = useMutation({
    mutationFn: (change: Partial<EmailSwitches>) =>
      updatePreferences(current.data?.etag ?? '"0"', change),
    onSuccess: async () => {
      setFailure(null);
      notifications.show({ color: 'teal', message: 'Email preferences saved.' });
      await queryClient.invalidateQueries({ queryKey: preferencesQuery.queryKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412)
        setFailure(
          <StaleRecordAlert
            what="preferences"
            onReload={() => queryClient.invalidateQueries({ queryKey: preferencesQuery.queryKey })}
          />,
        );
      else setFailure(<ErrorAlert error={error} />);
    },
  });

  if (current.isPending)
    return (
      <Center p="md">
        <Loader size="sm" aria-label="Loading email preferences" />
      </Center>
    );
  if (current.isError) return <ErrorAlert error={current.error} />;
  const email = current.data.preferences.email;
  return (
    <Card withBorder p="md">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Notifications always show here and on the bell. Choose which of them Tandem also sends you
          by email.
        </Text>
        {failure}
        {switches.map((s) => (
          <Switch
            key={s.key}
            label={s.label}
            description={s.description}
            checked={email[s.key]}
            disabled={save.isPending}
            onChange={(event) => save.mutate({ [s.key]: event.currentTarget.checked })}
          />
        ))}
      </Stack>
    </Card>
  );
}
