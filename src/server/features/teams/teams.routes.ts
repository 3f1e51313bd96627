import { idParams } from '../../../domain/pagination';
import {
  Team,
  TeamCreate,
  TeamListQuery,
  TeamPage,
  TeamUpdate,
  teamMemberParams,
} from '../../../domain/teams';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { listTeams } from './teams.list';
import {
  addTeamMember,
  createTeam,
  getTeam,
  removeTeamMember,
  setTeamRetired,
  updateTeam,
} from './teams.service';

const tags = ['teams'];
const bodyLimit = 16 * 1024;

export async function teamRoutes(app: ZodApp) {
  app.get(
    '/teams',
    {
      config: { access: 'team.read' },
      schema: {
        operationId: 'listTeams',
        description:
          'The workspace’s teams (departments) by name, with their members. Active teams unless `retired` says otherwise.',
        tags,
        summary: 'List teams',
        querystring: TeamListQuery,
        response: { 200: TeamPage },
      },
    },
    async (request) => listTeams(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/teams',
    {
      bodyLimit,
      config: { access: 'team.manage', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createTeam',
        description:
          'Adds a team. Its name must differ (ignoring case) from every active team’s: 409 `team_name_taken`.',
        tags,
        summary: 'Add a team',
        body: TeamCreate,
        response: { 201: Team },
      },
    },
    async (request, reply) => {
      const team = await createTeam(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(team.version));
      reply.header('location', `/api/v1/teams/${team.id}`);
      return reply.status(201).send(team);
    },
  );

  app.get(
    '/teams/:id',
    {
      config: { access: 'team.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getTeam',
        description: 'One team with its members, and its ETag for a later change.',
        tags,
        summary: 'Get a team',
        params: idParams,
        response: { 200: Team },
      },
    },
    async (request, reply) => {
      const team = await getTeam(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(team.version));
      return team;
    },
  );

  app.patch(
    '/teams/:id',
    {
      bodyLimit,
      config: { access: 'team.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'renameTeam',
        description:
          'Renames the team. Send the ETag you read in If-Match: 428 without it, 412 when the team changed since; 409 `team_name_taken` when an active team has the name.',
        tags,
        summary: 'Rename a team (If-Match required)',
        params: idParams,
        headers: ifMatchHeaders,
        body: TeamUpdate,
        response: { 200: Team },
      },
    },
    async (request, reply) => {
      const team = await updateTeam(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(team.version));
      return team;
    },
  );

  for (const retired of [true, false]) {
    app.post(
      retired ? '/teams/:id/retire' : '/teams/:id/restore',
      {
        config: { access: 'team.manage', replyHeaders: ['etag'] },
        schema: {
          operationId: retired ? 'retireTeam' : 'restoreTeam',
          description: retired
            ? 'Retires the team: it leaves the pickers and the default list; records that name it keep it. If-Match is optional; when sent it must be current (412).'
            : 'Brings a retired team back; 409 `team_name_taken` when an active team has taken its name meanwhile. If-Match is optional; when sent it must be current (412).',
          tags,
          summary: retired ? 'Retire a team' : 'Restore a retired team',
          params: idParams,
          headers: ifMatchHeaders,
          response: { 200: Team },
        },
      },
      async (request, reply) => {
        const team = await setTeamRetired(
          request.ctx,
          scopeOf(request),
          request.params.id,
          request.headers['if-match'],
          retired,
        );
        reply.header('etag', etagOf(team.version));
        return team;
      },
    );
  }

  app.put(
    '/teams/:id/members/:memberId',
    {
      config: { access: 'team.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'addTeamMember',
        description:
          'Makes a member of the workspace part of the team (idempotent). A member of another workspace, or none, answers 422 naming `memberId`; a retired team 409 `team_retired`.',
        tags,
        summary: 'Add a member to a team',
        params: teamMemberParams,
        response: { 200: Team },
      },
    },
    async (request, reply) => {
      const team = await addTeamMember(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.memberId,
      );
      reply.header('etag', etagOf(team.version));
      return team;
    },
  );

  app.delete(
    '/teams/:id/members/:memberId',
    {
      config: { access: 'team.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'removeTeamMember',
        description: 'Takes a member out of the team (idempotent).',
        tags,
        summary: 'Remove a member from a team',
        params: teamMemberParams,
        response: { 200: Team },
      },
    },
    async (request, reply) => {
      const team = await removeTeamMember(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.memberId,
      );
      reply.header('etag', etagOf(team.version));
      return team;
    },
  );
}
