import { AtRiskLists, AtRiskQuery, PartnerHealth } from '../../../domain/health';
import { idParams } from '../../../domain/pagination';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { atRisk, partnerHealth } from './health.service';

const tags = ['health'];

export async function healthRoutes(app: ZodApp) {
  app.get(
    '/partners/:id/health',
    {
      config: { access: 'health.read' },
      schema: {
        operationId: 'getPartnerHealth',
        summary: "A partner's health score with its reasons and 90-day trend",
        description:
          "The partner's relationship health score computed now from its interactions, open issues and tasks with the workspace's weights: each component's weight share, 0–100 score and reason, plus the daily snapshots of the last 90 days for the trend.",
        tags,
        params: idParams,
        response: { 200: PartnerHealth },
      },
    },
    async (request) => partnerHealth(request.ctx, scopeOf(request), request.params.id),
  );

  app.get(
    '/partners/at-risk',
    {
      config: { access: 'health.read' },
      schema: {
        operationId: 'listAtRiskPartners',
        summary: 'Partners at risk: the lowest health scores and the fastest falling',
        description:
          'Active partners with the lowest latest daily health scores, and those whose score fell most against their snapshot of 30 days ago, each with the reason of the component that costs it the most points.',
        tags,
        querystring: AtRiskQuery,
        response: { 200: AtRiskLists },
      },
    },
    async (request) => atRisk(request.ctx, scopeOf(request), request.query.limit),
  );
}
