import { z } from 'zod';
import {
  MarkedRead,
  Notification,
  NotificationListQuery,
  NotificationPage,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  OutboxPage,
  UnreadCount,
} from '../../../domain/notifications';
import { cursorParam, idParams, limitParam } from '../../../domain/pagination';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { listMyNotifications, listOutbox } from './notifications.list';
import {
  getPreferences,
  markAllNotificationsRead,
  markNotificationRead,
  unreadCount,
  updatePreferences,
} from './notifications.service';

const tags = ['notifications'];
const mine =
  'Only the signed-in member’s own notifications: another member’s are not found (404), and an API key, which is no member, is refused (403).';

export async function notificationRoutes(app: ZodApp) {
  app.get(
    '/notifications',
    {
      config: { access: 'notification.read' },
      schema: {
        operationId: 'listMyNotifications',
        description: `The caller’s notifications, newest first, in keyset pages; \`unread=true\` for unread only. ${mine}`,
        tags,
        summary: 'List my notifications',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage },
      },
    },
    async (request) => listMyNotifications(request.ctx, scopeOf(request), request.query),
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { access: 'notification.read' },
      schema: {
        operationId: 'countMyUnreadNotifications',
        description: `How many of the caller’s notifications are unread (the bell). ${mine}`,
        tags,
        summary: 'Count my unread notifications',
        response: { 200: UnreadCount },
      },
    },
    async (request) => unreadCount(request.ctx, scopeOf(request)),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { access: 'notification.update' },
      schema: {
        operationId: 'markNotificationRead',
        description: `Marks one notification read (again is harmless). ${mine}`,
        tags,
        summary: 'Mark a notification read',
        params: idParams,
        response: { 200: Notification },
      },
    },
    async (request) => markNotificationRead(request.ctx, scopeOf(request), request.params.id),
  );

  app.post(
    '/notifications/read-all',
    {
      config: { access: 'notification.update' },
      schema: {
        operationId: 'markAllNotificationsRead',
        description: `Marks every unread notification of the caller read; answers how many. ${mine}`,
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: MarkedRead },
      },
    },
    async (request) => markAllNotificationsRead(request.ctx, scopeOf(request)),
  );

  app.get(
    '/notifications/preferences',
    {
      config: { access: 'notification.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getMyNotificationPreferences',
        description: `Which kinds the caller gets by email (in-app notifications are always on), with the ETag for a change. ${mine}`,
        tags,
        summary: 'Get my notification preferences',
        response: { 200: NotificationPreferences },
      },
    },
    async (request, reply) => {
      const preferences = await getPreferences(request.ctx, scopeOf(request));
      reply.header('etag', etagOf(preferences.version));
      return preferences;
    },
  );

  app.patch(
    '/notifications/preferences',
    {
      bodyLimit: 4 * 1024,
      config: { access: 'notification.update', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateMyNotificationPreferences',
        description: `Switches email per kind (only the switches sent change). Send the ETag you read in If-Match: 428 without it, 412 when stale. ${mine}`,
        tags,
        summary: 'Change my notification preferences (If-Match required)',
        headers: ifMatchHeaders,
        body: NotificationPreferencesUpdate,
        response: { 200: NotificationPreferences },
      },
    },
    async (request, reply) => {
      const preferences = await updatePreferences(
        request.ctx,
        scopeOf(request),
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(preferences.version));
      return preferences;
    },
  );

  app.get(
    '/outbox',
    {
      config: { access: 'outbox.read' },
      schema: {
        operationId: 'listOutbox',
        description:
          'Mail Tandem kept instead of sending because SMTP_URL is not set, newest first, in keyset pages. Nothing is dropped: set SMTP_URL to send future mail.',
        tags,
        summary: 'List mail kept in the outbox (admins)',
        querystring: z.object({ limit: limitParam, cursor: cursorParam }).strict(),
        response: { 200: OutboxPage },
      },
    },
    async (request) => listOutbox(request.ctx, scopeOf(request), request.query),
  );
}
