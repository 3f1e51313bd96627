import { Title, type TitleProps } from '@mantine/core';
import { useEffect } from 'react';

/**
 * The page's one h1. It sets the document title and takes focus after a navigation, so
 * screen-reader users hear where they arrived (the layout moves focus to it). A long name is
 * cut after two lines, whole on hover and to screen readers.
 */
export function PageTitle({ children, title, ...props }: TitleProps & { title: string }) {
  useEffect(() => {
    document.title = `${title} · Tandem`;
  }, [title]);
  return (
    <Title
      order={1}
      size="h2"
      tabIndex={-1}
      data-page-title
      lineClamp={2}
      title={title}
      style={{ overflowWrap: 'anywhere' }}
      {...props}
    >
      {children ?? title}
    </Title>
  );
}
