import { PortfolioQuery } from '../../../domain/dashboard';
import { downloadName, fileResponse, sendDownload } from '../../http/download';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { portfolioReport, reportPartnerLimit } from './reports.service';

const tags = ['reports'];

export async function reportRoutes(app: ZodApp) {
  app.get(
    '/reports/portfolio',
    {
      config: { access: 'partner.read' },
      schema: {
        operationId: 'getPortfolioReport',
        summary: 'The portfolio report (PDF)',
        description: `The portfolio dashboard as a PDF to hand to executives: partners by stage, type, tier and health, the current period's plans by status, and a table of the partners behind the figures (by name, the first ${reportPartnerLimit}). Takes the dashboard's filters. An attachment, never cached.`,
        tags,
        querystring: PortfolioQuery,
        response: { 200: fileResponse('The report', 'application/pdf') },
      },
    },
    async (request, reply) => {
      const body = await portfolioReport(request.ctx, scopeOf(request), request.query);
      return sendDownload(reply, {
        mediaType: 'application/pdf',
        name: downloadName('portfolio', 'pdf'),
        body,
      });
    },
  );
}
