import { notifications } from '@mantine/notifications';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type Permission, roleCan } from '../../../domain/permissions';
import { ApiError, api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Session = components['schemas']['SessionInfo'];

/** Who is signed in, or null. Every page below the app shell needs it. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<Session | null> => {
    try {
      return unwrap(await api.GET('/api/v1/auth/session'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

/** Whether this installation still waits for its first-run setup. */
export const setupQuery = queryOptions({
  queryKey: ['setup'],
  queryFn: async () => unwrap(await api.GET('/api/v1/setup')),
  staleTime: 30_000,
});

export function useSession(): Session | null {
  return useQuery(sessionQuery).data ?? null;
}

/**
 * Whether the signed-in person's role holds a permission: the server's own table, so the app
 * offers exactly what the API would allow.
 */
export function can(session: Session | null, permission: Permission): boolean {
  return session !== null && roleCan(session.role, permission);
}

/**
 * After signing in, setting up or joining: the server's answer is the new session. Caching it
 * lets the app's guard see it at once (a cached "signed out" from before would otherwise send
 * the person back to sign in), then the app opens.
 */
export function useEnterApp() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (session: Session, options: { to?: string; welcome?: string } = {}) => {
    queryClient.setQueryData(sessionQuery.queryKey, session);
    if (options.welcome) notifications.show({ color: 'teal', message: options.welcome });
    // A partner user's home is the portal, wherever the link they followed pointed.
    await navigate({ to: session.kind === 'partner' ? '/portal' : (options.to ?? '/partners') });
  };
}
