import { queryOptions } from '@tanstack/react-query';
import { api, etagOf, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { PlanListSearch } from './plan-list-search';

export type Plan = components['schemas']['Plan'];
export type PlanCreateBody = components['schemas']['PlanCreate'];
export type PlanUpdateBody = components['schemas']['PlanUpdate'];
export type PlanTransitionBody = components['schemas']['PlanTransition'];
export type PlanChange = components['schemas']['PlanChange'];
export type PlanVersion = components['schemas']['PlanVersion'];
export type PlanRecord = { plan: Plan; etag: string };

export const PLAN_PAGE_SIZE = 100;

export async function listPlans(
  query: PlanListSearch,
  cursor: string | undefined,
  signal?: AbortSignal,
) {
  const { partnerId, ...rest } = query;
  return unwrap(
    await api.GET('/api/v1/plans', {
      params: {
        query: {
          ...rest,
          ...(partnerId ? { partnerId: [partnerId] } : {}),
          limit: PLAN_PAGE_SIZE,
          cursor,
        },
      },
      signal,
    }),
  );
}

export const planQuery = (id: string) =>
  queryOptions({
    queryKey: ['plan', id],
    queryFn: async ({ signal }): Promise<PlanRecord> => {
      const result = await api.GET('/api/v1/plans/{id}', { params: { path: { id } }, signal });
      const plan = unwrap(result);
      return { plan, etag: etagOf(result.response) || `"${plan.version}"` };
    },
  });

/** The agreed versions, newest first; `version` keys the cache so a change refetches them. */
export const planVersionsQuery = (id: string, version: number) =>
  queryOptions({
    queryKey: ['plan', id, 'versions', version],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/plans/{id}/versions', { params: { path: { id } }, signal })),
  });

export const planChangesQuery = (id: string, version: number) =>
  queryOptions({
    queryKey: ['plan', id, 'changes', version],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/plans/{id}/changes', { params: { path: { id } }, signal })),
  });

export async function createPlan(body: PlanCreateBody): Promise<Plan> {
  return unwrap(await api.POST('/api/v1/plans', { body }));
}

export async function updatePlan(id: string, etag: string, body: PlanUpdateBody) {
  return unwrap(
    await api.PATCH('/api/v1/plans/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
      body,
    }),
  );
}

export async function transitionPlan(id: string, etag: string, body: PlanTransitionBody) {
  return unwrap(
    await api.POST('/api/v1/plans/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etag } },
      body,
    }),
  );
}

export async function revisePlan(id: string, etag: string) {
  return unwrap(
    await api.POST('/api/v1/plans/{id}/revisions', {
      params: { path: { id }, header: { 'if-match': etag } },
    }),
  );
}

export async function planHistory(id: string, cursor: string | undefined, signal?: AbortSignal) {
  return unwrap(
    await api.GET('/api/v1/plans/{id}/history', {
      params: { path: { id }, query: { limit: 50, cursor } },
      signal,
    }),
  );
}

/** The plan's KPIs now, for the units of changed KPI targets. */
export const planKpisQuery = (id: string) =>
  queryOptions({
    queryKey: ['plan', id, 'kpis'],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/plans/{id}/kpis', { params: { path: { id } }, signal })),
  });

/** "Copy last period's plan": a new draft for the next period, or `period`, with its KPIs. */
export async function copyPlan(id: string, period?: string) {
  return unwrap(
    await api.POST('/api/v1/plans/{id}/copies', {
      params: { path: { id } },
      body: period ? { period } : {},
    }),
  );
}
