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
      schema: { tags, querystring: partnerUserListQuery, response: { 200: partnerUserList } },
    },
    async (request) => listPartnerUsers(request.ctx, scopeOf(request), request.query),
  );

  app.get(
    '/partner-users/:id',
    {
      config: { access: 'member.read' },
      schema: { tags, params, response: { 200: partnerUser } },
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
      config: { access: 'member.manage' },
      schema: {
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
      schema: { tags, params, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await removePartnerUser(request.ctx, scopeOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
