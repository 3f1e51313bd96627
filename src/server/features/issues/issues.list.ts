import type { IssueListQuery, IssuePage, IssueSort } from '../../../domain/issues';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { issues } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import {
  day,
  filters,
  integer,
  type ListSpec,
  pageFrom,
  planList,
  sortsOf,
  time,
} from '../../http/list';
import { memberNames } from '../members/members.service';
import { partnerNames } from '../partners/partners.service';
import { teamNames } from '../teams/teams.service';
import { workspaceToday } from '../workspaces/workspace-day';
import { listIssueRows, overdueSql } from './issues.queries';
import { toIssue } from './issues.view';

/** Each sort follows an index: (workspace_id, due_on | severity_rank | created_at, id). */
function issueList(today: string): ListSpec<IssueSort, IssueListQuery> {
  return {
    sorts: sortsOf(issues.id, {
      dueOn: [day(issues.dueOn)],
      severity: [integer(issues.severityRank)],
      createdAt: [time(issues.createdAt)],
    }),
    filters: {
      q: filters.search(issues.searchText),
      status: filters.anyOf(issues.status),
      severity: filters.anyOf(issues.severity),
      kind: filters.anyOf(issues.kind),
      ownerId: filters.anyOf(issues.ownerId),
      teamId: filters.anyOf(issues.teamId),
      partnerId: filters.anyOf(issues.partnerId),
      overdue: (value) => overdueSql(today, value === 'true'),
    },
  };
}

export async function listIssues(
  ctx: ServiceContext,
  scope: Scope,
  query: IssueListQuery,
): Promise<IssuePage> {
  const db = dbOf(ctx);
  const today = await workspaceToday(db, scope.workspaceId);
  const plan = planList(ctx.config.secret, issueList(today), query.sort, query);
  const page = pageFrom(ctx.config.secret, plan, await listIssueRows(db, scope, plan), (r) => r);
  const [partners, owners, teams] = await Promise.all([
    partnerNames(
      db,
      scope,
      page.items.map((row) => row.partnerId),
    ),
    memberNames(
      db,
      scope,
      page.items.flatMap((row) => (row.ownerId ? [row.ownerId] : [])),
    ),
    teamNames(
      db,
      scope,
      page.items.flatMap((row) => (row.teamId ? [row.teamId] : [])),
    ),
  ]);
  return {
    items: page.items.map((row) =>
      toIssue(
        row,
        {
          partnerName: partners.get(row.partnerId) ?? '',
          ownerName: row.ownerId ? (owners.get(row.ownerId) ?? null) : null,
          teamName: row.teamId ? (teams.get(row.teamId) ?? null) : null,
        },
        today,
      ),
    ),
    nextCursor: page.nextCursor,
  };
}
