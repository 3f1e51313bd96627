import { Card, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A record's fields as a readable page: a description list, never a disabled form. */
export function Details({ children }: { children: ReactNode }) {
  return (
    <Card withBorder padding="lg">
      <SimpleGrid component="dl" m={0} cols={{ base: 1, xs: 2, md: 3 }} spacing="lg">
        {children}
      </SimpleGrid>
    </Card>
  );
}

/** One field: its label, and its value or a dash; long values wrap anywhere rather than overflow. */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600} lts="0.04em">
        {label}
      </Text>
      <Text component="dd" m={0} mt={2} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children ?? '—'}
      </Text>
    </div>
  );
}
