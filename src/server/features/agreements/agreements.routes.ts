import { z } from 'zod';
import { RenewalListQuery, RenewalPage } from '../../../domain/agreement-renewals';
import {
  Agreement,
  AgreementCreate,
  AgreementListQuery,
  AgreementPage,
  AgreementRenewal,
  AgreementRenewalResult,
  AgreementSignerCreate,
  AgreementSignerList,
  AgreementTransition,
  AgreementUpdate,
  agreementSignerParams,
} from '../../../domain/agreements';
import { idParams } from '../../../domain/pagination';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { listAgreements } from './agreements.list';
import { decideRenewal } from './agreements.renewal';
import { listRenewals } from './agreements.renewals';
import {
  createAgreement,
  deleteAgreement,
  getAgreement,
  transitionAgreement,
  updateAgreement,
} from './agreements.service';
import { addSigner, listSigners, removeSigner } from './agreements.signers';

const tags = ['agreements'];
const bodyLimit = 64 * 1024;
const ifMatch = 'Send the ETag in If-Match: 428 without it, 412 when the agreement changed since.';

export async function agreementRoutes(app: ZodApp) {
  app.get(
    '/agreements',
    {
      config: { access: 'agreement.read' },
      schema: {
        operationId: 'listAgreements',
        description:
          'Agreements with partners, newest first by default. Filters that take several values (`?status=a&status=b`) match any; `endFrom`/`endTo` bound the end date and `valueMin`/`valueMax` the value in minor units (use them with `currency`). Sort by `createdAt`, `endOn` (no end date last) or `title`. Pages are keyset pages (`cursor`).',
        tags,
        summary: 'List agreements (status, type, partner, owner, end date and value filters)',
        querystring: AgreementListQuery,
        response: { 200: AgreementPage },
      },
    },
    async (request) => listAgreements(request.ctx, scopeOf(request), request.query),
  );

  app.get(
    '/agreements/renewals',
    {
      config: { access: 'agreement.read' },
      schema: {
        operationId: 'listRenewals',
        description:
          "Active and expiring agreements whose notice deadline (end date − notice period) or end date falls within the next `within` days (30, 60 or 90) of the workspace's day, soonest next key date first, with the days left. Filter by `partnerId`, `ownerId` and `type` (several values match any). `totals` sums the value at stake over the whole window, one sum per currency: Tandem keeps no exchange rates. Pages are keyset pages (`cursor`).",
        tags,
        summary: 'List the renewals coming up (30, 60 or 90 days) with the value at stake',
        querystring: RenewalListQuery,
        response: { 200: RenewalPage },
      },
    },
    async (request) => listRenewals(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/agreements',
    {
      bodyLimit,
      config: { access: 'agreement.write', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createAgreement',
        description:
          'Starts an agreement with a partner, status `draft`. A partner, owner or parent out of scope is 422 `invalid_reference` naming `partnerId`, `ownerId` or `parentId` (a parent is an agreement of the same partner). An end date before the effective date, a value without a currency (or the reverse), or auto-renewal without a term is 422 `invalid_terms` naming the field. Answers with its ETag and Location.',
        tags,
        summary: 'Start an agreement',
        body: AgreementCreate,
        response: { 201: Agreement },
      },
    },
    async (request, reply) => {
      const agreement = await createAgreement(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(agreement.version));
      reply.header('location', `/api/v1/agreements/${agreement.id}`);
      return reply.status(201).send(agreement);
    },
  );

  app.get(
    '/agreements/:id',
    {
      config: { access: 'agreement.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getAgreement',
        description: 'One agreement with its signers, and its ETag for a later change.',
        tags,
        summary: 'Get an agreement',
        params: idParams,
        response: { 200: Agreement },
      },
    },
    async (request, reply) => {
      const agreement = await getAgreement(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(agreement.version));
      return agreement;
    },
  );

  app.patch(
    '/agreements/:id',
    {
      bodyLimit,
      config: { access: 'agreement.write', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateAgreement',
        description: `Changes an agreement: any field while it is a draft or in negotiation; after that its terms are settled and only \`title\` and \`ownerId\` change (409 \`agreement_locked\` naming the field). An ended agreement is 409 \`agreement_closed\`. The rules between fields are those of creating one; a parent that is the agreement itself or one under it is 422 \`parent_cycle\`. ${ifMatch}`,
        tags,
        summary: 'Change an agreement (If-Match required)',
        params: idParams,
        headers: ifMatchHeaders,
        body: AgreementUpdate,
        response: { 200: Agreement },
      },
    },
    async (request, reply) => {
      const agreement = await updateAgreement(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(agreement.version));
      return agreement;
    },
  );

  app.delete(
    '/agreements/:id',
    {
      config: { access: 'agreement.write' },
      schema: {
        operationId: 'deleteAgreement',
        description: `Deletes a draft made by mistake, with its signers; the audit event keeps it. Anything past a draft is 409 \`agreement_not_draft\` (terminate it instead), and a draft other agreements fall under is 409 \`agreement_has_children\`. ${ifMatch}`,
        tags,
        summary: 'Delete a draft agreement (If-Match required)',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteAgreement(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/agreements/:id/transitions',
    {
      bodyLimit,
      config: { access: 'agreement.write', replyHeaders: ['etag'], transition: true },
      schema: {
        operationId: 'transitionAgreement',
        description: `Moves the agreement to another status: draft → in_negotiation, in_negotiation → pending_signature or back to draft, pending_signature → in_negotiation, active or expiring → terminated. Any other move is 409 \`invalid_transition\` with the \`allowed\` statuses. Moves Tandem makes itself are 409 \`transition_reserved\` naming \`to\`: pending_signature → active comes with the signatures (an admin may record an agreement signed outside Tandem), and active → expiring → expired and → renewed come from the renewal sweep and decisions. ${ifMatch}`,
        tags,
        summary: 'Move an agreement to another status',
        params: idParams,
        headers: ifMatchHeaders,
        body: AgreementTransition,
        response: { 200: Agreement },
      },
    },
    async (request, reply) => {
      const agreement = await transitionAgreement(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(agreement.version));
      return agreement;
    },
  );

  app.post(
    '/agreements/:id/renewal',
    {
      bodyLimit,
      config: { access: 'agreement.write', replyHeaders: ['etag'] },
      schema: {
        operationId: 'decideAgreementRenewal',
        description: `Decides what happens at the end of an active or expiring agreement (else 409 \`agreement_not_in_force\`). \`renew\`: a new agreement for the next term on the same terms, active, effective the day after the end and ending \`termMonths\` (default: its renewal term) later, linked by \`renewedFromId\`; this one becomes \`renewed\`. \`renegotiate\`: the next term starts as a draft to negotiate; this one stays in force until it ends. \`terminate\`: it becomes \`terminated\`, with the \`reason\` in its history. Without an end date or a term, 422 naming \`decision\` or \`termMonths\`; a next term already started is 409 \`renewal_exists\`. The ETag answered is the decided agreement's. ${ifMatch}`,
        tags,
        summary: 'Renew, renegotiate or terminate an agreement',
        params: idParams,
        headers: ifMatchHeaders,
        body: AgreementRenewal,
        response: { 200: AgreementRenewalResult },
      },
    },
    async (request, reply) => {
      const result = await decideRenewal(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(result.agreement.version));
      return result;
    },
  );

  app.get(
    '/agreements/:id/signers',
    {
      config: { access: 'agreement.read' },
      schema: {
        operationId: 'listAgreementSigners',
        description: 'Who signs the agreement for each side, our side first, with their roles.',
        tags,
        summary: 'List an agreement’s signers',
        params: idParams,
        response: { 200: AgreementSignerList },
      },
    },
    async (request) => listSigners(request.ctx, scopeOf(request), request.params.id),
  );

  app.post(
    '/agreements/:id/signers',
    {
      bodyLimit,
      config: { access: 'agreement.write', replyHeaders: ['etag'] },
      schema: {
        operationId: 'addAgreementSigner',
        description: `Adds a signer while the agreement is a draft or in negotiation (else 409 \`agreement_locked\`): a member for side \`us\`, a contact of the agreement’s partner for side \`partner\` (422 \`invalid_reference\` naming \`memberId\` or \`contactId\`), each once (409 \`signer_exists\`). The agreement changes: send its ETag in If-Match (428 without, 412 when stale); the answer is the agreement with its new ETag.`,
        tags,
        summary: 'Add a signer to an agreement',
        params: idParams,
        headers: ifMatchHeaders,
        body: AgreementSignerCreate,
        response: { 200: Agreement },
      },
    },
    async (request, reply) => {
      const agreement = await addSigner(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(agreement.version));
      return agreement;
    },
  );

  app.delete(
    '/agreements/:id/signers/:signerId',
    {
      config: { access: 'agreement.write', replyHeaders: ['etag'] },
      schema: {
        operationId: 'removeAgreementSigner',
        description: `Removes a signer while the agreement is a draft or in negotiation (else 409 \`agreement_locked\`). The agreement changes: send its ETag in If-Match (428 without, 412 when stale); the answer is the agreement with its new ETag.`,
        tags,
        summary: 'Remove a signer from an agreement',
        params: agreementSignerParams,
        headers: ifMatchHeaders,
        response: { 200: Agreement },
      },
    },
    async (request, reply) => {
      const agreement = await removeSigner(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.signerId,
        request.headers['if-match'],
      );
      reply.header('etag', etagOf(agreement.version));
      return agreement;
    },
  );
}
