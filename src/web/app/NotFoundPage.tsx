import { Button, Center, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useRouter } from '@tanstack/react-router';
import { useContext } from 'react';
import { ButtonLink } from '../components/links';
import { PageTitle } from '../components/PageTitle';
import { useSession } from '../features/auth/session';
import { AppLayout, InAppLayout } from './AppLayout';

/** What a page shows for an address or a record that does not exist (or is not yours). */
export function NotFound({ what = 'page' }: { what?: string }) {
  const router = useRouter();
  return (
    <Center mih="50vh" p="xl">
      <Stack align="center" maw={480} ta="center">
        <PageTitle title={`${what.charAt(0).toUpperCase()}${what.slice(1)} not found`} />
        <Text c="dimmed">
          There is no {what} at this address, or it is not yours to see. Check the link, or go back
          to where you were.
        </Text>
        <Group justify="center">
          <Button
            variant="default"
            leftSection={<IconArrowLeft size={16} aria-hidden />}
            onClick={() => router.history.back()}
          >
            Go back
          </Button>
          <ButtonLink to="/partners">Go to partners</ButtonLink>
        </Group>
      </Stack>
    </Center>
  );
}

/**
 * The router's not-found page: inside the app's layout (navigation, search, account) for a
 * signed-in member, on its own otherwise.
 */
export function NotFoundPage() {
  const inLayout = useContext(InAppLayout);
  const session = useSession();
  if (inLayout) return <NotFound />;
  if (session?.kind === 'member') {
    return (
      <AppLayout>
        <NotFound />
      </AppLayout>
    );
  }
  return (
    <main>
      <NotFound />
    </main>
  );
}
