import { Title, type TitleProps } from '@mantine/core';
import { useEffect } from 'react';

/**
 * The page's one h1. It sets the document title and takes focus after a navigation, so
 * screen-reader users hear where they arrived (the layout moves focus to it).
 */
export function PageTitle({ children, title, ...props }: TitleProps & { title: string }) {
  useEffect(() => {
    document.title = `${title} · Tandem`;
  }, [title]);
  return (
    <Title order={1} size="h2" tabIndex={-1} data-page-title {...props}>
      {children ?? title}
    </Title>
  );
}
