import { Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import type { Column } from '../../components/list/columns';
import { Truncated } from '../../components/list/ListParts';
import { VirtualTable } from '../../components/list/VirtualTable';
import { formatDay } from '../plans/plan-labels';
import { AgreementStatusBadge, agreementTypeLabels, formatMoney } from './agreement-labels';
import type { Agreement } from './agreements.api';

/** The columns every list of agreements shows; a partner's own list leaves out the partner. */
export const agreementColumns = (withPartner: boolean): Column<Agreement>[] => [
  {
    key: 'title',
    header: 'Agreement',
    width: 'minmax(180px, 2fr)',
    primary: true,
    sort: 'title',
    cell: (agreement) => (
      <AnchorLink
        to="/agreements/$agreementId"
        params={{ agreementId: agreement.id }}
        fw={600}
        truncate="end"
        display="block"
        title={agreement.title}
      >
        {agreement.title}
      </AnchorLink>
    ),
  },
  ...(withPartner
    ? [
        {
          key: 'partner',
          header: 'Partner',
          width: 'minmax(150px, 1.5fr)',
          cell: (agreement: Agreement) => (
            <AnchorLink
              to="/partners/$partnerId"
              params={{ partnerId: agreement.partnerId }}
              search={{ tab: 'agreements' }}
              size="sm"
              truncate="end"
              display="block"
              title={agreement.partnerName}
            >
              {agreement.partnerName}
            </AnchorLink>
          ),
        },
      ]
    : []),
  {
    key: 'type',
    header: 'Type',
    width: 'minmax(100px, 0.8fr)',
    cell: (agreement) => <Text size="sm">{agreementTypeLabels[agreement.type]}</Text>,
  },
  {
    key: 'status',
    header: 'Status',
    width: 'minmax(150px, 1fr)',
    cell: (agreement) => <AgreementStatusBadge status={agreement.status} />,
  },
  {
    key: 'end',
    header: 'Ends',
    width: 'minmax(110px, 0.9fr)',
    sort: 'endOn',
    cell: (agreement) =>
      agreement.endOn ? (
        <Text size="sm">{formatDay(agreement.endOn)}</Text>
      ) : (
        <Text size="sm" c="dimmed">
          No end date
        </Text>
      ),
  },
  {
    key: 'value',
    header: 'Value',
    width: 'minmax(110px, 0.9fr)',
    cell: (agreement) => <Truncated>{formatMoney(agreement.value, agreement.currency)}</Truncated>,
  },
  {
    key: 'owner',
    header: 'Owner',
    width: 'minmax(110px, 1fr)',
    cell: (agreement) => <Truncated>{agreement.ownerName ?? '—'}</Truncated>,
  },
];

type Props = {
  id: string;
  agreements: Agreement[];
  sort: string;
  onSort: (sort: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

/** Every agreement, virtualized like the other registers. */
export function AgreementTable({ agreements, ...props }: Props) {
  return (
    <VirtualTable
      {...props}
      label="Agreements"
      noun="agreements"
      rows={agreements}
      rowKey={(agreement) => agreement.id}
      columns={agreementColumns(true)}
    />
  );
}
