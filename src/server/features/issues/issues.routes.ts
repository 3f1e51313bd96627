import { z } from 'zod';
import {
  Issue,
  IssueCreate,
  IssueListQuery,
  IssuePage,
  IssueTransition,
  IssueUpdate,
} from '../../../domain/issues';
import { idParams } from '../../../domain/pagination';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { listIssues } from './issues.list';
import { createIssue, deleteIssue, getIssue, transitionIssue, updateIssue } from './issues.service';

const tags = ['issues'];
/** An issue is a description of some pages at most; anything near this is not one. */
const bodyLimit = 128 * 1024;

export async function issueRoutes(app: ZodApp) {
  app.get(
    '/issues',
    {
      config: { access: 'issue.read' },
      schema: {
        operationId: 'listIssues',
        description:
          'The issues register. Filters take several values (`?status=a&status=b`) and match any; `overdue=true` keeps issues still open, investigating or escalated after their due date. Pages are keyset pages (`cursor`).',
        tags,
        summary: 'List issues (search, filters, overdue, sort, keyset pages)',
        querystring: IssueListQuery,
        response: { 200: IssuePage },
      },
    },
    async (request) => listIssues(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/issues',
    {
      bodyLimit,
      config: { access: 'issue.create', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createIssue',
        description:
          'Raises an issue with a partner, status `open`. Without `dueOn` it is due after the workspace’s response target for its severity; without `ownerId` the calling member owns it. A partner or owner out of scope is 422 naming the field. Answers with its ETag and Location.',
        tags,
        summary: 'Raise an issue with a partner',
        body: IssueCreate,
        response: { 201: Issue },
      },
    },
    async (request, reply) => {
      const issue = await createIssue(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(issue.version));
      reply.header('location', `/api/v1/issues/${issue.id}`);
      return reply.status(201).send(issue);
    },
  );

  app.get(
    '/issues/:id',
    {
      config: { access: 'issue.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getIssue',
        description: 'One issue, with its ETag for a later change.',
        tags,
        summary: 'Get an issue',
        params: idParams,
        response: { 200: Issue },
      },
    },
    async (request, reply) => {
      const issue = await getIssue(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(issue.version));
      return issue;
    },
  );

  app.patch(
    '/issues/:id',
    {
      bodyLimit,
      config: { access: 'issue.update', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateIssue',
        description:
          'Changes the fields sent (a JSON merge of the issue); the status changes only through a transition. A new severity without a `dueOn` moves the due date to that severity’s response target. Send the ETag you read in If-Match: 428 without it, 412 when the issue changed since.',
        tags,
        summary: 'Change an issue (If-Match required: 428 without, 412 when stale)',
        params: idParams,
        headers: ifMatchHeaders,
        body: IssueUpdate,
        response: { 200: Issue },
      },
    },
    async (request, reply) => {
      const issue = await updateIssue(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(issue.version));
      return issue;
    },
  );

  app.post(
    '/issues/:id/transitions',
    {
      bodyLimit,
      config: { access: 'issue.update', replyHeaders: ['etag'], transition: true },
      schema: {
        operationId: 'transitionIssue',
        description:
          'Moves the issue to another status: open → investigating or escalated, any of those → resolved (needs `resolutionNotes`, else 422 `field_required`), resolved → closed, resolved or closed → open (reopen, which clears the resolution), investigating → open, escalated → investigating. Any other move is 409 `invalid_transition` with the `allowed` statuses. Send the ETag in If-Match (428 without, 412 when stale).',
        tags,
        summary: 'Move an issue to another status (409 invalid_transition names the allowed ones)',
        params: idParams,
        headers: ifMatchHeaders,
        body: IssueTransition,
        response: { 200: Issue },
      },
    },
    async (request, reply) => {
      const issue = await transitionIssue(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(issue.version));
      return issue;
    },
  );

  app.delete(
    '/issues/:id',
    {
      config: { access: 'issue.delete' },
      schema: {
        operationId: 'deleteIssue',
        description:
          'Deletes the issue (an issue raised by mistake; resolve or close a real one). If-Match is optional; when sent it must be current (412).',
        tags,
        summary: 'Delete an issue (the audit event keeps it)',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteIssue(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );
}
