import { queryOptions } from '@tanstack/react-query';
import { api, etagOf, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { IssueListSearch } from './issue-list-search';

export type Issue = components['schemas']['Issue'];
export type IssueCreateBody = components['schemas']['IssueCreate'];
export type IssueUpdateBody = components['schemas']['IssueUpdate'];
export type IssueTransitionBody = components['schemas']['IssueTransition'];
export type IssueRecord = { issue: Issue; etag: string };

export const ISSUE_PAGE_SIZE = 100;

export async function listIssues(
  query: IssueListSearch,
  cursor: string | undefined,
  signal?: AbortSignal,
) {
  return unwrap(
    await api.GET('/api/v1/issues', {
      params: { query: { ...query, limit: ISSUE_PAGE_SIZE, cursor } },
      signal,
    }),
  );
}

export const issueQuery = (id: string) =>
  queryOptions({
    queryKey: ['issue', id],
    queryFn: async ({ signal }): Promise<IssueRecord> => {
      const result = await api.GET('/api/v1/issues/{id}', { params: { path: { id } }, signal });
      const issue = unwrap(result);
      return { issue, etag: etagOf(result.response) || `"${issue.version}"` };
    },
  });

export async function createIssue(body: IssueCreateBody): Promise<Issue> {
  return unwrap(await api.POST('/api/v1/issues', { body }));
}

export async function updateIssue(id: string, etag: string, body: IssueUpdateBody) {
  return unwrap(
    await api.PATCH('/api/v1/issues/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
      body,
    }),
  );
}

export async function transitionIssue(id: string, etag: string, body: IssueTransitionBody) {
  return unwrap(
    await api.POST('/api/v1/issues/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etag } },
      body,
    }),
  );
}

export async function deleteIssue(id: string, etag: string) {
  return unwrap(
    await api.DELETE('/api/v1/issues/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
    }),
  );
}
