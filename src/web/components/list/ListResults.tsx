import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../ErrorAlert';
import { PageTitle } from '../PageTitle';
import { ExportMenu, type ExportMenuProps } from './ExportMenu';
import { ResultCount } from './ListParts';
import type { KeysetList } from './useKeysetList';

/**
 * A list page's title row: the title, the list's Export menu, and the link that adds a record
 * (`create`, shown only to those who may).
 */
export function ListPageHeader(props: {
  title: string;
  exportMenu: ExportMenuProps;
  create: ReactNode;
}) {
  return (
    <Group justify="space-between">
      <PageTitle title={props.title} />
      <Group gap="sm">
        <ExportMenu {...props.exportMenu} />
        {props.create}
      </Group>
    </Group>
  );
}

/** The plus icon every "New …" link of a list page carries. */
export const newIcon = <IconPlus size={18} aria-hidden />;

/**
 * What every list page shows under its filters: the announced count, an error, a loader, an
 * empty state that says whether the filters or the workspace are empty, or the table itself.
 * `id` names the results, so "Skip to results" lands on the table or on the empty state.
 */
export function ListResults<T>(props: {
  id: string;
  list: KeysetList<T>;
  noun: readonly [string, string];
  filtered: boolean;
  /** What the empty state says under its title, filtered and not; `title` replaces the usual one. */
  empty: { title?: string; filtered: string; none: string };
  children: ReactNode;
}) {
  const { list, noun, filtered } = props;
  const { query, items } = list;
  let results: ReactNode;
  if (query.isPending) {
    results = (
      <Center p="xl">
        <Loader aria-label={`Loading ${noun[1]}`} />
      </Center>
    );
  } else if (items.length === 0 && !query.isError) {
    results = (
      <Center p="xl" id={props.id} tabIndex={-1}>
        <Stack align="center" gap="xs" maw={480}>
          <Text fw={600}>
            {filtered ? `No ${noun[0]} matches these filters` : `No ${noun[1]} yet`}
          </Text>
          <Text c="dimmed" size="sm" ta="center">
            {filtered ? props.empty.filtered : props.empty.none}
          </Text>
        </Stack>
      </Center>
    );
  } else {
    results = props.children;
  }
  return (
    <>
      <ResultCount
        pending={query.isPending}
        count={items.length}
        more={list.hasMore}
        noun={noun}
        filtered={filtered}
      />
      {query.isError ? <ErrorAlert error={query.error} /> : null}
      {results}
    </>
  );
}

/** "Show more …" under a short list that loads its next page on request, not on scroll. */
export function ShowMore<T>({
  list,
  label = 'Show more',
}: {
  list: KeysetList<T>;
  label?: string;
}) {
  if (!list.hasMore) return null;
  return (
    <Button variant="default" onClick={list.loadMore} loading={list.loadingMore}>
      {label}
    </Button>
  );
}
