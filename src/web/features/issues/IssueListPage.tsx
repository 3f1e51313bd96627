import { Center, Checkbox, Group, Loader, MultiSelect, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import {
  type IssueKind,
  type IssueSeverity,
  type IssueSort,
  type IssueStatus,
  issueKinds,
  issueSeverities,
  issueStatuses,
} from '../../../domain/issues';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { ExportMenu } from '../../components/list/ExportMenu';
import { ResultCount, SkipToResults } from '../../components/list/ListParts';
import { ListToolbar } from '../../components/list/ListToolbar';
import { activeFilterCount } from '../../components/list/sort';
import { PageTitle } from '../../components/PageTitle';
import { can, useSession } from '../auth/session';
import { PartnerPicker } from '../contacts/PartnerPicker';
import { humanize } from '../partners/partner-labels';
import { partnerQuery } from '../partners/partners.api';
import { useMyMemberId } from '../settings/settings.api';
import { IssueTable } from './IssueTable';
import type { IssueListSearch } from './issue-list-search';
import { listIssues } from './issues.api';

const optionsOf = (values: readonly string[]) =>
  values.map((value) => ({ value, label: humanize(value) }));
/** Every order the API can sort issues in. */
const sortOptions: Array<{ value: IssueSort; label: string }> = [
  { value: 'dueOn', label: 'Due soonest' },
  { value: '-dueOn', label: 'Due latest' },
  { value: '-severity', label: 'Most severe first' },
  { value: 'severity', label: 'Least severe first' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
];
const filterKeys = ['partnerId', 'ownerId', 'status', 'severity', 'kind', 'overdue'] as const;

/** The issues and conflicts register: every issue with every partner, overdue ones flagged. */
export function IssueListPage() {
  const search = useSearch({ from: '/app/issues' });
  const navigate = useNavigate({ from: '/issues' });
  const session = useSession();
  const change = (next: IssueListSearch) => navigate({ search: next, replace: true });
  const partner = useQuery({
    ...partnerQuery(search.partnerId ?? ''),
    enabled: !!search.partnerId,
  });
  const [partnerName, setPartnerName] = useState<string | null>(null);
  const issues = useInfiniteQuery({
    queryKey: ['issues', search],
    queryFn: ({ pageParam, signal }) => listIssues(search, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(
    () => issues.data?.pages.flatMap((page) => page.items) ?? [],
    [issues.data],
  );
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = issues;
  const loadMore = useCallback(() => {
    void fetchNextPage();
  }, [fetchNextPage]);
  const activeCount = activeFilterCount(search, filterKeys);
  const filtered = Boolean(search.q) || activeCount > 0;
  const sort = search.sort ?? 'dueOn';
  const setSort = (value: string) =>
    change({ ...search, sort: value === 'dueOn' ? undefined : (value as IssueSort) });
  const mine = useMyMemberId();

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle title="Issues" />
        <Group gap="sm">
          <ExportMenu list="issues" what="issues" query={search} />
          {can(session, 'issue.create') ? (
            <ButtonLink
              to="/issues/new"
              search={search.partnerId ? { partnerId: search.partnerId } : {}}
              leftSection={<IconPlus size={18} aria-hidden />}
            >
              New issue
            </ButtonLink>
          ) : null}
        </Group>
      </Group>
      <SkipToResults target="issue-results" />
      <ListToolbar
        label="Find issues"
        searchPlaceholder="Search titles"
        query={search.q}
        onQuery={(q) => change({ ...search, q })}
        sort={sort}
        sortOptions={sortOptions}
        onSort={setSort}
        activeCount={activeCount}
        onClear={() => change(search.sort ? { sort: search.sort } : {})}
      >
        <MultiSelect
          label="Status"
          data={optionsOf(issueStatuses)}
          value={search.status ?? []}
          onChange={(v) =>
            change({ ...search, status: v.length ? (v as IssueStatus[]) : undefined })
          }
          placeholder={search.status ? undefined : 'Any'}
          clearable
        />
        <MultiSelect
          label="Severity"
          data={optionsOf(issueSeverities)}
          value={search.severity ?? []}
          onChange={(v) =>
            change({ ...search, severity: v.length ? (v as IssueSeverity[]) : undefined })
          }
          placeholder={search.severity ? undefined : 'Any'}
          clearable
        />
        <MultiSelect
          label="Kind"
          data={optionsOf(issueKinds)}
          value={search.kind ?? []}
          onChange={(v) => change({ ...search, kind: v.length ? (v as IssueKind[]) : undefined })}
          placeholder={search.kind ? undefined : 'Any'}
          clearable
        />
        <PartnerPicker
          required={false}
          placeholder="Any partner"
          value={search.partnerId ?? null}
          selectedName={partnerName ?? partner.data?.partner.name ?? null}
          onChange={(id, name) => {
            setPartnerName(name);
            change({ ...search, partnerId: id ?? undefined });
          }}
        />
        <Stack gap={8} justify="flex-end">
          <Checkbox
            label="Overdue only"
            checked={search.overdue === 'true'}
            onChange={(event) =>
              change({ ...search, overdue: event.currentTarget.checked ? 'true' : undefined })
            }
          />
          {mine ? (
            <Checkbox
              label="Mine only"
              checked={search.ownerId === mine}
              onChange={(event) =>
                change({ ...search, ownerId: event.currentTarget.checked ? mine : undefined })
              }
            />
          ) : null}
        </Stack>
      </ListToolbar>
      <ResultCount
        pending={issues.isPending}
        count={items.length}
        more={Boolean(hasNextPage)}
        noun={['issue', 'issues']}
        filtered={filtered}
      />
      {issues.isError ? <ErrorAlert error={issues.error} /> : null}
      {issues.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading issues" />
        </Center>
      ) : items.length === 0 && !issues.isError ? (
        <Center p="xl" id="issue-results" tabIndex={-1}>
          <Stack align="center" gap="xs">
            <Text fw={600}>{filtered ? 'No issue matches these filters' : 'No issues yet'}</Text>
            <Text c="dimmed" size="sm">
              {filtered
                ? 'Try fewer filters or another search.'
                : 'Raise an issue when something with a partner needs resolving.'}
            </Text>
          </Stack>
        </Center>
      ) : (
        <IssueTable
          id="issue-results"
          issues={items}
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
