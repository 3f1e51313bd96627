import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type PlanSort, planStatuses } from '../../../domain/plans';
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
import { workspaceQuery } from '../settings/settings.api';
import { PlanTable } from './PlanTable';
import { periodOptions, planStatusLabels } from './plan-labels';
import type { PlanListSearch } from './plan-list-search';
import { listPlans } from './plans.api';

/** Every order the API can sort plans in. */
const sortOptions: Array<{ value: PlanSort; label: string }> = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
  { value: '-period', label: 'Latest period first' },
  { value: 'period', label: 'Earliest period first' },
];
const filterKeys = ['status', 'period'] as const;

/**
 * The joint business plans of every partner. Plans have no text to search, so the search is
 * the partner's name; status, period and sort sit behind one "Filters" button (decision 019).
 */
export function PlanListPage() {
  const search = useSearch({ from: '/app/plans' });
  const navigate = useNavigate({ from: '/plans' });
  const session = useSession();
  const change = (next: PlanListSearch) => navigate({ search: next, replace: true });
  const workspace = useQuery(workspaceQuery);
  const allowed = can(session, 'plan.read');
  const plans = useKeysetList(
    ['plans', search],
    (cursor, signal) => listPlans(search, cursor, signal),
    { enabled: allowed },
  );

  if (!allowed) return <NoAccess what="see plans" />;

  const activeCount = activeFilterCount(search, filterKeys);
  const filtered = Boolean(search.partnerId) || activeCount > 0;
  const sort = search.sort ?? '-createdAt';
  const setSort = (value: string) =>
    change({ ...search, sort: value === '-createdAt' ? undefined : (value as PlanSort) });
  const periods = workspace.data
    ? periodOptions(workspace.data.workspace.currentPeriod, search.period ?? [])
    : (search.period ?? []).map((value) => ({ value, label: value }));

  return (
    <Stack gap="md">
      <ListPageHeader
        title="Plans"
        exportMenu={{ list: 'plans', what: 'plans', query: search }}
        create={
          can(session, 'plan.write') ? (
            <ButtonLink
              to="/plans/new"
              search={search.partnerId ? { partnerId: search.partnerId } : {}}
              leftSection={newIcon}
            >
              New plan
            </ButtonLink>
          ) : null
        }
      />
      <SkipToResults target="plan-results" />
      <FilterBar
        label="Find plans"
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
          data={planStatuses.map((value) => ({ value, label: planStatusLabels[value] }))}
          value={search.status}
          onChange={(values) => change({ ...search, status: values })}
        />
        <MultiFilter
          label="Period"
          data={periods}
          value={search.period}
          onChange={(values) => change({ ...search, period: values })}
        />
      </FilterBar>
      <ListResults
        id="plan-results"
        list={plans}
        noun={['plan', 'plans']}
        filtered={filtered}
        empty={{
          filtered: 'Try fewer filters or another partner.',
          none: 'A plan says what you and a partner mean to achieve in a fiscal year or quarter. Start one with “New plan”, propose it to the partner, and record their agreement.',
        }}
      >
        <PlanTable
          id="plan-results"
          plans={plans.items}
          sort={sort}
          onSort={setSort}
          hasMore={plans.hasMore}
          loadingMore={plans.loadingMore}
          onLoadMore={plans.loadMore}
        />
      </ListResults>
    </Stack>
  );
}
