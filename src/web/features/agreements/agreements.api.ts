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

export type AgreementVersion = components['schemas']['AgreementVersion'];
export type AgreementVersionSummary = components['schemas']['AgreementVersionSummary'];
export type Redline = components['schemas']['Redline'];

export const agreementVersionsQuery = (id: string) =>
  queryOptions({
    queryKey: ['agreement', id, 'versions'],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/agreements/{id}/versions', { params: { path: { id } }, signal }),
      ).items,
  });

export const agreementVersionQuery = (id: string, number: number) =>
  queryOptions({
    queryKey: ['agreement', id, 'versions', number],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/agreements/{id}/versions/{number}', {
          params: { path: { id, number } },
          signal,
        }),
      ),
  });

export const redlineQuery = (id: string, from: number, to: number) =>
  queryOptions({
    queryKey: ['agreement', id, 'redline', from, to],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/agreements/{id}/redline', {
          params: { path: { id }, query: { from, to } },
          signal,
        }),
      ),
  });

export const redlinePdfHref = (id: string, from: number, to: number) =>
  `/api/v1/agreements/${id}/redline.pdf?from=${from}&to=${to}`;

export async function createVersion(id: string, etag: string, body?: string) {
  return unwrap(
    await api.POST('/api/v1/agreements/{id}/versions', {
      params: { path: { id }, header: { 'if-match': etag } },
      body: body === undefined ? {} : { body },
    }),
  );
}

export async function updateVersion(id: string, number: number, etag: string, body: string) {
  return unwrap(
    await api.PATCH('/api/v1/agreements/{id}/versions/{number}', {
      params: { path: { id, number }, header: { 'if-match': etag } },
      body: { body },
    }),
  );
}

/** The templates in use, for starting an agreement from one (the first 200 by name). */
export const agreementTemplatesQuery = () =>
  queryOptions({
    queryKey: ['agreement-templates', { limit: 200 }],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/agreement-templates', { params: { query: { limit: 200 } }, signal }),
      ).items,
  });

export type AgreementRequirementList = components['schemas']['AgreementRequirementList'];
export type AgreementRequirement = components['schemas']['AgreementRequirement'];
export type AgreementRequirementBody = components['schemas']['AgreementRequirementUpdate'];

/** Under the agreement's key, so every change to the agreement reloads its checklist too. */
export const agreementRequirementsQuery = (id: string) =>
  queryOptions({
    queryKey: ['agreement', id, 'requirements'],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/agreements/{id}/requirements', {
          params: { path: { id } },
          signal,
        }),
      ),
  });

export async function markRequirement(
  id: string,
  entry: AgreementRequirement,
  body: AgreementRequirementBody,
) {
  return unwrap(
    await api.PATCH('/api/v1/agreements/{id}/requirements/{requirementId}', {
      params: {
        path: { id, requirementId: entry.id },
        header: { 'if-match': `"${entry.version}"` },
      },
      body,
    }),
  );
}
