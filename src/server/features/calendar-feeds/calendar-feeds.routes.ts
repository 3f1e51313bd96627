import { z } from 'zod';
import {
  calendarFeedParams,
  calendarFeedStatus,
  createdCalendarFeed,
} from '../../../domain/calendar-feeds';
import { scopeOf } from '../../http/permissions';
import { perClient } from '../../http/rate-limit';
import type { ZodApp } from '../index';
import { renderCalendarFeed } from './calendar-feeds.render';
import {
  createCalendarFeed,
  getCalendarFeedStatus,
  revokeCalendarFeed,
} from './calendar-feeds.service';

const tags = ['calendar'];

export async function calendarFeedRoutes(app: ZodApp) {
  app.get(
    '/me/calendar-feed',
    {
      config: { access: 'calendar_feed.manage' },
      schema: {
        operationId: 'getCalendarFeed',
        summary: 'Whether you have a calendar feed',
        description:
          'Your secret calendar URL exists or not, and since when; the URL itself is shown only when it is made. A signed-in member only: an API key has no calendar.',
        tags,
        response: { 200: calendarFeedStatus },
      },
    },
    async (request) => getCalendarFeedStatus(request.ctx, scopeOf(request)),
  );

  app.post(
    '/me/calendar-feed',
    {
      config: { access: 'calendar_feed.manage' },
      schema: {
        operationId: 'createCalendarFeed',
        summary: 'Make your calendar feed URL',
        description:
          'Makes a secret URL with your meetings, calls, events, task due dates, agreement deadlines and obligations for a calendar app, replacing the one you had (which stops working at once). The URL is in this answer only.',
        tags,
        response: { 201: createdCalendarFeed },
      },
    },
    async (request, reply) => {
      const created = await createCalendarFeed(request.ctx, scopeOf(request));
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/me/calendar-feed',
    {
      config: { access: 'calendar_feed.manage' },
      schema: {
        operationId: 'revokeCalendarFeed',
        summary: 'Revoke your calendar feed',
        description: 'The URL answers 404 from then on.',
        tags,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeCalendarFeed(request.ctx, scopeOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/calendar/:token',
    {
      config: { access: 'public', rateLimits: [perClient('calendar-feed')] },
      schema: {
        operationId: 'getCalendarFeedContent',
        summary: 'A calendar feed (iCalendar)',
        description:
          'The RFC 5545 calendar a member subscribed their calendar app to: their meetings, calls and events from 90 days ago to a year ahead, their open tasks on their due day, the notice deadlines and end dates of the agreements in force they own (with the renewal reminder lead times as alarms), and the due days of the open obligations they answer for, 2 000 entries at most. The secret URL is the credential; the member’s access is checked again on every fetch.',
        tags,
        params: calendarFeedParams,
        response: {
          200: {
            description: 'The calendar',
            content: { 'text/calendar': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const text = await renderCalendarFeed(request.ctx, request.params.token);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(text);
    },
  );
}
