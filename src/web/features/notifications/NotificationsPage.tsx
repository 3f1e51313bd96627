import {
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../partners/partner-labels';
import { NotificationPreferencesSection } from './NotificationPreferencesSection';
import {
  describeNotification,
  kindLabels,
  markAllRead,
  markRead,
  type Notification,
  notificationPage,
  notificationsKey,
} from './notifications.api';

/** The signed-in member's notifications, newest first, and which of them they get by email. */
export function NotificationsPage() {
  const [show, setShow] = useState<'unread' | 'all'>('unread');
  const queryClient = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: [...notificationsKey, 'list', show],
    queryFn: ({ pageParam, signal }) => notificationPage(show === 'unread', pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKey });
  const readOne = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: refresh });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <PageTitle title="Notifications" />
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          aria-label="Which notifications"
          value={show}
          onChange={(value) => setShow(value as 'unread' | 'all')}
          data={[
            { value: 'unread', label: 'Unread' },
            { value: 'all', label: 'All' },
          ]}
        />
        <Button
          variant="default"
          onClick={() => readAll.mutate()}
          loading={readAll.isPending}
          disabled={show === 'unread' && items.length === 0}
        >
          Mark all read
        </Button>
      </Group>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {readOne.isError ? <ErrorAlert error={readOne.error} /> : null}
      {readAll.isError ? <ErrorAlert error={readAll.error} /> : null}
      {list.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading notifications" />
        </Center>
      ) : items.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            {show === 'unread'
              ? 'Nothing unread. When someone assigns you work or mentions you, it shows up here.'
              : 'No notifications yet. When someone assigns you work or mentions you, it shows up here.'}
          </Text>
        </Card>
      ) : (
        <Stack component="ul" gap="xs" aria-label="Notifications, newest first" p={0} m={0}>
          {items.map((n) => (
            <NotificationItem
              key={n.id}
              notification={n}
              onRead={() => readOne.mutate(n.id)}
              reading={readOne.isPending && readOne.variables === n.id}
            />
          ))}
        </Stack>
      )}
      {list.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          Show older notifications
        </Button>
      ) : null}
      <Title order={2} size="h3" id="email-preferences">
        Email
      </Title>
      <NotificationPreferencesSection />
    </Stack>
  );
}

function NotificationItem({
  notification: n,
  onRead,
  reading,
}: {
  notification: Notification;
  onRead: () => void;
  reading: boolean;
}) {
  const unread = n.readAt === null;
  return (
    <Card component="li" withBorder p="sm" style={{ listStyle: 'none' }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            {unread ? (
              <Badge color="blue" variant="light" size="sm">
                Unread
              </Badge>
            ) : null}
            <Badge color="gray" variant="outline" size="sm">
              {kindLabels[n.kind]}
            </Badge>
            <Text size="xs" c="dimmed">
              {formatDateTime(n.createdAt)}
            </Text>
          </Group>
          <PathLink
            path={n.link}
            fw={unread ? 600 : 400}
            style={{ overflowWrap: 'anywhere' }}
            onClick={() => {
              if (unread) onRead();
            }}
          >
            {describeNotification(n)}
          </PathLink>
        </Stack>
        {unread ? (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={onRead}
            loading={reading}
            aria-label={`Mark read: ${describeNotification(n)}`}
          >
            Mark read
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}
