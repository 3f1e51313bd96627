import { Center, Group, Loader, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import { type ContactSort, contactRoles } from '../../../domain/contacts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { canEdit, useSession } from '../auth/session';
import { humanize } from '../partners/partner-labels';
import { ContactTable } from './ContactTable';
import type { ContactListSearch } from './contact-list-search';
import { listContacts } from './contacts.api';

const roleOptions = contactRoles.map((value) => ({ value, label: humanize(value) }));
const sortOptions: Array<{ value: ContactSort; label: string }> = [
  { value: 'lastName', label: 'Last name A–Z' },
  { value: '-lastName', label: 'Last name Z–A' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
];

export function ContactListPage() {
  const search = useSearch({ from: '/app/contacts' });
  const { q } = search;
  const navigate = useNavigate({ from: '/contacts' });
  const session = useSession();
  const [text, setText] = useState(q ?? '');
  const change = (next: ContactListSearch) => navigate({ search: next, replace: true });
  const setQuery = useDebouncedCallback((value: string) => {
    change({ ...search, q: value.trim() ? value : undefined });
  }, 250);
  const contacts = useInfiniteQuery({
    queryKey: ['contacts', search],
    queryFn: ({ pageParam, signal }) => listContacts(search, pageParam, signal),
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
        <Group gap="sm" align="end" wrap="wrap">
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
            w={{ base: '100%', sm: 300 }}
          />
          <MultiSelect
            label="Role"
            data={roleOptions}
            value={search.role ?? []}
            onChange={(roles) =>
              change({
                ...search,
                role: roles.length > 0 ? (roles as ContactListSearch['role']) : undefined,
              })
            }
            placeholder={search.role ? undefined : 'Any'}
            clearable
            w={220}
          />
          <Select
            label="Sort"
            data={sortOptions}
            value={search.sort ?? 'lastName'}
            onChange={(value) =>
              change({
                ...search,
                sort: value && value !== 'lastName' ? (value as ContactSort) : undefined,
              })
            }
            allowDeselect={false}
            w={180}
          />
        </Group>
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
          <Text c="dimmed">
            {q || search.role ? 'No contact matches this search.' : 'No contacts yet.'}
          </Text>
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
