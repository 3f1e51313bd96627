import { queryOptions } from '@tanstack/react-query';
import { api, etagOf, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Notification = components['schemas']['Notification'];
export type NotificationPreferences = components['schemas']['NotificationPreferences'];
export type EmailSwitches = NotificationPreferences['email'];

const PAGE_SIZE = 30;

/** Every query of this feature starts with this key, so one invalidation refreshes them all. */
export const notificationsKey = ['notifications'] as const;

export const unreadCountQuery = queryOptions({
  queryKey: [...notificationsKey, 'unread-count'],
  queryFn: async ({ signal }) =>
    unwrap(await api.GET('/api/v1/notifications/unread-count', { signal })).unread,
  // The bell stays roughly current without a push channel.
  refetchInterval: 60_000,
  refetchOnWindowFocus: true,
});

export async function notificationPage(
  unreadOnly: boolean,
  cursor: string | undefined,
  signal?: AbortSignal,
) {
  return unwrap(
    await api.GET('/api/v1/notifications', {
      params: { query: { limit: PAGE_SIZE, cursor, ...(unreadOnly ? { unread: 'true' } : {}) } },
      signal,
    }),
  );
}

export async function markRead(id: string) {
  return unwrap(await api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
}

export async function markAllRead() {
  return unwrap(await api.POST('/api/v1/notifications/read-all'));
}

export const preferencesQuery = queryOptions({
  queryKey: [...notificationsKey, 'preferences'],
  queryFn: async ({ signal }) => {
    const result = await api.GET('/api/v1/notifications/preferences', { signal });
    const preferences = unwrap(result);
    return { preferences, etag: etagOf(result.response) || `"${preferences.version}"` };
  },
});

export async function updatePreferences(etag: string, email: Partial<EmailSwitches>) {
  return unwrap(
    await api.PATCH('/api/v1/notifications/preferences', {
      params: { header: { 'if-match': etag } },
      body: { email },
    }),
  );
}

export const kindLabels: Record<Notification['kind'], string> = {
  assignment: 'Assigned to you',
  mention: 'Mentioned you',
  overdue: 'Overdue',
  obligation_overdue: 'Obligation overdue',
  renewal: 'Renewal',
};

/** The line a notification reads as: who did what, about which record. */
export function describeNotification(n: Notification): string {
  const who = n.actorName ?? 'Someone';
  if (n.kind === 'assignment') return `${who} assigned you ${n.title}`;
  if (n.kind === 'mention') return `${who} mentioned you in ${n.title}`;
  if (n.kind === 'renewal') return n.title;
  return `${n.title} is overdue`;
}
