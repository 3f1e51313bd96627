import { queryOptions } from '@tanstack/react-query';
import { api, etagOf, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { AgreementListSearch } from './agreement-list-search';

export type Agreement = components['schemas']['Agreement'];
export type AgreementCreateBody = components['schemas']['AgreementCreate'];
export type AgreementUpdateBody = components['schemas']['AgreementUpdate'];
export type AgreementSignerBody = components['schemas']['AgreementSignerCreate'];
export type AgreementRecord = { agreement: Agreement; etag: string };

export const AGREEMENT_PAGE_SIZE = 100;

export async function listAgreements(
  query: AgreementListSearch,
  cursor: string | undefined,
  signal?: AbortSignal,
) {
  const { partnerId, ...rest } = query;
  return unwrap(
    await api.GET('/api/v1/agreements', {
      params: {
        query: {
          ...rest,
          ...(partnerId ? { partnerId: [partnerId] } : {}),
          limit: AGREEMENT_PAGE_SIZE,
          cursor,
        },
      },
      signal,
    }),
  );
}

export const agreementQuery = (id: string) =>
  queryOptions({
    queryKey: ['agreement', id],
    queryFn: async ({ signal }): Promise<AgreementRecord> => {
      const result = await api.GET('/api/v1/agreements/{id}', {
        params: { path: { id } },
        signal,
      });
      const agreement = unwrap(result);
      return { agreement, etag: etagOf(result.response) || `"${agreement.version}"` };
    },
  });

export async function createAgreement(body: AgreementCreateBody): Promise<Agreement> {
  return unwrap(await api.POST('/api/v1/agreements', { body }));
}

export async function updateAgreement(id: string, etag: string, body: AgreementUpdateBody) {
  return unwrap(
    await api.PATCH('/api/v1/agreements/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
      body,
    }),
  );
}

export async function transitionAgreement(
  id: string,
  etag: string,
  to: Agreement['status'],
): Promise<Agreement> {
  return unwrap(
    await api.POST('/api/v1/agreements/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etag } },
      body: { to },
    }),
  );
}

export async function deleteAgreement(id: string, etag: string) {
  const result = await api.DELETE('/api/v1/agreements/{id}', {
    params: { path: { id }, header: { 'if-match': etag } },
  });
  if (result.error) unwrap(result);
}

export async function addSigner(id: string, etag: string, body: AgreementSignerBody) {
  return unwrap(
    await api.POST('/api/v1/agreements/{id}/signers', {
      params: { path: { id }, header: { 'if-match': etag } },
      body,
    }),
  );
}

export async function removeSigner(id: string, signerId: string, etag: string) {
  return unwrap(
    await api.DELETE('/api/v1/agreements/{id}/signers/{signerId}', {
      params: { path: { id, signerId }, header: { 'if-match': etag } },
    }),
  );
}
