import { z } from 'zod';
import { invitationId } from '../../../domain/ids';
import {
  createdInvitation,
  createInvitationBody,
  invitationLink,
  invitationList,
} from '../../../domain/invitations';
import { listQuery } from '../../../domain/members';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import {
  createInvitation,
  listInvitations,
  renewInvitationLink,
  revokeInvitation,
} from './invitations.service';

const tags = ['invitations'];
const params = z.object({ id: invitationId }).strict();

export async function invitationRoutes(app: ZodApp) {
  app.post(
    '/invitations',
    {
      config: { access: 'invitation.manage' },
      schema: {
        operationId: 'createInvitation',
        summary: 'Invite someone by email',
        description:
          'Creates an invitation with a role and mails its link. The token is in this answer only.',
        tags,
        body: createInvitationBody,
        response: { 201: createdInvitation },
      },
    },
    async (request, reply) => {
      const created = await createInvitation(request.ctx, scopeOf(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/invitations',
    {
      config: { access: 'invitation.manage' },
      schema: {
        operationId: 'listInvitations',
        summary: 'List open invitations',
        description: 'Invitations not yet accepted, revoked or expired, in keyset pages.',
        tags,
        querystring: listQuery,
        response: { 200: invitationList },
      },
    },
    async (request) => listInvitations(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/invitations/:id/link',
    {
      config: { access: 'invitation.manage' },
      schema: {
        tags,
        operationId: 'renewInvitationLink',
        summary: 'Make a new link for an open invitation',
        description:
          'Tandem keeps only a hash of each invitation token, so the link shown once cannot be shown again: this makes a new one, and the link given before stops working. 404 once the invitation is used, revoked or expired.',
        params,
        response: { 200: invitationLink },
      },
    },
    async (request) => renewInvitationLink(request.ctx, scopeOf(request), request.params.id),
  );

  app.delete(
    '/invitations/:id',
    {
      config: { access: 'invitation.manage' },
      schema: {
        operationId: 'revokeInvitation',
        summary: 'Revoke an invitation',
        description: 'Revokes an open invitation; its link stops working.',
        tags,
        params,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeInvitation(request.ctx, scopeOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
