import { idParams } from '../../../domain/pagination';
import {
  Partner,
  PartnerCreate,
  PartnerHistoryPage,
  PartnerHistoryQuery,
  PartnerListQuery,
  PartnerPage,
  PartnerUpdate,
} from '../../../domain/partners';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
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
        tags,
        summary: 'List partners (search, filters, sort, keyset pages)',
        querystring: PartnerListQuery,
        response: { 200: PartnerPage },
      },
    },
    async (request) => listPartners(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/partners',
    {
      bodyLimit,
      config: { access: 'partner.create' },
      schema: {
        tags,
        summary: 'Create a partner (409 domain_taken names the partner holding a domain)',
        body: PartnerCreate,
        response: { 201: Partner },
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
      config: { access: 'partner.read' },
      schema: {
        tags,
        summary: 'Get a partner',
        params: idParams,
        response: { 200: Partner },
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
      config: { access: 'partner.update' },
      schema: {
        tags,
        summary: 'Change a partner (If-Match required: 428 without, 412 when stale)',
        params: idParams,
        headers: ifMatchHeaders,
        body: PartnerUpdate,
        response: { 200: Partner },
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
      config: { access: 'partner.archive' },
      schema: {
        tags,
        summary: 'Archive a partner (it keeps its domains, contacts and history)',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: Partner },
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
      config: { access: 'partner.archive' },
      schema: {
        tags,
        summary: 'Restore an archived partner',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: Partner },
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
