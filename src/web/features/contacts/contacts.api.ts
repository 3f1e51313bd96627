import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, etagOf, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { ContactListSearch } from './contact-list-search';

export type Contact = components['schemas']['Contact'];
export type ContactCreateBody = components['schemas']['ContactCreate'];
export type ContactUpdateBody = components['schemas']['ContactUpdate'];
export type ContactRecord = { contact: Contact; etag: string };

export const CONTACT_PAGE_SIZE = 100;

export async function listContacts(
  query: ContactListSearch & { partnerId?: string },
  cursor: string | undefined,
  signal?: AbortSignal,
) {
  return unwrap(
    await api.GET('/api/v1/contacts', {
      params: { query: { ...query, limit: CONTACT_PAGE_SIZE, cursor } },
      signal,
    }),
  );
}

export const contactQuery = (id: string) =>
  queryOptions({
    queryKey: ['contact', id],
    queryFn: async ({ signal }): Promise<ContactRecord> => {
      const result = await api.GET('/api/v1/contacts/{id}', { params: { path: { id } }, signal });
      const contact = unwrap(result);
      return { contact, etag: etagOf(result.response) || `"${contact.version}"` };
    },
  });

export async function createContact(body: ContactCreateBody): Promise<Contact> {
  return unwrap(await api.POST('/api/v1/contacts', { body }));
}

export async function updateContact(id: string, etag: string, body: ContactUpdateBody) {
  return unwrap(
    await api.PATCH('/api/v1/contacts/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
      body,
    }),
  );
}

export async function deleteContact(id: string, etag: string) {
  return unwrap(
    await api.DELETE('/api/v1/contacts/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
    }),
  );
}

export function contactName(contact: Pick<Contact, 'firstName' | 'lastName'>): string {
  return `${contact.firstName} ${contact.lastName}`.trim();
}

/** The first few contacts whose name, email or partner matches: the command palette's lookup. */
export const contactSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['contact-search', q],
    queryFn: async ({ signal }): Promise<Contact[]> => {
      const page = unwrap(
        await api.GET('/api/v1/contacts', { params: { query: { q, limit: 5 } }, signal }),
      );
      return page.items;
    },
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
