import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ColorSchemeToggle } from '../../components/ColorSchemeToggle';
import { Logo } from '../../components/Logo';
import { PageTitle } from '../../components/PageTitle';

/** The frame of the pages used without a session: a centred card under the logo. */
export function AuthLayout({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Box mih="100vh" bg="var(--mantine-color-default-hover)">
      <Group component="header" justify="space-between" p="md">
        <Logo />
        <ColorSchemeToggle />
      </Group>
      <Center component="main" px="md" pb="xl" pt="md">
        <Paper withBorder shadow="sm" p="xl" radius="lg" w="100%" maw={440}>
          <Stack gap="lg">
            <Stack gap={4}>
              <PageTitle title={title} />
              {intro ? (
                <Text c="dimmed" size="sm">
                  {intro}
                </Text>
              ) : null}
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
