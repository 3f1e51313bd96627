import { PortfolioDashboard, PortfolioQuery } from '../../../domain/dashboard';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { portfolioDashboard } from './dashboard.service';

const tags = ['dashboard'];

export async function dashboardRoutes(app: ZodApp) {
  app.get(
    '/dashboard/portfolio',
    {
      config: { access: 'partner.read' },
      schema: {
        operationId: 'getPortfolioDashboard',
        summary: 'The portfolio dashboard: partners by stage, tier, type and health; plans',
        description:
          "Counts over the workspace's active partners, narrowed by the partner list's filters (`ownerId`, `teamId`, `type`, `tier`, `country`; each may repeat): by stage, tier and type, the latest health scores in bands, and the plans of the current fiscal year and quarter by status. Every figure carries the list and list filters that show the records behind it.",
        tags,
        querystring: PortfolioQuery,
        response: { 200: PortfolioDashboard },
      },
    },
    async (request) => portfolioDashboard(request.ctx, scopeOf(request), request.query),
  );
}
