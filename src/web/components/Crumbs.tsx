import { Breadcrumbs, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Where the page sits, as links, ending with the page itself. The trail wraps on narrow
 * screens and a long record name is cut to one line, whole on hover and to screen readers.
 */
export function Crumbs({ children, current }: { children: ReactNode; current: string }) {
  return (
    <nav aria-label="Breadcrumb">
      <Breadcrumbs
        separatorMargin={6}
        styles={{
          root: { flexWrap: 'wrap', rowGap: 2, minWidth: 0 },
          breadcrumb: { minWidth: 0, maxWidth: '100%' },
        }}
      >
        {children}
        <Text size="sm" truncate="end" title={current} aria-current="page" maw="100%">
          {current}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}
