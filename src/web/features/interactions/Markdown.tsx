import { Typography } from '@mantine/core';
import ReactMarkdown from 'react-markdown';

/** Markdown a person wrote, rendered as text and formatting only: raw HTML is dropped, never run. */
export function Markdown({ children }: { children: string }) {
  return (
    <Typography>
      <ReactMarkdown skipHtml>{children}</ReactMarkdown>
    </Typography>
  );
}
