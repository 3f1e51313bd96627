import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { AuthLayout } from '../features/auth/AuthLayout';

/** The partner portal's home: who is signed in, for which partner, in which workspace. */
export function PortalPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery({
    queryKey: ['portal', 'me'],
    queryFn: async () => unwrap(await api.GET('/api/v1/portal/me')),
  });

  async function signOut() {
    await api.POST('/api/v1/auth/sign-out');
    queryClient.clear();
    await navigate({ to: '/sign-in' });
  }

  return (
    <AuthLayout title="Partner portal">
      {me.isPending ? <Loader aria-label="Loading" /> : null}
      <ErrorAlert error={me.error} />
      {me.data ? (
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={2} size="h4">
              {me.data.partner.name}
            </Title>
            <Text c="dimmed" size="sm">
              A partner of {me.data.workspace.name}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text fw={500}>{me.data.user.name}</Text>
            <Text size="sm">{me.data.user.email}</Text>
            <Text c="dimmed" size="sm">
              {me.data.role === 'partner_admin' ? 'Partner admin' : 'Partner member'}
            </Text>
          </Stack>
          <Text size="sm">What {me.data.workspace.name} shares with you will appear here.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Stack>
      ) : null}
    </AuthLayout>
  );
}
