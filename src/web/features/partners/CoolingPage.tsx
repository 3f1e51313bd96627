import { Badge, Group, Select, Stack, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { AnchorLink } from '../../components/links';
import type { Column } from '../../components/list/columns';
import { SkipToResults, Truncated } from '../../components/list/ListParts';
import { ListResults } from '../../components/list/ListResults';
import { useKeysetList } from '../../components/list/useKeysetList';
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
  const cooling = useKeysetList(['cooling', ownerId], (cursor) => listCooling(ownerId, cursor));

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
      <ListResults
        id="cooling-results"
        list={cooling}
        noun={['partner', 'partners']}
        filtered={ownerId !== null}
        empty={{
          title: 'No partner is overdue for contact',
          filtered: 'Every partner of this owner was touched within its cadence.',
          none: 'Every partner was touched within its cadence.',
        }}
      >
        <VirtualTable
          id="cooling-results"
          label="Partners overdue for contact"
          noun="partners"
          rows={cooling.items}
          rowKey={(partner) => partner.id}
          columns={coolingColumns(memberById)}
          sort="touchDueAt"
          onSort={() => {}}
          hasMore={cooling.hasMore}
          loadingMore={cooling.loadingMore}
          onLoadMore={cooling.loadMore}
        />
      </ListResults>
    </Stack>
  );
}
