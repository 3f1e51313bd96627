import { PortfolioQuery } from '../../../domain/dashboard';
import { idParams } from '../../../domain/pagination';
import { downloadName, fileNamePart, fileResponse, sendDownload } from '../../http/download';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { portfolioReport, reportPartnerLimit, scorecardReport } from './reports.service';

const tags = ['reports'];
const config = (access: 'partner.read' | 'plan.read') => ({
  access,
  replyHeaders: ['content-disposition' as const],
});

export async function reportRoutes(app: ZodApp) {
  app.get(
    '/reports/portfolio',
    {
      config: config('partner.read'),
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

  app.get(
    '/plans/:id/scorecard',
    {
      config: config('plan.read'),
      schema: {
        operationId: 'getPlanScorecard',
        summary: "A plan's partner scorecard (PDF)",
        description:
          "The partner scorecard of a plan as a PDF to hand to executives or to the partner: the plan's summary and objectives with their owners, every KPI's target, actual to date, attainment and status, then each KPI's chart (actual, forecast and target line) with its latest measurements. An attachment, never cached; a plan out of scope is 404.",
        tags,
        params: idParams,
        response: { 200: fileResponse('The scorecard', 'application/pdf') },
      },
    },
    async (request, reply) => {
      const report = await scorecardReport(request.ctx, scopeOf(request), request.params.id);
      return sendDownload(reply, {
        mediaType: 'application/pdf',
        name: downloadName(`scorecard-${fileNamePart(report.partnerName, report.period)}`, 'pdf'),
        body: report.body,
      });
    },
  );
}
