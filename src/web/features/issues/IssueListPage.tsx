import { Checkbox, Stack } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type IssueSort, issueKinds, issueSeverities, issueStatuses } from '../../../domain/issues';
import { ButtonLink } from '../../components/links';
import { SkipToResults } from '../../components/list/ListParts';
import { ListPageHeader, ListResults, newIcon } from '../../components/list/ListResults';
import { ListToolbar } from '../../components/list/ListToolbar';
import { MultiFilter } from '../../components/list/MultiFilter';
import { activeFilterCount } from '../../components/list/sort';
import { useKeysetList } from '../../components/list/useKeysetList';
import { can, useSession } from '../auth/session';
import { PartnerFilter } from '../contacts/PartnerPicker';
import { humanize } from '../partners/partner-labels';
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
  const issues = useKeysetList(['issues', search], (cursor, signal) =>
    listIssues(search, cursor, signal),
  );
  const activeCount = activeFilterCount(search, filterKeys);
  const filtered = Boolean(search.q) || activeCount > 0;
  const sort = search.sort ?? 'dueOn';
  const setSort = (value: string) =>
    change({ ...search, sort: value === 'dueOn' ? undefined : (value as IssueSort) });
  const mine = useMyMemberId();

  return (
    <Stack gap="md">
      <ListPageHeader
        title="Issues"
        exportMenu={{ list: 'issues', what: 'issues', query: search }}
        create={
          can(session, 'issue.create') ? (
            <ButtonLink
              to="/issues/new"
              search={search.partnerId ? { partnerId: search.partnerId } : {}}
              leftSection={newIcon}
            >
              New issue
            </ButtonLink>
          ) : null
        }
      />
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
        <MultiFilter
          label="Status"
          data={optionsOf(issueStatuses)}
          value={search.status}
          onChange={(values) => change({ ...search, status: values })}
        />
        <MultiFilter
          label="Severity"
          data={optionsOf(issueSeverities)}
          value={search.severity}
          onChange={(values) => change({ ...search, severity: values })}
        />
        <MultiFilter
          label="Kind"
          data={optionsOf(issueKinds)}
          value={search.kind}
          onChange={(values) => change({ ...search, kind: values })}
        />
        <PartnerFilter
          value={search.partnerId}
          onChange={(partnerId) => change({ ...search, partnerId })}
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
      <ListResults
        id="issue-results"
        list={issues}
        noun={['issue', 'issues']}
        filtered={filtered}
        empty={{
          filtered: 'Try fewer filters or another search.',
          none: 'Raise an issue when something with a partner needs resolving.',
        }}
      >
        <IssueTable
          id="issue-results"
          issues={issues.items}
          sort={sort}
          onSort={setSort}
          hasMore={issues.hasMore}
          loadingMore={issues.loadingMore}
          onLoadMore={issues.loadMore}
        />
      </ListResults>
    </Stack>
  );
}
