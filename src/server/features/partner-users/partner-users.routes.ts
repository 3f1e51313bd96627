import { z } from 'zod';
import { partnerUserId } from '../../../domain/ids';
import {
  partnerUser,
  partnerUserList,
  partnerUserListQuery,
  updatePartnerUserBody,
} from '../../../domain/partner-users';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import {
  changePartnerUserRole,
  getPartnerUser,
  listPartnerUsers,
  presentPartnerUser,
  removePartnerUser,
} from './partner-users.service';

const tags = ['partner-users'];
const params = z.object({ id: partnerUserId }).strict();

/** Workspace admins manage the people of their partners who use the portal. */
export async function partnerUserRoutes(app: ZodApp) {
  app.get(
    '/partner-users',
    {
      config: { access: 'member.read' },
      schema: {
        operationId: 'listPartnerUsers',
        summary: 'List partner users',
        description: 'The people of partners who use the portal, in keyset pages.',
        tags,
        querystring: partnerUserListQuery,
        response: { 200: partnerUserList },
      },
    },
    async (request) => listPartnerUsers(request.ctx, scopeOf(request), request.query),
  );

  app.get(
    '/partner-users/:id',
    {
      config: { access: 'member.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getPartnerUser',
        summary: 'Get a partner user',
        description: 'One partner user, with its ETag for a later change.',
        tags,
        params,
        response: { 200: partnerUser },
      },
    },
    async (request, reply) => {
      const row = await getPartnerUser(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(row.version));
      return presentPartnerUser(row);
    },
  );

  app.patch(
    '/partner-users/:id',
    {
      config: { access: 'member.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updatePartnerUser',
        summary: 'Change a partner user',
        description:
          "Changes the partner user's role (lowering it ends their sessions). Send the ETag you read in If-Match: 428 without it, 412 when stale.",
        tags,
        params,
        headers: ifMatchHeaders,
        body: updatePartnerUserBody,
        response: { 200: partnerUser },
      },
    },
    async (request, reply) => {
      const row = await changePartnerUserRole(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body.role,
      );
      reply.header('etag', etagOf(row.version));
      return presentPartnerUser(row);
    },
  );

  app.delete(
    '/partner-users/:id',
    {
      config: { access: 'member.manage' },
      schema: {
        operationId: 'removePartnerUser',
        summary: 'Remove a partner user',
        description: 'Removes the partner user and their account; their sessions end at once.',
        tags,
        params,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removePartnerUser(request.ctx, scopeOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
