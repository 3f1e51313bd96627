import { Stack } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type ContactSort, contactRoles } from '../../../domain/contacts';
import { ButtonLink } from '../../components/links';
import { SkipToResults } from '../../components/list/ListParts';
import { ListPageHeader, ListResults, newIcon } from '../../components/list/ListResults';
import { ListToolbar } from '../../components/list/ListToolbar';
import { MultiFilter } from '../../components/list/MultiFilter';
import { activeFilterCount } from '../../components/list/sort';
import { useKeysetList } from '../../components/list/useKeysetList';
import { can, useSession } from '../auth/session';
import { humanize } from '../partners/partner-labels';
import { ContactTable } from './ContactTable';
import type { ContactListSearch } from './contact-list-search';
import { listContacts } from './contacts.api';
import { PartnerFilter } from './PartnerPicker';

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
  const contacts = useKeysetList(['contacts', search], (cursor, signal) =>
    listContacts(search, cursor, signal),
  );
  const activeCount = activeFilterCount(search, filterKeys);
  const filtered = Boolean(search.q) || activeCount > 0;
  const sort = search.sort ?? 'lastName';
  const setSort = (value: string) =>
    change({ ...search, sort: value === 'lastName' ? undefined : (value as ContactSort) });

  return (
    <Stack gap="md">
      <ListPageHeader
        title="Contacts"
        exportMenu={{ list: 'contacts', what: 'contacts', query: search }}
        create={
          can(session, 'contact.create') ? (
            <ButtonLink
              to="/contacts/new"
              search={search.partnerId ? { partnerId: search.partnerId } : {}}
              leftSection={newIcon}
            >
              New contact
            </ButtonLink>
          ) : null
        }
      />
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
        <PartnerFilter
          value={search.partnerId}
          onChange={(partnerId) => change({ ...search, partnerId })}
        />
        <MultiFilter
          label="Role"
          data={roleOptions}
          value={search.role}
          onChange={(values) => change({ ...search, role: values })}
        />
      </ListToolbar>
      <ListResults
        id="contact-results"
        list={contacts}
        noun={['contact', 'contacts']}
        filtered={filtered}
        empty={{
          filtered: 'Try fewer filters or another search.',
          none: 'Add the people you work with at your partners.',
        }}
      >
        <ContactTable
          id="contact-results"
          contacts={contacts.items}
          sort={sort}
          onSort={setSort}
          hasMore={contacts.hasMore}
          loadingMore={contacts.loadingMore}
          onLoadMore={contacts.loadMore}
        />
      </ListResults>
    </Stack>
  );
}
