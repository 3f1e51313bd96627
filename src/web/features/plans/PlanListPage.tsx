import {
  Button,
  Center,
  Collapse,
  Group,
  Loader,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useId, useMemo, useState } from 'react';
import { type PlanSort, type PlanStatus, planStatuses } from '../../../domain/plans';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { ExportMenu } from '../../components/list/ExportMenu';
import { ResultCount, SkipToResults } from '../../components/list/ListParts';
import { FiltersButton } from '../../components/list/ListToolbar';
import { activeFilterCount } from '../../components/list/sort';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { can, useSession } from '../auth/session';
import { PartnerPicker } from '../contacts/PartnerPicker';
import { partnerQuery } from '../partners/partners.api';
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
  const partner = useQuery({
    ...partnerQuery(search.partnerId ?? ''),
    enabled: !!search.partnerId,
  });
  const workspace = useQuery(workspaceQuery);
  const [partnerName, setPartnerName] = useState<string | null>(null);
  const [opened, { toggle }] = useDisclosure(false);
  const panelId = useId();
  const allowed = can(session, 'plan.read');
  const plans = useInfiniteQuery({
    queryKey: ['plans', search],
    queryFn: ({ pageParam, signal }) => listPlans(search, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: allowed,
  });
  const items = useMemo(() => plans.data?.pages.flatMap((page) => page.items) ?? [], [plans.data]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = plans;
  const loadMore = useCallback(() => {
    void fetchNextPage();
  }, [fetchNextPage]);

  if (!allowed) return <NoAccess what="see plans" />;

  const activeCount = activeFilterCount(search, filterKeys);
  const filtered = Boolean(search.partnerId) || activeCount > 0;
  const sort = search.sort ?? '-createdAt';
  const setSort = (value: string) =>
    change({ ...search, sort: value === '-createdAt' ? undefined : (value as PlanSort) });
  const periods = workspace.data
    ? periodOptions(workspace.data.workspace.currentPeriod, search.period ?? [])
    : (search.period ?? []).map((value) => ({ value, label: value }));
  const clear = () => {
    setPartnerName(null);
    change(search.sort ? { sort: search.sort } : {});
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle title="Plans" />
        <Group gap="sm">
          <ExportMenu list="plans" what="plans" query={search} />
          {can(session, 'plan.write') ? (
            <ButtonLink
              to="/plans/new"
              search={search.partnerId ? { partnerId: search.partnerId } : {}}
              leftSection={<IconPlus size={18} aria-hidden />}
            >
              New plan
            </ButtonLink>
          ) : null}
        </Group>
      </Group>
      <SkipToResults target="plan-results" />
      <search aria-label="Find plans">
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap" align="end">
            <div style={{ flex: '1 1 auto', maxWidth: 360, minWidth: 0 }}>
              <PartnerPicker
                label="Partner"
                required={false}
                placeholder="Any partner"
                value={search.partnerId ?? null}
                selectedName={partnerName ?? partner.data?.partner.name ?? null}
                onChange={(id, name) => {
                  setPartnerName(name);
                  change({ ...search, partnerId: id ?? undefined });
                }}
              />
            </div>
            <FiltersButton
              opened={opened}
              activeCount={activeCount}
              panelId={panelId}
              onToggle={toggle}
            />
            {filtered ? (
              <Button
                variant="subtle"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={clear}
                visibleFrom="xs"
                style={{ flex: '0 0 auto' }}
              >
                Clear
              </Button>
            ) : null}
          </Group>
          <Collapse expanded={opened} id={panelId}>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" pb="xs">
              <MultiSelect
                label="Status"
                data={planStatuses.map((value) => ({ value, label: planStatusLabels[value] }))}
                value={search.status ?? []}
                onChange={(v) =>
                  change({ ...search, status: v.length ? (v as PlanStatus[]) : undefined })
                }
                placeholder={search.status ? undefined : 'Any'}
                clearable
              />
              <MultiSelect
                label="Period"
                data={periods}
                value={search.period ?? []}
                onChange={(v) => change({ ...search, period: v.length ? v : undefined })}
                placeholder={search.period ? undefined : 'Any'}
                clearable
              />
              <Select
                label="Sort"
                data={sortOptions}
                value={sort}
                onChange={(value) => value && setSort(value)}
                allowDeselect={false}
              />
            </SimpleGrid>
            {filtered ? (
              <Button
                variant="subtle"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={clear}
                hiddenFrom="xs"
                mt="xs"
              >
                Clear filters
              </Button>
            ) : null}
          </Collapse>
        </Stack>
      </search>
      <ResultCount
        pending={plans.isPending}
        count={items.length}
        more={Boolean(hasNextPage)}
        noun={['plan', 'plans']}
        filtered={filtered}
      />
      {plans.isError ? <ErrorAlert error={plans.error} /> : null}
      {plans.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading plans" />
        </Center>
      ) : items.length === 0 && !plans.isError ? (
        <Center p="xl" id="plan-results" tabIndex={-1}>
          <Stack align="center" gap="xs" maw={480}>
            <Text fw={600}>{filtered ? 'No plan matches these filters' : 'No plans yet'}</Text>
            <Text c="dimmed" size="sm" ta="center">
              {filtered
                ? 'Try fewer filters or another partner.'
                : 'A plan says what you and a partner mean to achieve in a fiscal year or quarter. Start one with “New plan”, propose it to the partner, and record their agreement.'}
            </Text>
          </Stack>
        </Center>
      ) : (
        <PlanTable
          id="plan-results"
          plans={items}
          sort={sort}
          onSort={setSort}
          hasMore={Boolean(hasNextPage)}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
        />
      )}
    </Stack>
  );
}
