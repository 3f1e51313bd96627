import { Badge, Center, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import type { Column } from '../../components/list/columns';
import { ResultCount, SkipToResults, Truncated } from '../../components/list/ListParts';
import { VirtualTable } from '../../components/list/VirtualTable';
import { PageTitle } from '../../components/PageTitle';
import { type Member, useMembers } from '../settings/settings.api';
import { formatDate, humanize } from './partner-labels';
import { type CoolingPartner, listCooling } from './partners.api';

function overdueText(days: number): string {
  if (days === 0) return 'Due today';
  return `${days} ${days === 1 ? 'day' : 'days'} overdue`;
}

function coolingColumns(members: Map<string, Member>): Column<CoolingPartner>[] {
  return [
    {
      key: 'name',
      header: 'Partner',
      width: 'minmax(180px, 2fr)',
      primary: true,
      cell: (partner) => (
        <AnchorLink
          to="/partners/$partnerId"
          params={{ partnerId: partner.id }}
          fw={600}
          truncate="end"
          title={partner.name}
        >
          {partner.name}
        </AnchorLink>
      ),
    },
    {
      key: 'overdue',
      header: 'Overdue',
      width: 'minmax(120px, 1fr)',
      cell: (partner) => (
        <Badge color="red" variant="light" tt="none">
          {overdueText(partner.daysOverdue)}
        </Badge>
      ),
    },
    {
      key: 'last',
      header: 'Last touch',
      width: 'minmax(110px, 1fr)',
      cell: (partner) => (
        <Truncated>{partner.lastTouchAt ? formatDate(partner.lastTouchAt) : 'Never'}</Truncated>
      ),
    },
    {
      key: 'cadence',
      header: 'Cadence',
      width: 'minmax(90px, 0.8fr)',
      cell: (partner) => <Truncated>{`Every ${partner.cadenceDays} days`}</Truncated>,
    },
    {
      key: 'tier',
      header: 'Tier',
      width: 'minmax(80px, 0.8fr)',
      cell: (partner) => <Truncated>{partner.tier ? humanize(partner.tier) : null}</Truncated>,
    },
    {
      key: 'owner',
      header: 'Owner',
      width: 'minmax(90px, 1fr)',
      cell: (partner) => (
        <Truncated>{(partner.ownerId && members.get(partner.ownerId)?.name) || null}</Truncated>
      ),
    },
  ];
}

/** Partners overdue for contact, longest overdue first: who to get in touch with next. */
export function CoolingPage() {
  const search = useSearch({ from: '/app/cooling' });
  const navigate = useNavigate({ from: '/cooling' });
  const members = useMembers();
  const memberById = useMemo(
    () => new Map((members.data ?? []).map((member) => [member.id, member])),
    [members.data],
  );
  const ownerId = search.ownerId ?? null;
  const cooling = useInfiniteQuery({
    queryKey: ['cooling', ownerId],
    queryFn: ({ pageParam }) => listCooling(ownerId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(
    () => cooling.data?.pages.flatMap((page) => page.items) ?? [],
    [cooling.data],
  );
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = cooling;
  const loadMore = useCallback(() => {
    void fetchNextPage();
  }, [fetchNextPage]);

  return (
    <Stack gap="md">
      <PageTitle title="Cooling" />
      <Text c="dimmed" size="sm">
        Partners past their contact cadence, longest overdue first. Log an interaction with one to
        take it off the list.
      </Text>
      <SkipToResults target="cooling-results" />
      <Group>
        <Select
          label="Owner"
          placeholder="Anyone"
          data={(members.data ?? []).map((member) => ({ value: member.id, label: member.name }))}
          value={ownerId}
          onChange={(value) =>
            void navigate({ search: value ? { ownerId: value } : {}, replace: true })
          }
          searchable
          clearable
          w={260}
        />
      </Group>
      <ResultCount
        pending={cooling.isPending}
        count={items.length}
        more={Boolean(hasNextPage)}
        noun={['partner', 'partners']}
        filtered={ownerId !== null}
      />
      {cooling.isError ? <ErrorAlert error={cooling.error} /> : null}
      {cooling.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading cooling partners" />
        </Center>
      ) : items.length === 0 && !cooling.isError ? (
        <Center p="xl" id="cooling-results" tabIndex={-1}>
          <Stack align="center" gap="xs">
            <Text fw={600}>No partner is overdue for contact</Text>
            <Text c="dimmed" size="sm">
              Every {ownerId ? 'partner of this owner' : 'partner'} was touched within its cadence.
            </Text>
          </Stack>
        </Center>
      ) : (
        <VirtualTable
          id="cooling-results"
          label="Partners overdue for contact"
          noun="partners"
          rows={items}
          rowKey={(partner) => partner.id}
          columns={coolingColumns(memberById)}
          sort="touchDueAt"
          onSort={() => {}}
          hasMore={Boolean(hasNextPage)}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
        />
      )}
    </Stack>
  );
}
