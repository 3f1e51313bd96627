import { Button, Menu } from '@mantine/core';
import {
  IconChevronDown,
  IconDownload,
  IconFileSpreadsheet,
  IconFileText,
} from '@tabler/icons-react';
import { type ExportQuery, exportHref } from './export-href';

export type ExportMenuProps = {
  /** The list's path under /api/v1: `partners`. */
  list: string;
  /** What the list holds, for screen readers: `partners`. */
  what: string;
  query: ExportQuery;
};

/**
 * "Export" with CSV and Excel: each a download link of the whole list as it is filtered and
 * sorted now. Links, not fetches, so the browser streams the file to disk however long it is.
 */
export function ExportMenu({ list, what, query }: ExportMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={`Export ${what}`}
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>All {what} shown by the filters</Menu.Label>
        <Menu.Item
          component="a"
          href={exportHref(list, 'csv', query)}
          download
          leftSection={<IconFileText size={16} aria-hidden />}
        >
          CSV
        </Menu.Item>
        <Menu.Item
          component="a"
          href={exportHref(list, 'xlsx', query)}
          download
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        >
          Excel (.xlsx)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
