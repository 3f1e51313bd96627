import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ColorSchemeToggle } from '../../components/ColorSchemeToggle';
import { Logo } from '../../components/Logo';
import { PageTitle } from '../../components/PageTitle';

/**
 * The frame of the pages used without a session: a centred card under the logo, `wide` for a
 * page that shows a document. On a phone the card takes the screen's width with less padding.
 */
export function AuthLayout({
  title,
  intro,
  wide = false,
  children,
}: {
  title: string;
  intro?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <Box mih="100vh" bg="var(--mantine-color-default-hover)">
      <Group component="header" justify="space-between" p="md">
        <Logo />
        <ColorSchemeToggle />
      </Group>
      <Center component="main" px={{ base: 'xs', xs: 'md' }} pb="xl" pt="md">
        <Paper
          withBorder
          shadow="sm"
          p={{ base: 'md', xs: 'xl' }}
          radius="lg"
          w="100%"
          maw={wide ? 760 : 440}
        >
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
