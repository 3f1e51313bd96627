import { Button, Center, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useRouter } from '@tanstack/react-router';
import { ButtonLink } from './links';
import { PageTitle } from './PageTitle';

/** What a page shows to a role that may not use it: no form to fill in only to be refused. */
export function NoAccess({ what }: { what: string }) {
  const router = useRouter();
  return (
    <Center mih="50vh" p="xl">
      <Stack align="center" maw={480} ta="center">
        <PageTitle title="Not available to your role" />
        <Text c="dimmed">
          Your role does not allow you to {what}. An administrator of your workspace can change your
          role.
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
