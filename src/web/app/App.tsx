import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { sessionQuery } from '../features/auth/session';
import { type AppRouter, createAppRouter } from './router';
import { colorSchemeManager, cssVariablesResolver, theme } from './theme';

/**
 * The query client and the router, wired so that a 401 while signed in (the session ended,
 * the member was removed or their password reset) leads back to the sign-in page.
 */
function makeClientAndRouter(): { queryClient: QueryClient; router: AppRouter } {
  const onError = (error: unknown) => {
    if (!(error instanceof ApiError) || error.status !== 401) return;
    if (!queryClient.getQueryData(sessionQuery.queryKey)) return;
    const next = router.state.location.href;
    queryClient.clear();
    void router.navigate({ to: '/sign-in', search: { next } });
  };
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // A 4xx will not get better by asking again.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  const router = createAppRouter(queryClient);
  return { queryClient, router };
}

export function App({ styleNonce }: { styleNonce: string | undefined }) {
  const [{ queryClient, router }] = useState(makeClientAndRouter);
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
      getStyleNonce={styleNonce ? () => styleNonce : undefined}
    >
      <QueryClientProvider client={queryClient}>
        <ModalsProvider>
          <Notifications position="bottom-right" />
          <RouterProvider router={router} />
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
