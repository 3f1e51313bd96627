import { Button, Center, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useRouter } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ButtonLink } from './links';
import { PageTitle } from './PageTitle';

/** A page that cannot show what was asked for: why, and two ways on (back, or the partners). */
export function DeadEnd({ title, children }: { title: string; children: ReactNode }) {
  const router = useRouter();
  return (
    <Center mih="50vh" p="xl">
      <Stack align="center" maw={480} ta="center">
        <PageTitle title={title} />
        <Text c="dimmed">{children}</Text>
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
