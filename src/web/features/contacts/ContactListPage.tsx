import { Center, Group, Loader, MultiSelect, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import { type ContactRole, type ContactSort, contactRoles } from '../../../domain/contacts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { ExportMenu } from '../../components/list/ExportMenu';
import { ResultCount, SkipToResults } from '../../components/list/ListParts';
import { ListToolbar } from '../../components/list/ListToolbar';
import { activeFilterCount } from '../../components/list/sort';
import { PageTitle } from '../../components/PageTitle';
import { can, useSession } from '../auth/session';
import { humanize } from '../partners/partner-labels';
import { partnerQuery } from '../partners/partners.api';
import { ContactTable } from './ContactTable';
import type { ContactListSearch } from './contact-list-search';
import { listContacts } from './contacts.api';
import { PartnerPicker } from './PartnerPicker';

const roleOptions = contactRoles.map((value) => ({ value, label: humanize(value) }));
/** Every order the API can sort contacts in. */
const sortOptions: Array<{ value: ContactSort; label: string }> = [
  { value: 'lastName', label: 'Last name A–Z' },
  { value: '-lastName', label: 'Last name Z–A' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
];
const filterKeys = ['partnerId', 'role'] as const;

export function ContactListPage() {
  const search = useSearch({ from: '/app/contacts' });
  const navigate = useNavigate({ from: '/contacts' });
  const session = useSession();
  const change = (next: ContactListSearch) => navigate({ search: next, replace: true });
  // The chosen partner's name, for the filter, when the list opens from a link.
  const partner = useQuery({
    ...partnerQuery(search.partnerId ?? ''),
    enabled: !!search.partnerId,
  });
  const [partnerName, setPartnerName] = useState<string | null>(null);
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
  const activeCount = activeFilterCount(search, filterKeys);
  const filtered = Boolean(search.q) || activeCount > 0;
  const sort = search.sort ?? 'lastName';
  const setSort = (value: string) =>
    change({ ...search, sort: value === 'lastName' ? undefined : (value as ContactSort) });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle title="Contacts" />
        <Group gap="sm">
          <ExportMenu list="contacts" what="contacts" query={search} />
          {can(session, 'contact.create') ? (
            <ButtonLink
              to="/contacts/new"
              search={search.partnerId ? { partnerId: search.partnerId } : {}}
              leftSection={<IconPlus size={18} aria-hidden />}
            >
              New contact
            </ButtonLink>
          ) : null}
        </Group>
      </Group>
      <SkipToResults target="contact-results" />
      <ListToolbar
        label="Find contacts"
        searchPlaceholder="Search name or email"
        query={search.q}
        onQuery={(q) => change({ ...search, q })}
        sort={sort}
        sortOptions={sortOptions}
        onSort={setSort}
        activeCount={activeCount}
        onClear={() => change(search.sort ? { sort: search.sort } : {})}
      >
        <PartnerPicker
          required={false}
          placeholder="Any partner"
          value={search.partnerId ?? null}
          selectedName={partnerName ?? partner.data?.partner.name ?? null}
          onChange={(id, name) => {
            setPartnerName(name);
            change({ ...search, partnerId: id ?? undefined });
          }}
        />
        <MultiSelect
          label="Role"
          data={roleOptions}
          value={search.role ?? []}
          onChange={(roles) =>
            change({
              ...search,
              role: roles.length > 0 ? (roles as ContactRole[]) : undefined,
            })
          }
          placeholder={search.role ? undefined : 'Any'}
          clearable
        />
      </ListToolbar>
      <ResultCount
        pending={contacts.isPending}
        count={items.length}
        more={Boolean(hasNextPage)}
        noun={['contact', 'contacts']}
        filtered={filtered}
      />
      {contacts.isError ? <ErrorAlert error={contacts.error} /> : null}
      {contacts.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading contacts" />
        </Center>
      ) : items.length === 0 && !contacts.isError ? (
        <Center p="xl" id="contact-results" tabIndex={-1}>
          <Stack align="center" gap="xs">
            <Text fw={600}>
              {filtered ? 'No contact matches these filters' : 'No contacts yet'}
            </Text>
            <Text c="dimmed" size="sm">
              {filtered
                ? 'Try fewer filters or another search.'
                : 'Add the people you work with at your partners.'}
            </Text>
          </Stack>
        </Center>
      ) : (
        <ContactTable
          id="contact-results"
          contacts={items}
          sort={sort}
          onSort={setSort}
          hasMore={Boolean(hasNextPage)}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
        />
      )}
    </Stack>
  );
}
