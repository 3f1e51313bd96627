import { Group, Text } from '@mantine/core';
import { AnchorLink } from './links';

/** The Tandem mark: two linked rings, and the name. */
export function Logo() {
  return (
    <AnchorLink to="/partners" aria-label="Tandem home" c="inherit" underline="never">
      <Group gap={8} wrap="nowrap">
        <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="var(--mantine-color-teal-7)" />
          <circle cx="12" cy="16" r="6" fill="none" stroke="#fff" strokeWidth="3" />
          <circle cx="20" cy="16" r="6" fill="none" stroke="#fff" strokeWidth="3" />
        </svg>
        <Text fw={700} size="lg" component="span">
          Tandem
        </Text>
      </Group>
    </AnchorLink>
  );
}
