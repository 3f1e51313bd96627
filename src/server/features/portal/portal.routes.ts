import { idParams } from '../../../domain/pagination';
import {
  PortalInteraction,
  PortalInteractionListQuery,
  PortalInteractionPage,
} from '../../../domain/portal/interactions';
import { PortalIssue, PortalIssueListQuery, PortalIssuePage } from '../../../domain/portal/issues';
import { PortalMe } from '../../../domain/portal/me';
import { PortalOverview } from '../../../domain/portal/overview';
import type { ZodApp } from '../index';
import { portalConfig as config, logged, partnerCaller, partnerScopeOf } from './portal.caller';
import { portalMe } from './portal.service';
import {
  sharedInteraction,
  sharedInteractions,
  sharedIssue,
  sharedIssues,
  sharedOverview,
} from './portal.shared';

const tags = ['portal'];

/** The partner users' own surface: its routes answer only the portal's schemas. */
export async function portalRoutes(app: ZodApp) {
  app.get(
    '/portal/me',
    {
      config,
      schema: {
        operationId: 'getPortalHome',
        description:
          "The signed-in partner user, their partner and what they may do. Takes a partner user's session only.",
        tags,
        summary: "The partner user's portal home",
        response: { 200: PortalMe },
      },
    },
    async (request) => {
      const { scope, user } = partnerCaller(request);
      return portalMe(request.ctx, scope, user);
    },
  );

  app.get(
    '/portal/overview',
    {
      config,
      schema: {
        operationId: 'getPortalOverview',
        description:
          "How many interactions and issues (by status) are shared with the caller's partner, and how many shared agreements wait for the caller's own signature. Counts only shared records.",
        tags,
        summary: 'Counts of what is shared with the partner',
        response: { 200: PortalOverview },
      },
    },
    async (request) => {
      const { scope, user } = partnerCaller(request);
      return sharedOverview(request.ctx, scope, user.email);
    },
  );

  app.get(
    '/portal/interactions',
    {
      config,
      schema: {
        operationId: 'listPortalInteractions',
        description: `Interactions shared with the caller's partner, newest first, in keyset pages.${logged}`,
        tags,
        summary: 'List shared interactions',
        querystring: PortalInteractionListQuery,
        response: { 200: PortalInteractionPage },
      },
    },
    async (request) => sharedInteractions(request.ctx, partnerScopeOf(request), request.query),
  );

  app.get(
    '/portal/interactions/:id',
    {
      config,
      schema: {
        operationId: 'getPortalInteraction',
        description: `One interaction shared with the caller's partner; 404 for any other.${logged}`,
        tags,
        summary: 'Get a shared interaction',
        params: idParams,
        response: { 200: PortalInteraction },
      },
    },
    async (request) => sharedInteraction(request.ctx, partnerScopeOf(request), request.params.id),
  );

  app.get(
    '/portal/issues',
    {
      config,
      schema: {
        operationId: 'listPortalIssues',
        description: `Issues shared with the caller's partner, newest first, in keyset pages; \`status\` takes several values. Resolution notes show once an issue is resolved.${logged}`,
        tags,
        summary: 'List shared issues',
        querystring: PortalIssueListQuery,
        response: { 200: PortalIssuePage },
      },
    },
    async (request) => sharedIssues(request.ctx, partnerScopeOf(request), request.query),
  );

  app.get(
    '/portal/issues/:id',
    {
      config,
      schema: {
        operationId: 'getPortalIssue',
        description: `One issue shared with the caller's partner; 404 for any other.${logged}`,
        tags,
        summary: 'Get a shared issue',
        params: idParams,
        response: { 200: PortalIssue },
      },
    },
    async (request) => sharedIssue(request.ctx, partnerScopeOf(request), request.params.id),
  );
}
