import { z } from 'zod';
import {
  Contact,
  ContactCreate,
  ContactListQuery,
  ContactPage,
  ContactUpdate,
} from '../../../domain/contacts';
import { idParams } from '../../../domain/pagination';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { listContacts } from './contacts.list';
import { createContact, deleteContact, getContact, updateContact } from './contacts.service';

const tags = ['contacts'];
/** A contact is a few kilobytes at most; anything near this is not one. */
const bodyLimit = 64 * 1024;

export async function contactRoutes(app: ZodApp) {
  app.get(
    '/contacts',
    {
      config: { access: 'contact.read' },
      schema: {
        operationId: 'listContacts',
        description:
          'Contacts of the workspace (or, for a partner user, of their partner). Filters take several values (`?role=a&role=b`) and match any; pages are keyset pages (`cursor`).',
        tags,
        summary: 'List contacts (search, filters, sort, keyset pages)',
        querystring: ContactListQuery,
        response: { 200: ContactPage },
      },
    },
    async (request) => listContacts(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/contacts',
    {
      bodyLimit,
      config: { access: 'contact.create', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createContact',
        description:
          'Creates a contact at a partner the caller can edit. Answers with its ETag and Location.',
        tags,
        summary: 'Create a contact at a partner',
        body: ContactCreate,
        response: { 201: Contact },
      },
    },
    async (request, reply) => {
      const contact = await createContact(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(contact.version));
      reply.header('location', `/api/v1/contacts/${contact.id}`);
      return reply.status(201).send(contact);
    },
  );

  app.get(
    '/contacts/:id',
    {
      config: { access: 'contact.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getContact',
        description: 'One contact, with its ETag for a later change.',
        tags,
        summary: 'Get a contact',
        params: idParams,
        response: { 200: Contact },
      },
    },
    async (request, reply) => {
      const contact = await getContact(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(contact.version));
      return contact;
    },
  );

  app.patch(
    '/contacts/:id',
    {
      bodyLimit,
      config: { access: 'contact.update', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateContact',
        description:
          'Changes the fields sent (a JSON merge of the contact). Send the ETag you read in If-Match: 428 without it, 412 when the contact changed since.',
        tags,
        summary: 'Change a contact (If-Match required: 428 without, 412 when stale)',
        params: idParams,
        headers: ifMatchHeaders,
        body: ContactUpdate,
        response: { 200: Contact },
      },
    },
    async (request, reply) => {
      const contact = await updateContact(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(contact.version));
      return contact;
    },
  );

  app.delete(
    '/contacts/:id',
    {
      config: { access: 'contact.delete' },
      schema: {
        operationId: 'deleteContact',
        description:
          'Deletes the contact. If-Match is optional; when sent it must be current (412).',
        tags,
        summary: 'Delete a contact (the audit event keeps it)',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteContact(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );
}
