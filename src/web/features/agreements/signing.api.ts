import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type AgreementSigning = components['schemas']['AgreementSigning'];
export type SigningSigner = components['schemas']['SigningSigner'];

export const agreementSigningQuery = (id: string) =>
  queryOptions({
    queryKey: ['agreement', id, 'signing'],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/agreements/{id}/signing', { params: { path: { id } }, signal }),
      ),
  });

export async function signAgreement(
  id: string,
  signerId: string,
  body: components['schemas']['AgreementSignatureCreate'],
) {
  return unwrap(
    await api.POST('/api/v1/agreements/{id}/signers/{signerId}/signature', {
      params: { path: { id, signerId } },
      body,
    }),
  );
}

export async function sendSigningLink(id: string, signerId: string) {
  return unwrap(
    await api.POST('/api/v1/agreements/{id}/signers/{signerId}/signing-link', {
      params: { path: { id, signerId } },
      body: {},
    }),
  );
}

export const signedPdfHref = (id: string) => `/api/v1/agreements/${id}/signed.pdf`;
