import { z } from 'zod';
import {
  Comment,
  CommentCreate,
  CommentListQuery,
  CommentPage,
  CommentUpdate,
} from '../../../domain/comments';
import { idParams } from '../../../domain/pagination';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { listComments } from './comments.list';
import { createComment, deleteComment, updateComment } from './comments.service';

const tags = ['comments'];
const bodyLimit = 64 * 1024;

export async function commentRoutes(app: ZodApp) {
  app.get(
    '/comments',
    {
      config: { access: 'comment.read', recordInQuery: true },
      schema: {
        operationId: 'listComments',
        summary: 'List the comments on a record',
        description:
          'The comments on a partner, interaction, issue, task, agreement or agreement version (`agreement_version`, by the version’s `id`), oldest first, in keyset pages. A record the caller cannot see answers 404, and so does every thread for a partner user (internal comments are not theirs).',
        tags,
        querystring: CommentListQuery,
        response: { 200: CommentPage },
      },
    },
    async (request) => listComments(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/comments',
    {
      bodyLimit,
      config: { access: 'comment.create', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createComment',
        summary: 'Comment on a record, mentioning members',
        description:
          'Adds a comment to a partner, interaction, issue, task, agreement or agreement version the caller can see (422 `subjectId` otherwise); a version frozen for signature still takes comments. Each member in `mentionIds` (of the workspace, or 422 naming the entry) is notified.',
        tags,
        body: CommentCreate,
        response: { 201: Comment },
      },
    },
    async (request, reply) => {
      const comment = await createComment(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(comment.version));
      reply.header('location', `/api/v1/comments/${comment.id}`);
      return reply.status(201).send(comment);
    },
  );

  app.patch(
    '/comments/:id',
    {
      bodyLimit,
      config: { access: 'comment.create', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateComment',
        summary: 'Edit your comment (If-Match required: 428 without, 412 when stale)',
        description:
          'Only its author edits a comment (403 otherwise). Members mentioned for the first time are notified; the others are not notified again.',
        tags,
        params: idParams,
        headers: ifMatchHeaders,
        body: CommentUpdate,
        response: { 200: Comment },
      },
    },
    async (request, reply) => {
      const comment = await updateComment(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(comment.version));
      return comment;
    },
  );

  app.delete(
    '/comments/:id',
    {
      config: { access: 'comment.create' },
      schema: {
        operationId: 'deleteComment',
        summary: 'Delete a comment (its author, or an admin)',
        description:
          'Deletes the comment and its timeline entry; the audit event keeps it. If-Match is optional; when sent it must be current (412).',
        tags,
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteComment(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );
}
