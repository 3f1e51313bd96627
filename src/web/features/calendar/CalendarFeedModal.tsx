import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ShownOnce } from '../../components/ShownOnce';
import { formatDateTime } from '../partners/partner-labels';

const feedKey = ['calendar-feed'];

/**
 * The account menu's calendar feed: a secret URL a calendar app subscribes to, with the
 * person's meetings, calls, events, due dates and agreement deadlines. Shown once when made; a
 * new one replaces it.
 */
export function CalendarFeedModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [madeUrl, setMadeUrl] = useState<string | null>(null);
  const status = useQuery({
    queryKey: feedKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/calendar-feed')),
    enabled: opened,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: feedKey });
  const make = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/me/calendar-feed')),
    onSuccess: (created) => {
      setMadeUrl(created.url);
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/me/calendar-feed')),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Your calendar feed was revoked.' });
      void refresh();
    },
  });
  const close = () => {
    setMadeUrl(null);
    make.reset();
    revoke.reset();
    onClose();
  };
  const active = status.data?.active ?? false;

  return (
    <Modal opened={opened} onClose={close} title="Calendar feed">
      <Stack>
        <Text size="sm">
          Subscribe to your meetings, calls and events, your tasks’ and obligations’ due days and
          the notice deadlines and end dates of your agreements from your calendar app (Outlook,
          Google Calendar, Apple Calendar) with a secret URL. Anyone who has the URL can read them,
          so keep it to yourself; you can revoke it at any time.
        </Text>
        <ErrorAlert error={status.error ?? make.error ?? revoke.error} title="Not done" />
        {madeUrl ? (
          <ShownOnce
            title="Your calendar URL"
            value={madeUrl}
            note="Copy it into your calendar app's “subscribe by URL”. It is shown this once."
            onDone={close}
          />
        ) : (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {status.isPending
                ? 'Looking for your feed…'
                : active && status.data?.createdAt
                  ? `You have a calendar URL, made ${formatDateTime(status.data.createdAt)}. A new one stops the old one.`
                  : 'You have no calendar URL.'}
            </Text>
            <Group justify="flex-end">
              {active && (
                <Button
                  variant="default"
                  color="red"
                  loading={revoke.isPending}
                  onClick={() => revoke.mutate()}
                >
                  Revoke
                </Button>
              )}
              <Button loading={make.isPending} onClick={() => make.mutate()} data-autofocus>
                {active ? 'Make a new URL' : 'Make a calendar URL'}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
