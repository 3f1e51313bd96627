import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { sessionQuery } from '../features/auth/session';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

type RouterContext = { queryClient: QueryClient };

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteError,
});

// Pages reached without a session.
const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  component: lazyRouteComponent(() => import('../features/auth/SetupPage'), 'SetupPage'),
});
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { next?: string } =>
    // Only a path on this site: `//host` or `/\host` would send the person elsewhere.
    typeof search.next === 'string' && /^\/(?![/\\])/.test(search.next)
      ? { next: search.next }
      : {},
  component: lazyRouteComponent(() => import('../features/auth/SignInPage'), 'SignInPage'),
});
const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/accept-invitation',
  component: lazyRouteComponent(
    () => import('../features/auth/AcceptInvitationPage'),
    'AcceptInvitationPage',
  ),
});
const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: lazyRouteComponent(
    () => import('../features/auth/ForgotPasswordPage'),
    'ForgotPasswordPage',
  ),
});
const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  component: lazyRouteComponent(
    () => import('../features/auth/ResetPasswordPage'),
    'ResetPasswordPage',
  ),
});
const unsubscribeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/unsubscribe',
  component: lazyRouteComponent(
    () => import('../features/reports/UnsubscribePage'),
    'UnsubscribePage',
  ),
});

// A partner signer's link: no session, that one agreement only (decision 056).
const signRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign',
  component: lazyRouteComponent(() => import('../features/signing/SigningPage'), 'SigningPage'),
});

// Partner users have their own home and never open the internal app (nor call its API).
const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: '/sign-in', search: { next: location.href } });
    if (session.kind !== 'partner') throw redirect({ to: '/partners' });
  },
  component: lazyRouteComponent(() => import('../portal/PortalPage'), 'PortalPage'),
});

/** The root's pages that need no member session: signing in and out-of-app links, and the portal. */
export const publicRoutes = [
  setupRoute,
  signInRoute,
  acceptInvitationRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  unsubscribeRoute,
  signRoute,
  portalRoute,
];
