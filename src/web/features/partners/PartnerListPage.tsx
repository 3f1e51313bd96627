import { Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import type { PartnerSort } from '../../../domain/partners';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { ExportMenu } from '../../components/list/ExportMenu';
import { ResultCount, SkipToResults } from '../../components/list/ListParts';
import { activeFilterCount } from '../../components/list/sort';
import { PageTitle } from '../../components/PageTitle';
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
  const partners = useInfiniteQuery({
    queryKey: ['partners', search],
    queryFn: ({ pageParam, signal }) => listPartners(search, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(
    () => partners.data?.pages.flatMap((page) => page.items) ?? [],
    [partners.data],
  );
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = partners;
  const loadMore = useCallback(() => {
    void fetchNextPage();
  }, [fetchNextPage]);
  const setSearch = (next: PartnerListSearch) => navigate({ search: next, replace: true });
  const filtered = Boolean(search.q) || activeFilterCount(search, partnerFilterKeys) > 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <PageTitle title="Partners" />
        <Group gap="sm">
          <ExportMenu list="partners" what="partners" query={listQuery(search)} />
          {can(session, 'partner.create') ? (
            <ButtonLink to="/partners/new" leftSection={<IconPlus size={18} aria-hidden />}>
              New partner
            </ButtonLink>
          ) : null}
        </Group>
      </Group>
      <SkipToResults target="partner-results" />
      <PartnerFilters search={search} onChange={setSearch} />
      <ResultCount
        pending={partners.isPending}
        count={items.length}
        more={Boolean(hasNextPage)}
        noun={['partner', 'partners']}
        filtered={filtered}
      />
      {partners.isError ? <ErrorAlert error={partners.error} /> : null}
      {partners.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading partners" />
        </Center>
      ) : items.length === 0 && !partners.isError ? (
        <Center p="xl" id="partner-results" tabIndex={-1}>
          <Stack align="center" gap="xs">
            <Text fw={600}>
              {filtered ? 'No partner matches these filters' : 'No partners yet'}
            </Text>
            <Text c="dimmed" size="sm">
              {filtered
                ? 'Try fewer filters or another search.'
                : 'Add the first organization you partner with.'}
            </Text>
          </Stack>
        </Center>
      ) : (
        <PartnerTable
          id="partner-results"
          partners={items}
          members={memberById}
          sort={search.sort ?? 'name'}
          onSort={(sort) =>
            setSearch({ ...search, sort: sort === 'name' ? undefined : (sort as PartnerSort) })
          }
          hasMore={Boolean(hasNextPage)}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
        />
      )}
    </Stack>
  );
}
