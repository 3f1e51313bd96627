import { Anchor, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { PortfolioSearch } from '../dashboard/dashboard-search';
import { portfolioKeys } from '../dashboard/dashboard-search';

/** A plain link the browser downloads (the server answers an attachment), keyboard reachable. */
export function DownloadLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Anchor href={href} download size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <IconDownload size={16} aria-hidden />
        {children}
      </Group>
    </Anchor>
  );
}

/** The portfolio report for the dashboard's filters, each value a repeated parameter. */
export function portfolioReportHref(search: PortfolioSearch): string {
  const query = new URLSearchParams();
  for (const key of portfolioKeys) for (const value of search[key] ?? []) query.append(key, value);
  const text = query.toString();
  return `/api/v1/reports/portfolio${text ? `?${text}` : ''}`;
}

export function PortfolioReportLink({ search }: { search: PortfolioSearch }) {
  return <DownloadLink href={portfolioReportHref(search)}>Download report (PDF)</DownloadLink>;
}
