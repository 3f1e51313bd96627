import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { healthBands } from '../../../domain/health';
import { api, etagOf, unwrap } from '../../api/client';
import type { components, operations } from '../../api/schema';
import type { PartnerListSearch } from './partner-list-search';

export type Partner = components['schemas']['Partner'];
/** One partner as its own page reads it: with the cadence that applies to it. */
export type PartnerWithCadence = components['schemas']['PartnerRecord'];
export type CoolingPartner = components['schemas']['CoolingPartner'];
export type PartnerHistoryEvent = components['schemas']['PartnerHistoryEvent'];
export type PartnerCreateBody = components['schemas']['PartnerCreate'];
export type PartnerUpdateBody = components['schemas']['PartnerUpdate'];

/** A partner as read, with the ETag an edit must send back in If-Match. */
export type PartnerRecord = { partner: PartnerWithCadence; etag: string };

export const PAGE_SIZE = 100;

type PartnerListQuery = NonNullable<operations['listPartners']['parameters']['query']>;

/** The URL's filters as the API takes them: a health band becomes its score range. */
export function listQuery({ health, ...search }: PartnerListSearch): PartnerListQuery {
  const range = health ? healthBands[health] : undefined;
  return {
    ...(search as PartnerListQuery),
    ...(range ? { healthMin: range.min, healthMax: range.max } : {}),
  };
}

export async function listPartners(
  search: PartnerListSearch,
  cursor: string | undefined,
  signal?: AbortSignal,
) {
  return unwrap(
    await api.GET('/api/v1/partners', {
      // Filter values come from the URL as they are; the server answers 400 to an unknown one.
      params: { query: { ...listQuery(search), limit: PAGE_SIZE, cursor } },
      signal,
    }),
  );
}

/**
 * The first few partners whose name or domain matches: the command palette's and the partner
 * picker's lookup, cached once for both.
 */
export const partnerSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['partner-search', q],
    queryFn: async ({ signal }): Promise<Partner[]> => {
      const page = unwrap(
        await api.GET('/api/v1/partners', { params: { query: { q, limit: 8 } }, signal }),
      );
      return page.items;
    },
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const partnerQuery = (id: string) =>
  queryOptions({
    queryKey: ['partner', id],
    queryFn: async ({ signal }): Promise<PartnerRecord> => {
      const result = await api.GET('/api/v1/partners/{id}', {
        params: { path: { id } },
        signal,
      });
      const partner = unwrap(result);
      return { partner, etag: etagOf(result.response) || `"${partner.version}"` };
    },
  });

export async function createPartner(body: PartnerCreateBody): Promise<Partner> {
  return unwrap(await api.POST('/api/v1/partners', { body }));
}

export async function updatePartner(id: string, etag: string, body: PartnerUpdateBody) {
  return unwrap(
    await api.PATCH('/api/v1/partners/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
      body,
    }),
  );
}

export async function archivePartner(id: string, etag: string) {
  return unwrap(
    await api.DELETE('/api/v1/partners/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
    }),
  );
}

export async function restorePartner(id: string, etag: string) {
  return unwrap(
    await api.POST('/api/v1/partners/{id}/restore', {
      params: { path: { id }, header: { 'if-match': etag } },
    }),
  );
}

export async function partnerHistory(id: string, cursor: string | undefined) {
  return unwrap(
    await api.GET('/api/v1/partners/{id}/history', {
      params: { path: { id }, query: { limit: 50, cursor } },
    }),
  );
}

/** Partners overdue for contact, longest overdue first, optionally only one owner's. */
export async function listCooling(ownerId: string | null, cursor: string | undefined) {
  return unwrap(
    await api.GET('/api/v1/partners/cooling', {
      params: { query: { limit: PAGE_SIZE, cursor, ...(ownerId ? { ownerId } : {}) } },
    }),
  );
}
