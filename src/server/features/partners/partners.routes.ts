import { CoolingPage, CoolingQuery } from '../../../domain/cadence';
import { idParams } from '../../../domain/pagination';
import {
  PartnerCreate,
  PartnerHistoryPage,
  PartnerHistoryQuery,
  PartnerListQuery,
  PartnerPage,
  PartnerRecord,
  PartnerUpdate,
} from '../../../domain/partners';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { listCooling } from './partners.cooling';
import { listPartners, partnerHistory } from './partners.list';
import { createPartner, getPartner, setPartnerArchived, updatePartner } from './partners.service';

const tags = ['partners'];
/** A partner is a few kilobytes at most; anything near this is not one. */
const bodyLimit = 64 * 1024;

export async function partnerRoutes(app: ZodApp) {
  app.get(
    '/partners',
    {
      config: { access: 'partner.read' },
      schema: {
        operationId: 'listPartners',
        description:
          'Partners of the workspace. `q` searches names, domains and notes; filters take several values and match any; `sort` orders; pages are keyset pages (`cursor`).',
        tags,
        summary: 'List partners (search, filters, sort, keyset pages)',
        querystring: PartnerListQuery,
        response: { 200: PartnerPage },
      },
    },
    async (request) => listPartners(request.ctx, scopeOf(request), request.query),
  );

  app.get(
    '/partners/cooling',
    {
      config: { access: 'partner.read' },
      schema: {
        operationId: 'listCoolingPartners',
        description:
          'Active partners overdue for contact: their last interaction plus their cadence (override, else tier, else the workspace default) is past, or they were never touched. Longest overdue first, in keyset pages; `ownerId` narrows to some owners.',
        tags,
        summary: 'List partners overdue for contact (cooling), longest overdue first',
        querystring: CoolingQuery,
        response: { 200: CoolingPage },
      },
    },
    async (request) => listCooling(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/partners',
    {
      bodyLimit,
      config: { access: 'partner.create', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createPartner',
        description:
          'Creates a partner. A domain already held by another partner is 409 `domain_taken`, naming that partner. Answers with its ETag and Location.',
        tags,
        summary: 'Create a partner (409 domain_taken names the partner holding a domain)',
        body: PartnerCreate,
        response: { 201: PartnerRecord },
      },
    },
    async (request, reply) => {
      const partner = await createPartner(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(partner.version));
      reply.header('location', `/api/v1/partners/${partner.id}`);
      return reply.status(201).send(partner);
    },
  );

  app.get(
    '/partners/:id',
    {
      config: { access: 'partner.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getPartner',
        description: 'One partner, with its ETag for a later change.',
        tags,
        summary: 'Get a partner',
        params: idParams,
        response: { 200: PartnerRecord },
      },
    },
    async (request, reply) => {
      const partner = await getPartner(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(partner.version));
      return partner;
    },
  );

  app.patch(
    '/partners/:id',
    {
      bodyLimit,
      config: { access: 'partner.update', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updatePartner',
        description:
          'Changes the fields sent (a JSON merge of the partner). Send the ETag you read in If-Match: 428 without it, 412 when the partner changed since.',
        tags,
        summary: 'Change a partner (If-Match required: 428 without, 412 when stale)',
        params: idParams,
        headers: ifMatchHeaders,
        body: PartnerUpdate,
        response: { 200: PartnerRecord },
      },
    },
    async (request, reply) => {
      const partner = await updatePartner(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(partner.version));
      return partner;
    },
  );

  app.delete(
    '/partners/:id',
    {
      config: { access: 'partner.archive', replyHeaders: ['etag'] },
      schema: {
        operationId: 'archivePartner',
        description:
          'Archives the partner: it leaves the default list but keeps its domains, contacts and history. If-Match is optional; when sent it must be current (412).',
        tags,
        summary: 'Archive a partner (it keeps its domains, contacts and history)',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: PartnerRecord },
      },
    },
    async (request, reply) => {
      const partner = await setPartnerArchived(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        true,
      );
      reply.header('etag', etagOf(partner.version));
      return partner;
    },
  );

  app.post(
    '/partners/:id/restore',
    {
      config: { access: 'partner.archive', replyHeaders: ['etag'] },
      schema: {
        operationId: 'restorePartner',
        description:
          'Brings an archived partner back. If-Match is optional; when sent it must be current (412).',
        tags,
        summary: 'Restore an archived partner',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: PartnerRecord },
      },
    },
    async (request, reply) => {
      const partner = await setPartnerArchived(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        false,
      );
      reply.header('etag', etagOf(partner.version));
      return partner;
    },
  );

  app.get(
    '/partners/:id/history',
    {
      config: { access: 'partner.history' },
      schema: {
        operationId: 'listPartnerHistory',
        description: 'Audit events of the partner and its contacts, newest first, in keyset pages.',
        tags,
        summary: "A partner's history: changes to it and its contacts, newest first",
        params: idParams,
        querystring: PartnerHistoryQuery,
        response: { 200: PartnerHistoryPage },
      },
    },
    async (request) =>
      partnerHistory(request.ctx, scopeOf(request), request.params.id, request.query),
  );
}
