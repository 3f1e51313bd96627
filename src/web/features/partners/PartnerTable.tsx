import { Badge, Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import type { Column } from '../../components/list/columns';
import { TagList, Truncated } from '../../components/list/ListParts';
import { VirtualTable } from '../../components/list/VirtualTable';
import { bandColor } from '../health/health-labels';
import type { Member } from '../settings/settings.api';
import { countryName, formatDate, humanize } from './partner-labels';
import type { Partner } from './partners.api';
import { StageBadge } from './StageBadge';

type Props = {
  id: string;
  partners: Partner[];
  members: Map<string, Member>;
  sort: string;
  onSort: (sort: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

function partnerColumns(members: Map<string, Member>): Column<Partner>[] {
  return [
    {
      key: 'name',
      header: 'Name',
      width: 'minmax(180px, 2.2fr)',
      primary: true,
      sort: 'name',
      cell: (partner) => (
        <>
          <AnchorLink
            to="/partners/$partnerId"
            params={{ partnerId: partner.id }}
            fw={600}
            truncate="end"
            title={partner.name}
          >
            {partner.name}
          </AnchorLink>
          {partner.archivedAt || partner.domains[0] ? (
            <Truncated size="xs" c="dimmed">
              {`${partner.archivedAt ? 'Archived · ' : ''}${partner.domains[0] ?? ''}`}
            </Truncated>
          ) : null}
        </>
      ),
    },
    {
      key: 'type',
      header: 'Type',
      width: 'minmax(90px, 1fr)',
      cell: (partner) => <Truncated>{humanize(partner.type)}</Truncated>,
    },
    {
      key: 'tier',
      header: 'Tier',
      width: 'minmax(80px, 0.8fr)',
      cell: (partner) => <Truncated>{partner.tier ? humanize(partner.tier) : null}</Truncated>,
    },
    {
      key: 'stage',
      header: 'Stage',
      width: 'minmax(104px, 0.9fr)',
      cell: (partner) => <StageBadge stage={partner.stage} />,
    },
    {
      key: 'country',
      header: 'Country',
      width: 'minmax(90px, 1fr)',
      cell: (partner) => (
        <Truncated>{partner.country ? countryName(partner.country) : null}</Truncated>
      ),
    },
    {
      key: 'owner',
      header: 'Owner',
      width: 'minmax(90px, 1fr)',
      cell: (partner) => (
        <Truncated>{(partner.ownerId && members.get(partner.ownerId)?.name) || null}</Truncated>
      ),
    },
    {
      key: 'health',
      header: 'Health',
      width: 'minmax(80px, 0.7fr)',
      sort: 'health',
      cell: (partner) =>
        partner.healthScore === null ? (
          <Text size="sm" c="dimmed">
            Not yet
          </Text>
        ) : (
          <Badge color={bandColor(partner.healthScore)} variant="light" tt="none">
            {partner.healthScore}
          </Badge>
        ),
    },
    {
      key: 'tags',
      header: 'Tags',
      width: 'minmax(120px, 1.3fr)',
      cell: (partner) => <TagList tags={partner.tags} max={2} />,
    },
    {
      key: 'updated',
      header: 'Updated',
      width: 'minmax(100px, 0.8fr)',
      sort: 'updatedAt',
      sortFirst: 'desc',
      cell: (partner) => (
        <Text size="sm" c="dimmed">
          {formatDate(partner.updatedAt)}
        </Text>
      ),
    },
  ];
}

/** The partner list: a sortable table on wide screens, cards on phones, virtualized. */
export function PartnerTable({ partners, members, ...props }: Props) {
  return (
    <VirtualTable
      {...props}
      label="Partners"
      noun="partners"
      rows={partners}
      rowKey={(partner) => partner.id}
      columns={partnerColumns(members)}
    />
  );
}
