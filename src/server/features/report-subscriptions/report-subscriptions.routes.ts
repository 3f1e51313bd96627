import { z } from 'zod';
import { cursorParam, idParams, limitParam } from '../../../domain/pagination';
import {
  ReportRecipient,
  ReportRecipientCreate,
  ReportSubscription,
  ReportSubscriptionCreate,
  ReportSubscriptionPage,
  ReportSubscriptionUpdate,
  ReportUnsubscribe,
  ReportUnsubscribed,
  recipientParams,
} from '../../../domain/report-subscriptions';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import { perClient } from '../../http/rate-limit';
import type { ZodApp } from '../index';
import {
  addReportRecipient,
  createReportSubscription,
  deleteReportSubscription,
  getReportSubscription,
  listReportSubscriptions,
  removeReportRecipient,
  sendReportNow,
  updateReportSubscription,
} from './report-subscriptions.service';
import { unsubscribeFromReport } from './report-subscriptions.unsubscribe';

const tags = ['reports'];
const bodyLimit = 32 * 1024;
const read = { access: 'report_subscription.read' as const };
const manage = { access: 'report_subscription.manage' as const };

export async function reportSubscriptionRoutes(app: ZodApp) {
  app.get(
    '/report-subscriptions',
    {
      config: read,
      schema: {
        operationId: 'listReportSubscriptions',
        summary: 'List scheduled reports',
        description:
          "The workspace's scheduled reports, oldest first, each with its recipients and next delivery.",
        tags,
        querystring: z.object({ limit: limitParam, cursor: cursorParam }).strict(),
        response: { 200: ReportSubscriptionPage },
      },
    },
    async (request) => listReportSubscriptions(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/report-subscriptions',
    {
      bodyLimit,
      config: { ...manage, replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createReportSubscription',
        summary: 'Schedule a report',
        description:
          "Mails the portfolio report (with dashboard filters) or a plan's scorecard weekly on a weekday or monthly on a day (1 to 28), at 07:00 in the workspace time zone, with the PDF attached. Recipients are members, and for a scorecard contacts of the plan's partner. 422 names the field at fault: `invalid_schedule` (`weekday`, `dayOfMonth`), `invalid_reference` (a member or contact out of reach, a contact of another partner, a plan of another workspace), `contact_not_allowed` (contacts on the portfolio report).",
        tags,
        body: ReportSubscriptionCreate,
        response: { 201: ReportSubscription },
      },
    },
    async (request, reply) => {
      const created = await createReportSubscription(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(created.version));
      reply.header('location', `/api/v1/report-subscriptions/${created.id}`);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/report-subscriptions/:id',
    {
      config: { ...read, replyHeaders: ['etag'] },
      schema: {
        operationId: 'getReportSubscription',
        summary: 'Get a scheduled report',
        description: 'One scheduled report with its recipients, and its ETag for a later change.',
        tags,
        params: idParams,
        response: { 200: ReportSubscription },
      },
    },
    async (request, reply) => {
      const found = await getReportSubscription(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(found.version));
      return found;
    },
  );

  app.patch(
    '/report-subscriptions/:id',
    {
      bodyLimit,
      config: { ...manage, replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateReportSubscription',
        summary: 'Change, pause or resume a scheduled report (If-Match required)',
        description:
          'Changes the schedule or the filters, or pauses (`status: paused`) and resumes it; the next delivery is computed again. A new cadence takes its weekday or day from the request. Send the ETag in If-Match: 428 without it, 412 when it changed since.',
        tags,
        params: idParams,
        headers: ifMatchHeaders,
        body: ReportSubscriptionUpdate,
        response: { 200: ReportSubscription },
      },
    },
    async (request, reply) => {
      const updated = await updateReportSubscription(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(updated.version));
      return updated;
    },
  );

  app.delete(
    '/report-subscriptions/:id',
    {
      config: manage,
      schema: {
        operationId: 'deleteReportSubscription',
        summary: 'Delete a scheduled report',
        description:
          'Stops it for good, with its recipients. If-Match is optional; when sent it must be current (412).',
        tags,
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteReportSubscription(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/report-subscriptions/:id/recipients',
    {
      bodyLimit,
      config: manage,
      schema: {
        operationId: 'addReportRecipient',
        summary: 'Add a recipient to a scheduled report',
        description:
          "A member of the workspace (`memberId`) or, for a scorecard, a contact of the plan's partner (`contactId`): one of them. 422 naming the field when out of reach; 409 `recipient_exists` when they already receive it.",
        tags,
        params: idParams,
        body: ReportRecipientCreate,
        response: { 201: ReportRecipient },
      },
    },
    async (request, reply) => {
      const added = await addReportRecipient(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(added);
    },
  );

  app.delete(
    '/report-subscriptions/:id/recipients/:recipientId',
    {
      config: manage,
      schema: {
        operationId: 'removeReportRecipient',
        summary: 'Remove a recipient from a scheduled report',
        description: 'They receive it no more; the others still do.',
        tags,
        params: recipientParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeReportRecipient(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.recipientId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/report-subscriptions/:id/send-now',
    {
      config: manage,
      schema: {
        operationId: 'sendReportNow',
        summary: 'Send a scheduled report now',
        description:
          'Queues the report for its recipients at once (also while paused); the schedule stays as it is. 409 `mail_not_configured` when the server has no SMTP_URL.',
        tags,
        params: idParams,
        response: { 202: ReportSubscription },
      },
    },
    async (request, reply) => {
      const queued = await sendReportNow(request.ctx, scopeOf(request), request.params.id);
      return reply.status(202).send(queued);
    },
  );

  app.post(
    '/report-unsubscribe',
    {
      bodyLimit: 4 * 1024,
      config: { access: 'public', rateLimits: [perClient('report-unsubscribe')] },
      schema: {
        operationId: 'unsubscribeFromReport',
        summary: 'Unsubscribe from a scheduled report (the link in its mail)',
        description:
          "Takes the token of the link in a scheduled report's mail and unsubscribes that one recipient; answers the report's name only. No sign-in: the token is the credential and does nothing else. 404 `unsubscribe_link_invalid` for a token Tandem did not make (or whose recipient is gone), 410 `unsubscribe_link_used` once used.",
        tags,
        body: ReportUnsubscribe,
        response: { 200: ReportUnsubscribed },
      },
    },
    async (request, reply) => {
      const done = await unsubscribeFromReport(request.ctx, request.body.token);
      return reply.header('cache-control', 'no-store').send(done);
    },
  );
}
