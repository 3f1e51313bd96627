import { Alert, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../api/client';
import { useFragmentToken } from '../../lib/fragment';
import { AuthLayout } from '../auth/AuthLayout';
import { MissingToken } from '../auth/MissingToken';

/**
 * The page a scheduled report's mail links to, without signing in. Opening it changes nothing
 * (mail scanners open links); the button unsubscribes the one recipient the link names.
 */
export function UnsubscribePage() {
  const token = useFragmentToken();
  const unsubscribe = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/report-unsubscribe', { body: { token: token ?? '' } })),
  });
  const error = unsubscribe.error;
  const used = error instanceof ApiError && error.code === 'unsubscribe_link_used';

  return (
    <AuthLayout title="Unsubscribe from a report">
      {!token ? (
        <MissingToken what="unsubscribe" />
      ) : unsubscribe.data ? (
        <Alert color="teal" title="You are unsubscribed" role="status">
          You will no longer receive{' '}
          <Text span fw={600} inherit>
            {unsubscribe.data.report}
          </Text>
          . Others who receive it still do.
        </Alert>
      ) : (
        <Stack>
          {error ? (
            <Alert
              color={used ? 'blue' : 'red'}
              title={used ? 'Already unsubscribed' : 'This link does not work'}
              role="alert"
            >
              {error.message}
            </Alert>
          ) : (
            <Text>
              Stop receiving this scheduled report by email? Only you are taken off its list.
            </Text>
          )}
          {used ? null : (
            <Button loading={unsubscribe.isPending} onClick={() => unsubscribe.mutate()} fullWidth>
              Unsubscribe
            </Button>
          )}
        </Stack>
      )}
    </AuthLayout>
  );
}
