import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type PartnerHealth = components['schemas']['PartnerHealth'];
export type AtRiskPartner = components['schemas']['AtRiskPartner'];

export const partnerHealthQuery = (partnerId: string) =>
  queryOptions({
    queryKey: ['partner-health', partnerId],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/partners/{id}/health', {
          params: { path: { id: partnerId } },
          signal,
        }),
      ),
  });

export const atRiskQuery = queryOptions({
  queryKey: ['partners-at-risk'],
  queryFn: async ({ signal }) =>
    unwrap(await api.GET('/api/v1/partners/at-risk', { params: { query: { limit: 25 } }, signal })),
});
