import { Stack } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import type { PartnerSort } from '../../../domain/partners';
import { ButtonLink } from '../../components/links';
import { SkipToResults } from '../../components/list/ListParts';
import { ListPageHeader, ListResults, newIcon } from '../../components/list/ListResults';
import { activeFilterCount } from '../../components/list/sort';
import { useKeysetList } from '../../components/list/useKeysetList';
import { can, useSession } from '../auth/session';
import { useMembers } from '../settings/settings.api';
import { PartnerFilters, partnerFilterKeys } from './PartnerFilters';
import { PartnerTable } from './PartnerTable';
import type { PartnerListSearch } from './partner-list-search';
import { listPartners, listQuery } from './partners.api';

export function PartnerListPage() {
  const search = useSearch({ from: '/app/partners' });
  const navigate = useNavigate({ from: '/partners' });
  const session = useSession();
  const members = useMembers();
  const memberById = useMemo(
    () => new Map((members.data ?? []).map((member) => [member.id, member])),
    [members.data],
  );
  const partners = useKeysetList(['partners', search], (cursor, signal) =>
    listPartners(search, cursor, signal),
  );
  const setSearch = (next: PartnerListSearch) => navigate({ search: next, replace: true });
  const filtered = Boolean(search.q) || activeFilterCount(search, partnerFilterKeys) > 0;

  return (
    <Stack gap="md">
      <ListPageHeader
        title="Partners"
        exportMenu={{ list: 'partners', what: 'partners', query: listQuery(search) }}
        create={
          can(session, 'partner.create') ? (
            <ButtonLink to="/partners/new" leftSection={newIcon}>
              New partner
            </ButtonLink>
          ) : null
        }
      />
      <SkipToResults target="partner-results" />
      <PartnerFilters search={search} onChange={setSearch} />
      <ListResults
        id="partner-results"
        list={partners}
        noun={['partner', 'partners']}
        filtered={filtered}
        empty={{
          filtered: 'Try fewer filters or another search.',
          none: 'Add the first organization you partner with.',
        }}
      >
        <PartnerTable
          id="partner-results"
          partners={partners.items}
          members={memberById}
          sort={search.sort ?? 'name'}
          onSort={(sort) =>
            setSearch({ ...search, sort: sort === 'name' ? undefined : (sort as PartnerSort) })
          }
          hasMore={partners.hasMore}
          loadingMore={partners.loadingMore}
          onLoadMore={partners.loadMore}
        />
      </ListResults>
    </Stack>
  );
}
