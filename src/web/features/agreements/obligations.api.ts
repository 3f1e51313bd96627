import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Obligation = components['schemas']['Obligation'];
export type ObligationCreateBody = components['schemas']['ObligationCreate'];
export type ObligationUpdateBody = components['schemas']['ObligationUpdate'];

/** Under the agreement's key, so every change to the agreement reloads its obligations too. */
export const obligationsQuery = (agreementId: string) =>
  queryOptions({
    queryKey: ['agreement', agreementId, 'obligations'],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/agreements/{id}/obligations', {
          params: { path: { id: agreementId } },
          signal,
        }),
      ).items,
  });

export async function createObligation(agreementId: string, body: ObligationCreateBody) {
  return unwrap(
    await api.POST('/api/v1/agreements/{id}/obligations', {
      params: { path: { id: agreementId } },
      body,
    }),
  );
}

export async function updateObligation(obligation: Obligation, body: ObligationUpdateBody) {
  return unwrap(
    await api.PATCH('/api/v1/agreements/{id}/obligations/{obligationId}', {
      params: {
        path: { id: obligation.agreementId, obligationId: obligation.id },
        header: { 'if-match': `"${obligation.version}"` },
      },
      body,
    }),
  );
}

export async function deleteObligation(obligation: Obligation) {
  const result = await api.DELETE('/api/v1/agreements/{id}/obligations/{obligationId}', {
    params: {
      path: { id: obligation.agreementId, obligationId: obligation.id },
      header: { 'if-match': `"${obligation.version}"` },
    },
  });
  if (!result.response.ok) unwrap(result);
}

export async function makeObligationTask(obligation: Obligation, occursOn: string) {
  return unwrap(
    await api.POST('/api/v1/agreements/{id}/obligations/{obligationId}/tasks', {
      params: { path: { id: obligation.agreementId, obligationId: obligation.id } },
      body: { occursOn },
    }),
  );
}
