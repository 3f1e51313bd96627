import { Badge, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { AnchorLink } from '../../components/links';
import type { Column } from '../../components/list/columns';
import { Truncated } from '../../components/list/ListParts';
import { ListPageHeader, ListResults } from '../../components/list/ListResults';
import { useKeysetList } from '../../components/list/useKeysetList';
import { VirtualTable } from '../../components/list/VirtualTable';
import { NoAccess } from '../../components/NoAccess';
import { can, useSession } from '../auth/session';
import { PartnerFilter } from '../contacts/PartnerPicker';
import { formatDay } from '../plans/plan-labels';
import { agreementColumns } from './AgreementTable';
import { formatMoney } from './agreement-labels';
import { type RenewalSearch, type RenewalWindow, renewalWindow } from './agreement-list-search';
import { listRenewals, type RenewalItem, type RenewalPage } from './renewals.api';

const windows: Array<{ value: RenewalWindow; label: string }> = [
  { value: '30', label: '30 days' },
  { value: '60', label: '60 days' },
  { value: '90', label: '90 days' },
];

/** What comes next for a renewal: the last day to give notice, or the end of the term. */
function keyDateLabel(item: RenewalItem): string {
  if (item.nextKeyDate === 'notice_deadline') return 'Notice deadline';
  return item.autoRenew ? 'Renews' : 'Ends';
}

const [title, partner, , status] = agreementColumns(true);
const columns: Column<RenewalItem>[] = [
  // Soonest first is the view's one order: the title does not sort here.
  ...([{ ...title, sort: undefined }, partner] as Column<RenewalItem>[]),
  {
    key: 'next',
    header: 'Next key date',
    width: 'minmax(170px, 1.2fr)',
    cell: (item) => (
      <Text size="sm">
        {keyDateLabel(item)} {formatDay(item.nextKeyOn)}
      </Text>
    ),
  },
  {
    key: 'left',
    header: 'Days left',
    width: 'minmax(90px, 0.6fr)',
    cell: (item) => (
      <Badge
        variant="light"
        color={item.daysLeft <= 7 ? 'red' : item.daysLeft <= 30 ? 'orange' : 'gray'}
      >
        {item.daysLeft === 0 ? 'Today' : item.daysLeft === 1 ? '1 day' : `${item.daysLeft} days`}
      </Badge>
    ),
  },
  {
    key: 'value',
    header: 'Value at stake',
    width: 'minmax(120px, 0.9fr)',
    cell: (item) => <Truncated>{formatMoney(item.value, item.currency)}</Truncated>,
  },
  ...([status] as Column<RenewalItem>[]),
  {
    key: 'owner',
    header: 'Owner',
    width: 'minmax(110px, 1fr)',
    cell: (item) => <Truncated>{item.ownerName ?? '—'}</Truncated>,
  },
];

/**
 * The renewals view: agreements in force whose notice deadline or end date falls in the next 30,
 * 60 or 90 days, soonest first, with the value at stake in each currency. Each row opens the
 * agreement, where the renewal decision is taken.
 */
export function RenewalsPage() {
  const search = useSearch({ from: '/app/agreements/renewals' });
  const navigate = useNavigate({ from: '/agreements/renewals' });
  const session = useSession();
  const allowed = can(session, 'agreement.read');
  const within = renewalWindow(search);
  const renewals = useKeysetList(
    ['agreements', 'renewals', search],
    (cursor, signal) => listRenewals(search, cursor, signal),
    { enabled: allowed },
  );
  if (!allowed) return <NoAccess what="see renewals" />;

  // Each page is the API's whole answer; the first carries the window's count and totals.
  const first = renewals.query.data?.pages[0] as RenewalPage | undefined;
  const atStake = (first?.totals ?? [])
    .map((total) => formatMoney(total.value, total.currency))
    .join(' + ');

  return (
    <Stack gap="md">
      <ListPageHeader
        title="Renewals"
        exportMenu={{
          list: 'agreements/renewals',
          what: 'renewals',
          query: { within, partnerId: search.partnerId },
        }}
        create={null}
      />
      <Group align="flex-end" gap="md" wrap="wrap">
        <SegmentedControl
          aria-label="Coming up in the next"
          value={within}
          data={windows}
          onChange={(value) =>
            navigate({
              search: { ...search, within: Number(value) as RenewalSearch['within'] },
              replace: true,
            })
          }
        />
        <PartnerFilter
          value={search.partnerId}
          onChange={(partnerId) => navigate({ search: { ...search, partnerId }, replace: true })}
        />
      </Group>
      {first ? (
        <Text role="status" size="sm">
          {first.agreements === 1 ? '1 agreement' : `${first.agreements} agreements`} from{' '}
          {formatDay(first.today)} to {formatDay(first.until)}
          {atStake ? `, ${atStake} at stake` : ''}. Open one to decide: renew, renegotiate or
          terminate.
        </Text>
      ) : null}
      <ListResults
        id="renewal-results"
        list={renewals}
        noun={['renewal', 'renewals']}
        filtered={Boolean(search.partnerId)}
        empty={{
          filtered: 'No renewal of this partner in the window. Try a longer window.',
          none: `No notice deadline or end date in the next ${within} days. Try a longer window, or see every agreement.`,
        }}
      >
        <VirtualTable
          id="renewal-results"
          label="Renewals"
          noun="renewals"
          rows={renewals.items}
          rowKey={(item) => item.id}
          columns={columns}
          sort=""
          onSort={() => {}}
          hasMore={renewals.hasMore}
          loadingMore={renewals.loadingMore}
          onLoadMore={renewals.loadMore}
        />
      </ListResults>
      <AnchorLink to="/agreements" size="sm">
        All agreements
      </AnchorLink>
    </Stack>
  );
}
