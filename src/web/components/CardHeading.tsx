import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A card's heading: its title as a level-2 heading and, when given, a line on what it shows. */
export function CardHeading({ title, caption }: { title: ReactNode; caption?: ReactNode }) {
  const heading = (
    <Text component="h2" fw={600} size="lg">
      {title}
    </Text>
  );
  if (caption === undefined) return heading;
  return (
    <div>
      {heading}
      <Text size="sm" c="dimmed">
        {caption}
      </Text>
    </div>
  );
}
