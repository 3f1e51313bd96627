import { Group, Stack, TextInput } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type AgreementSort, agreementStatuses, agreementTypes } from '../../../domain/agreements';
import { ButtonLink } from '../../components/links';
import { SkipToResults } from '../../components/list/ListParts';
import { ListPageHeader, ListResults, newIcon } from '../../components/list/ListResults';
import { FilterBar } from '../../components/list/ListToolbar';
import { MultiFilter } from '../../components/list/MultiFilter';
import { activeFilterCount } from '../../components/list/sort';
import { useKeysetList } from '../../components/list/useKeysetList';
import { NoAccess } from '../../components/NoAccess';
import { can, useSession } from '../auth/session';
import { PartnerFilter } from '../contacts/PartnerPicker';
import { AgreementTable } from './AgreementTable';
import { agreementStatusLabels, agreementTypeLabels } from './agreement-labels';
import type { AgreementListSearch } from './agreement-list-search';
import { listAgreements } from './agreements.api';

const sortOptions: Array<{ value: AgreementSort; label: string }> = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
  { value: 'endOn', label: 'Ending soonest' },
  { value: '-endOn', label: 'Ending latest' },
  { value: 'title', label: 'Title A–Z' },
  { value: '-title', label: 'Title Z–A' },
];
const filterKeys = ['status', 'type', 'endFrom', 'endTo'] as const;

/** Every agreement with every partner: partner search, then status, type, end dates and sort. */
export function AgreementListPage() {
  const search = useSearch({ from: '/app/agreements' });
  const navigate = useNavigate({ from: '/agreements' });
  const session = useSession();
  const change = (next: AgreementListSearch) => navigate({ search: next, replace: true });
  const allowed = can(session, 'agreement.read');
  const agreements = useKeysetList(
    ['agreements', search],
    (cursor, signal) => listAgreements(search, cursor, signal),
    { enabled: allowed },
  );

  if (!allowed) return <NoAccess what="see agreements" />;

  const activeCount = activeFilterCount(search, filterKeys);
  const filtered = Boolean(search.partnerId) || activeCount > 0;
  const sort = search.sort ?? '-createdAt';
  const setSort = (value: string) =>
    change({ ...search, sort: value === '-createdAt' ? undefined : (value as AgreementSort) });
  const day = (key: 'endFrom' | 'endTo', value: string) =>
    change({ ...search, [key]: /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined });

  return (
    <Stack gap="md">
      <ListPageHeader
        title="Agreements"
        exportMenu={{ list: 'agreements', what: 'agreements', query: search }}
        create={
          <Group gap="xs">
            <ButtonLink to="/agreements/renewals" variant="default">
              Renewals
            </ButtonLink>
            {can(session, 'agreement.write') ? (
              <ButtonLink
                to="/agreements/new"
                search={search.partnerId ? { partnerId: search.partnerId } : {}}
                leftSection={newIcon}
              >
                New agreement
              </ButtonLink>
            ) : null}
          </Group>
        }
      />
      <SkipToResults target="agreement-results" />
      <FilterBar
        label="Find agreements"
        lead={
          <PartnerFilter
            value={search.partnerId}
            onChange={(partnerId) => change({ ...search, partnerId })}
          />
        }
        filtered={filtered}
        onClear={() => change(search.sort ? { sort: search.sort } : {})}
        sort={sort}
        sortOptions={sortOptions}
        onSort={setSort}
        activeCount={activeCount}
        columns={3}
      >
        <MultiFilter
          label="Status"
          data={agreementStatuses.map((value) => ({
            value,
            label: agreementStatusLabels[value],
          }))}
          value={search.status}
          onChange={(values) => change({ ...search, status: values })}
        />
        <MultiFilter
          label="Type"
          data={agreementTypes.map((value) => ({ value, label: agreementTypeLabels[value] }))}
          value={search.type}
          onChange={(values) => change({ ...search, type: values })}
        />
        <TextInput
          label="Ends on or after"
          type="date"
          value={search.endFrom ?? ''}
          onChange={(event) => day('endFrom', event.currentTarget.value)}
        />
        <TextInput
          label="Ends on or before"
          type="date"
          value={search.endTo ?? ''}
          onChange={(event) => day('endTo', event.currentTarget.value)}
        />
      </FilterBar>
      <ListResults
        id="agreement-results"
        list={agreements}
        noun={['agreement', 'agreements']}
        filtered={filtered}
        empty={{
          filtered: 'Try fewer filters or another partner.',
          none: 'An agreement records what you and a partner signed: its type, term, value and who signs. Start one with “New agreement” and move it through negotiation to signature.',
        }}
      >
        <AgreementTable
          id="agreement-results"
          agreements={agreements.items}
          sort={sort}
          onSort={setSort}
          hasMore={agreements.hasMore}
          loadingMore={agreements.loadingMore}
          onLoadMore={agreements.loadMore}
        />
      </ListResults>
    </Stack>
  );
}
