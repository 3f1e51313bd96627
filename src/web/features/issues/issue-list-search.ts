import {
  type IssueKind,
  type IssueSeverity,
  type IssueSort,
  type IssueStatus,
  issueKinds,
  issueSeverities,
  issueSorts,
  issueStatuses,
} from '../../../domain/issues';

/** The register's search, filters and sort, kept in the URL so a list can be shared. */
export type IssueListSearch = {
  q?: string;
  partnerId?: string;
  ownerId?: string;
  status?: IssueStatus[];
  severity?: IssueSeverity[];
  kind?: IssueKind[];
  overdue?: 'true';
  sort?: IssueSort;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function listOf<T extends string>(raw: unknown, allowed: readonly T[]): T[] | undefined {
  const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is T =>
    (allowed as readonly unknown[]).includes(value),
  );
  return values.length > 0 ? values : undefined;
}

export function issueListSearch(raw: Record<string, unknown>): IssueListSearch {
  const search: IssueListSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim() !== '') search.q = raw.q;
  for (const key of ['partnerId', 'ownerId'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && uuidPattern.test(value)) search[key] = value;
  }
  const status = listOf(raw.status, issueStatuses);
  if (status) search.status = status;
  const severity = listOf(raw.severity, issueSeverities);
  if (severity) search.severity = severity;
  const kind = listOf(raw.kind, issueKinds);
  if (kind) search.kind = kind;
  if (raw.overdue === 'true' || raw.overdue === true) search.overdue = 'true';
  if ((issueSorts as readonly unknown[]).includes(raw.sort)) search.sort = raw.sort as IssueSort;
  return search;
}
