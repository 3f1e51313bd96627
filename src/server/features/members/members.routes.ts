import { z } from 'zod';
import { memberId } from '../../../domain/ids';
import {
  listQuery,
  member,
  memberList,
  memberPasswordReset,
  updateMemberBody,
} from '../../../domain/members';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import {
  changeMemberRole,
  getMember,
  listMembers,
  presentMember,
  removeMember,
  resetMemberPassword,
} from './members.service';

const tags = ['members'];
const params = z.object({ id: memberId }).strict();

export async function memberRoutes(app: ZodApp) {
  app.get(
    '/members',
    {
      config: { access: 'member.read' },
      schema: {
        operationId: 'listMembers',
        summary: 'List members',
        description: 'The members of the workspace with their roles, in keyset pages.',
        tags,
        querystring: listQuery,
        response: { 200: memberList },
      },
    },
    async (request) => listMembers(request.ctx, scopeOf(request), request.query),
  );

  app.get(
    '/members/:id',
    {
      config: { access: 'member.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getMember',
        summary: 'Get a member',
        description: 'One member, with its ETag for a later change.',
        tags,
        params,
        response: { 200: member },
      },
    },
    async (request, reply) => {
      const row = await getMember(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(row.version));
      return presentMember(row);
    },
  );

  app.patch(
    '/members/:id',
    {
      config: { access: 'member.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateMember',
        summary: "Change a member's role",
        description:
          "Changes the member's role. Send the ETag you read in If-Match: 428 without it, 412 when stale. The last admin cannot be demoted.",
        tags,
        params,
        headers: ifMatchHeaders,
        body: updateMemberBody,
        response: { 200: member },
      },
    },
    async (request, reply) => {
      const row = await changeMemberRole(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body.role,
      );
      reply.header('etag', etagOf(row.version));
      return presentMember(row);
    },
  );

  app.delete(
    '/members/:id',
    {
      config: { access: 'member.manage' },
      schema: {
        operationId: 'removeMember',
        summary: 'Remove a member',
        description:
          "Ends the member's sessions and revokes the keys they made. The last admin cannot be removed.",
        tags,
        params,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeMember(request.ctx, scopeOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/members/:id/password-reset',
    {
      config: { access: 'member.manage' },
      schema: {
        operationId: 'resetMemberPassword',
        summary: 'Send a member a password reset',
        description: "Mails the member a password reset link, as an admin's help.",
        tags,
        params,
        response: { 200: memberPasswordReset },
      },
    },
    async (request) => resetMemberPassword(request.ctx, scopeOf(request), request.params.id),
  );
}
