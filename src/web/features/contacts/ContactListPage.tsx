import { Center, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { canEdit, useSession } from '../auth/session';
import { ContactTable } from './ContactTable';
import { listContacts } from './contacts.api';

export function ContactListPage() {
  const { q } = useSearch({ from: '/app/contacts' });
  const navigate = useNavigate({ from: '/contacts' });
  const session = useSession();
  const [text, setText] = useState(q ?? '');
  const setQuery = useDebouncedCallback((value: string) => {
    navigate({ search: value.trim() ? { q: value } : {}, replace: true });
  }, 250);
  const contacts = useInfiniteQuery({
    queryKey: ['contacts', { q }],
    queryFn: ({ pageParam, signal }) => listContacts({ q }, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(
    () => contacts.data?.pages.flatMap((page) => page.items) ?? [],
    [contacts.data],
  );
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = contacts;
  const loadMore = useCallback(() => {
    void fetchNextPage();
  }, [fetchNextPage]);

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <PageTitle title="Contacts" />
        {canEdit(session) ? (
          <ButtonLink to="/contacts/new" leftSection={<IconPlus size={18} aria-hidden />}>
            New contact
          </ButtonLink>
        ) : null}
      </Group>
      <search aria-label="Find contacts">
        <TextInput
          label="Search"
          placeholder="Name or email"
          type="search"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setQuery(event.currentTarget.value);
          }}
          maw={360}
        />
      </search>
      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        {contacts.isPending
          ? 'Loading contacts…'
          : `${items.length}${hasNextPage ? '+' : ''} ${items.length === 1 ? 'contact' : 'contacts'}`}
      </Text>
      {contacts.isError ? <ErrorAlert error={contacts.error} /> : null}
      {contacts.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading contacts" />
        </Center>
      ) : items.length === 0 ? (
        <Center p="xl">
          <Text c="dimmed">{q ? 'No contact matches this search.' : 'No contacts yet.'}</Text>
        </Center>
      ) : (
        <ContactTable
          contacts={items}
          hasMore={Boolean(hasNextPage)}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
        />
      )}
    </Stack>
  );
}
