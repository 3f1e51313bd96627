import { z } from 'zod';
import { idParams } from '../../../domain/pagination';
import {
  PartnerTeam,
  PartnerTeamEntry,
  PartnerTeamEntryCreate,
  PartnerTeamEntryUpdate,
  partnerTeamEntryParams,
} from '../../../domain/teams';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import {
  addPartnerTeamEntry,
  getPartnerTeam,
  PARTNER_TEAM_MAX,
  removePartnerTeamEntry,
  updatePartnerTeamEntryOf,
} from './partner-team.service';

const tags = ['partner-team'];
const bodyLimit = 16 * 1024;

export async function partnerTeamRoutes(app: ZodApp) {
  app.get(
    '/partners/:id/team',
    {
      config: { access: 'partner_team.read' },
      schema: {
        operationId: 'getPartnerTeam',
        description: `The partner's partnership team in one page (at most ${PARTNER_TEAM_MAX} places): each member, the team they serve it from, and their role.`,
        tags,
        summary: 'List a partner’s partnership team',
        params: idParams,
        response: { 200: PartnerTeam },
      },
    },
    async (request) => getPartnerTeam(request.ctx, scopeOf(request), request.params.id),
  );

  app.post(
    '/partners/:id/team',
    {
      bodyLimit,
      config: { access: 'partner_team.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'addPartnerTeamEntry',
        description:
          'Puts a member on the partner’s team, from a team, in a role (`contributor` unless given). A member or team of another workspace (or none) answers 422 naming `memberId` or `teamId`; a retired team 409 `team_retired`; a member already there 409 `already_on_partner_team`.',
        tags,
        summary: 'Add a member to a partner’s team',
        params: idParams,
        body: PartnerTeamEntryCreate,
        response: { 201: PartnerTeamEntry },
      },
    },
    async (request, reply) => {
      const entry = await addPartnerTeamEntry(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.body,
      );
      reply.header('etag', etagOf(entry.version));
      return reply.status(201).send(entry);
    },
  );

  app.patch(
    '/partners/:id/team/:entryId',
    {
      bodyLimit,
      config: { access: 'partner_team.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updatePartnerTeamEntry',
        description:
          'Changes a place’s role or team. Send the ETag you read in If-Match: 428 without it, 412 when it changed since.',
        tags,
        summary: 'Change a role on a partner’s team (If-Match required)',
        params: partnerTeamEntryParams,
        headers: ifMatchHeaders,
        body: PartnerTeamEntryUpdate,
        response: { 200: PartnerTeamEntry },
      },
    },
    async (request, reply) => {
      const entry = await updatePartnerTeamEntryOf(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.entryId,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(entry.version));
      return entry;
    },
  );

  app.delete(
    '/partners/:id/team/:entryId',
    {
      config: { access: 'partner_team.manage' },
      schema: {
        operationId: 'removePartnerTeamEntry',
        description:
          'Takes the member off the partner’s team. If-Match is optional; when sent it must be current (412).',
        tags,
        summary: 'Remove a member from a partner’s team',
        params: partnerTeamEntryParams,
        headers: ifMatchHeaders,
        response: { 204: z.null().describe('Removed') },
      },
    },
    async (request, reply) => {
      await removePartnerTeamEntry(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.entryId,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );
}
