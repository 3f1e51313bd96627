import type { QueryClient } from '@tanstack/react-query';
import {
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  redirect,
} from '@tanstack/react-router';
import { agreementListSearch, renewalSearch } from '../features/agreements/agreement-list-search';
import { sessionQuery } from '../features/auth/session';
import { contactListSearch } from '../features/contacts/contact-list-search';
import { portfolioSearch } from '../features/dashboard/dashboard-search';
import { issueListSearch } from '../features/issues/issue-list-search';
import { coolingSearch } from '../features/partners/cooling-search';
import { partnerListSearch } from '../features/partners/partner-list-search';
import { planListSearch } from '../features/plans/plan-list-search';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { publicRoutes, rootRoute } from './public-routes';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record address whose id is not an id is simply not found (the API would refuse it). */
function requireIds(params: Record<string, string>) {
  if (!Object.values(params).every((id) => uuidPattern.test(id))) throw notFound();
}

// Everything else needs a member's session; the layout holds the navigation and the palette.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) {
      throw redirect({ to: '/sign-in', search: { next: location.href } });
    }
    if (session.kind === 'partner') throw redirect({ to: '/portal' });
    return { session };
  },
  component: AppLayout,
  notFoundComponent: NotFoundPage,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/partners' });
  },
});
const partnersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partners',
  validateSearch: partnerListSearch,
  component: lazyRouteComponent(
    () => import('../features/partners/PartnerListPage'),
    'PartnerListPage',
  ),
});
const newPartnerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partners/new',
  component: lazyRouteComponent(
    () => import('../features/partners/PartnerCreatePage'),
    'PartnerCreatePage',
  ),
});
const partnerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partners/$partnerId',
  beforeLoad: ({ params }) => requireIds(params),
  validateSearch: (
    search: Record<string, unknown>,
  ): {
    tab?:
      | 'overview'
      | 'contacts'
      | 'timeline'
      | 'history'
      | 'team'
      | 'issues'
      | 'plan'
      | 'scorecard'
      | 'agreements'
      | 'tasks'
      | 'comments'
      | 'disclosures';
  } =>
    search.tab === 'contacts' ||
    search.tab === 'timeline' ||
    search.tab === 'issues' ||
    search.tab === 'plan' ||
    search.tab === 'scorecard' ||
    search.tab === 'agreements' ||
    search.tab === 'history' ||
    search.tab === 'team' ||
    search.tab === 'tasks' ||
    search.tab === 'comments' ||
    search.tab === 'disclosures'
      ? { tab: search.tab }
      : {},
  component: lazyRouteComponent(() => import('../features/partners/PartnerPage'), 'PartnerPage'),
});
const editPartnerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partners/$partnerId/edit',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(
    () => import('../features/partners/PartnerEditPage'),
    'PartnerEditPage',
  ),
});
const contactsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts',
  validateSearch: contactListSearch,
  component: lazyRouteComponent(
    () => import('../features/contacts/ContactListPage'),
    'ContactListPage',
  ),
});
const newContactRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts/new',
  validateSearch: (search: Record<string, unknown>): { partnerId?: string } =>
    typeof search.partnerId === 'string' ? { partnerId: search.partnerId } : {},
  component: lazyRouteComponent(
    () => import('../features/contacts/ContactCreatePage'),
    'ContactCreatePage',
  ),
});
const contactRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts/$contactId',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(() => import('../features/contacts/ContactPage'), 'ContactPage'),
});
const editContactRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts/$contactId/edit',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(
    () => import('../features/contacts/ContactEditPage'),
    'ContactEditPage',
  ),
});
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  validateSearch: (search: Record<string, unknown>): { tab?: string } =>
    typeof search.tab === 'string' ? { tab: search.tab } : {},
  component: lazyRouteComponent(() => import('../features/settings/SettingsPage'), 'SettingsPage'),
});
const libraryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/library',
  validateSearch: (search: Record<string, unknown>): { tab?: string } =>
    typeof search.tab === 'string' ? { tab: search.tab } : {},
  component: lazyRouteComponent(() => import('../features/library/LibraryPage'), 'LibraryPage'),
});

const issuesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/issues',
  validateSearch: issueListSearch,
  component: lazyRouteComponent(() => import('../features/issues/IssueListPage'), 'IssueListPage'),
});
const newIssueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/issues/new',
  validateSearch: (search: Record<string, unknown>): { partnerId?: string } =>
    typeof search.partnerId === 'string' ? { partnerId: search.partnerId } : {},
  component: lazyRouteComponent(
    () => import('../features/issues/IssueCreatePage'),
    'IssueCreatePage',
  ),
});
const issueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/issues/$issueId',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(() => import('../features/issues/IssuePage'), 'IssuePage'),
});
const editIssueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/issues/$issueId/edit',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(() => import('../features/issues/IssueEditPage'), 'IssueEditPage'),
});
const plansRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans',
  validateSearch: planListSearch,
  component: lazyRouteComponent(() => import('../features/plans/PlanListPage'), 'PlanListPage'),
});
const newPlanRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/new',
  validateSearch: (search: Record<string, unknown>): { partnerId?: string } =>
    typeof search.partnerId === 'string' ? { partnerId: search.partnerId } : {},
  component: lazyRouteComponent(() => import('../features/plans/PlanCreatePage'), 'PlanCreatePage'),
});
const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/$planId',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(() => import('../features/plans/PlanPage'), 'PlanPage'),
});
const editPlanRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/$planId/edit',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(() => import('../features/plans/PlanEditPage'), 'PlanEditPage'),
});
const agreementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements',
  validateSearch: agreementListSearch,
  component: lazyRouteComponent(
    () => import('../features/agreements/AgreementListPage'),
    'AgreementListPage',
  ),
});
const renewalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/renewals',
  validateSearch: renewalSearch,
  component: lazyRouteComponent(
    () => import('../features/agreements/RenewalsPage'),
    'RenewalsPage',
  ),
});
const newAgreementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/new',
  validateSearch: (search: Record<string, unknown>): { partnerId?: string } =>
    typeof search.partnerId === 'string' ? { partnerId: search.partnerId } : {},
  component: lazyRouteComponent(
    () => import('../features/agreements/AgreementCreatePage'),
    'AgreementCreatePage',
  ),
});
const agreementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/$agreementId',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(
    () => import('../features/agreements/AgreementPage'),
    'AgreementPage',
  ),
});
const editAgreementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/$agreementId/edit',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(
    () => import('../features/agreements/AgreementEditPage'),
    'AgreementEditPage',
  ),
});
const myWorkRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/my-work',
  component: lazyRouteComponent(() => import('../features/tasks/MyWorkPage'), 'MyWorkPage'),
});
const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks/$taskId',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(() => import('../features/tasks/TaskPage'), 'TaskPage'),
});
const interactionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/interactions/$interactionId',
  beforeLoad: ({ params }) => requireIds(params),
  component: lazyRouteComponent(
    () => import('../features/interactions/InteractionPage'),
    'InteractionPage',
  ),
});
const teamBoardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks/board',
  component: lazyRouteComponent(() => import('../features/tasks/TeamBoardPage'), 'TeamBoardPage'),
});
const coolingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cooling',
  validateSearch: coolingSearch,
  component: lazyRouteComponent(() => import('../features/partners/CoolingPage'), 'CoolingPage'),
});
const atRiskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/at-risk',
  component: lazyRouteComponent(() => import('../features/health/AtRiskPage'), 'AtRiskPage'),
});
const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  validateSearch: portfolioSearch,
  component: lazyRouteComponent(
    () => import('../features/dashboard/DashboardPage'),
    'DashboardPage',
  ),
});
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  component: lazyRouteComponent(() => import('../features/reports/ReportsPage'), 'ReportsPage'),
});
const activityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activity',
  component: lazyRouteComponent(() => import('../features/timeline/ActivityPage'), 'ActivityPage'),
});

const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/notifications',
  component: lazyRouteComponent(
    () => import('../features/notifications/NotificationsPage'),
    'NotificationsPage',
  ),
});

const routeTree = rootRoute.addChildren([
  ...publicRoutes,
  appRoute.addChildren([
    indexRoute,
    partnersRoute,
    newPartnerRoute,
    partnerRoute,
    editPartnerRoute,
    contactsRoute,
    newContactRoute,
    contactRoute,
    editContactRoute,
    settingsRoute,
    libraryRoute,
    activityRoute,
    coolingRoute,
    atRiskRoute,
    dashboardRoute,
    reportsRoute,
    myWorkRoute,
    teamBoardRoute,
    taskRoute,
    interactionRoute,
    notificationsRoute,
    issuesRoute,
    newIssueRoute,
    issueRoute,
    editIssueRoute,
    plansRoute,
    newPlanRoute,
    planRoute,
    editPlanRoute,
    agreementsRoute,
    renewalsRoute,
    newAgreementRoute,
    agreementRoute,
    editAgreementRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
