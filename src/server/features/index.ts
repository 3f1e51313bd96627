import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { exportRoutes } from '../exports/lists';
import { agreementRoutes } from './agreements/agreements.routes';
import { agreementVersionRoutes } from './agreements/agreements.versions.routes';
import { apiKeyRoutes } from './api-keys/api-keys.routes';
import { attachmentRoutes } from './attachments/attachments.routes';
import { authRoutes } from './auth/auth.routes';
import { calendarFeedRoutes } from './calendar-feeds/calendar-feeds.routes';
import { clauseRoutes } from './clauses/clauses.routes';
import { agreementTemplateRoutes } from './clauses/templates.routes';
import { commentRoutes } from './comments/comments.routes';
import { complianceRoutes } from './compliance/compliance.routes';
import { contactRoutes } from './contacts/contacts.routes';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { disclosureRoutes } from './disclosures/disclosures.routes';
import { healthRoutes } from './health/health.routes';
import { interactionRoutes } from './interactions/interactions.routes';
import { invitationRoutes } from './invitations/invitations.routes';
import { issueRoutes } from './issues/issues.routes';
import { kpiRoutes } from './kpis/kpis.routes';
import { memberRoutes } from './members/members.routes';
import { notificationRoutes } from './notifications/notifications.routes';
import { obligationRoutes } from './obligations/obligations.routes';
import { partnerUserRoutes } from './partner-users/partner-users.routes';
import { partnerRoutes } from './partners/partners.routes';
import { planTemplateRoutes } from './plan-templates/plan-templates.routes';
import { planRoutes } from './plans/plans.routes';
import { portalAgreementRoutes } from './portal/portal.agreements.routes';
import { portalRoutes } from './portal/portal.routes';
import { reportSubscriptionRoutes } from './report-subscriptions/report-subscriptions.routes';
import { reportRoutes } from './reports/reports.routes';
import { setupRoutes } from './setup/setup.routes';
import { signingRoutes } from './signing/signing.routes';
import { taskRoutes } from './tasks/tasks.routes';
import { partnerTeamRoutes } from './teams/partner-team.routes';
import { teamRoutes } from './teams/teams.routes';
import { timelineRoutes } from './timeline/timeline.routes';
import { workspaceRoutes } from './workspaces/workspaces.routes';

/** The app as feature routes see it: typed by the zod schemas of each route. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Each feature's routes, mounted under /api/v1. One line per feature. */
export async function registerFeatures(api: ZodApp) {
  void api;
  await api.register(partnerRoutes);
  await api.register(contactRoutes);
  await api.register(authRoutes);
  await api.register(setupRoutes);
  await api.register(workspaceRoutes);
  await api.register(memberRoutes);
  await api.register(invitationRoutes);
  await api.register(partnerUserRoutes);
  await api.register(apiKeyRoutes);
  await api.register(portalRoutes);
  await api.register(portalAgreementRoutes);
  await api.register(calendarFeedRoutes);
  await api.register(commentRoutes);
  await api.register(timelineRoutes);
  await api.register(teamRoutes);
  await api.register(interactionRoutes);
  await api.register(partnerTeamRoutes);
  await api.register(issueRoutes);
  await api.register(notificationRoutes);
  await api.register(taskRoutes);
  await api.register(disclosureRoutes);
  await api.register(healthRoutes);
  await api.register(planRoutes);
  await api.register(planTemplateRoutes);
  await api.register(agreementRoutes);
  await api.register(agreementVersionRoutes);
  await api.register(signingRoutes);
  await api.register(attachmentRoutes);
  await api.register(complianceRoutes);
  await api.register(obligationRoutes);
  await api.register(dashboardRoutes);
  await api.register(kpiRoutes);
  await api.register(exportRoutes);
  await api.register(reportRoutes);
  await api.register(clauseRoutes);
  await api.register(agreementTemplateRoutes);
  await api.register(reportSubscriptionRoutes);
}
