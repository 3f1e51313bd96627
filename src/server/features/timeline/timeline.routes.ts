import { idParams } from '../../../domain/pagination';
import { TimelinePage, TimelineQuery } from '../../../domain/timeline';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { listTimeline } from './timeline.list';

const tags = ['timeline'];
const filtersNote =
  'Newest first, in keyset pages on (occurred_at, id). `kind` and `person` (a member or contact id: the actor or a participant) take several values and match any.';

export async function timelineRoutes(app: ZodApp) {
  app.get(
    '/partners/:id/timeline',
    {
      config: { access: 'timeline.read' },
      schema: {
        operationId: 'listPartnerTimeline',
        description: `What happened with the partner: interactions, tasks, issues, comments, stage and owner changes. ${filtersNote}`,
        tags,
        summary: "A partner's timeline, newest first",
        params: idParams,
        querystring: TimelineQuery,
        response: { 200: TimelinePage },
      },
    },
    async (request) =>
      listTimeline(request.ctx, scopeOf(request), request.params.id, request.query),
  );

  app.get(
    '/timeline',
    {
      config: { access: 'timeline.read' },
      schema: {
        operationId: 'listTimeline',
        description: `The workspace's activity across all partners. ${filtersNote}`,
        tags,
        summary: 'Workspace activity, newest first',
        querystring: TimelineQuery,
        response: { 200: TimelinePage },
      },
    },
    async (request) => listTimeline(request.ctx, scopeOf(request), null, request.query),
  );
}
