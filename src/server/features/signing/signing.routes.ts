import type { FastifyRequest } from 'fastify';
import { agreementSignerParams } from '../../../domain/agreements';
import { idParams } from '../../../domain/pagination';
import {
  AgreementSignatureCreate,
  AgreementSigning,
  PublicSignatureCreate,
  SigningLinkCreate,
  SigningLinkSent,
  SigningView,
  SigningViewRequest,
} from '../../../domain/signatures';
import { downloadName, fileNamePart, fileResponse, sendDownload } from '../../http/download';
import { scopeOf } from '../../http/permissions';
import { perClient } from '../../http/rate-limit';
import type { ZodApp } from '../index';
import { getSigningView, sendSigningLink, signThroughLink } from './signing.links';
import { getSignedPdf } from './signing.pdf';
import { getSigning, signAsMember } from './signing.service';

const tags = ['agreements'];
const publicTags = ['signing'];
const bodyLimit = 16 * 1024;

/** What a signature records of the signer's client: its address and browser. */
const clientOf = (request: FastifyRequest) => ({
  ipAddress: request.ip ?? null,
  userAgent: request.headers['user-agent'] ?? null,
});

export async function signingRoutes(app: ZodApp) {
  app.get(
    '/agreements/:id/signing',
    {
      config: { access: 'agreement.read' },
      schema: {
        operationId: 'getAgreementSigning',
        summary: 'Who has signed an agreement',
        description:
          'The version sent for signature with its SHA-256, each signer with their signature of it (time, IP address, user agent, typed name) and, for partner signers, the state of their latest signing link (`not_sent`, `sent`, `expired`, `used`); whether everyone has signed and whether the signed PDF is there.',
        tags,
        params: idParams,
        response: { 200: AgreementSigning },
      },
    },
    async (request) => getSigning(request.ctx, scopeOf(request), request.params.id),
  );

  app.post(
    '/agreements/:id/signers/:signerId/signature',
    {
      bodyLimit,
      config: { access: 'agreement.sign' },
      schema: {
        operationId: 'signAgreement',
        summary: 'Sign an agreement as its signer',
        description:
          'The signed-in member who is this signer (side `us`) signs the frozen text: they send its SHA-256 as they were shown it (another is 409 `document_changed`), type their name (422 `typed_name_mismatch` when it is not the signer’s, case and spacing aside) and confirm their authority. Only while `pending_signature` (409 `not_pending_signature`); a second signature is 409 `already_signed`. Anyone else, an API key included, is 403 `not_the_signer`. The last signature makes the agreement `active` (unless a blocking compliance requirement is open: the signature stands and an admin moves it later) and makes the signed PDF. Answers the signing state.',
        tags,
        params: agreementSignerParams,
        body: AgreementSignatureCreate,
        response: { 201: AgreementSigning },
      },
    },
    async (request, reply) => {
      const { id, signerId } = request.params;
      const signing = await signAsMember(
        request.ctx,
        scopeOf(request),
        id,
        signerId,
        { ...request.body, ...clientOf(request) },
        request.log,
      );
      return reply.status(201).send(signing);
    },
  );

  app.post(
    '/agreements/:id/signers/:signerId/signing-link',
    {
      bodyLimit,
      config: { access: 'agreement.signing_links' },
      schema: {
        operationId: 'sendSigningLink',
        summary: 'Send a partner signer their signing link',
        description:
          'Mails a partner signer a single-use link to read and sign the frozen text, valid `expiresInDays` days (7 unless given, 30 at most). Sending again revokes the link sent before. Without SMTP the link is in this answer (`signingUrl`), this once: Tandem keeps only its hash. Only while `pending_signature` (409 `not_pending_signature`); our side is 409 `not_partner_signer`; a signer who has signed is 409 `already_signed`; one without an email address (or no longer a contact of the partner) is 409 `signer_no_email`.',
        tags,
        params: agreementSignerParams,
        body: SigningLinkCreate,
        response: { 201: SigningLinkSent },
      },
    },
    async (request, reply) => {
      const { id, signerId } = request.params;
      const sent = await sendSigningLink(request.ctx, scopeOf(request), id, signerId, request.body);
      return reply.status(201).header('cache-control', 'no-store').send(sent);
    },
  );

  app.get(
    '/agreements/:id/signed.pdf',
    {
      config: { access: 'agreement.read', replyHeaders: ['content-disposition'] },
      schema: {
        operationId: 'getSignedAgreementPdf',
        summary: 'The signed agreement (PDF)',
        description:
          'The agreement’s frozen text and its signature certificate page (signers, times, IP addresses, user agents, the text’s SHA-256, the audit trail), signed with the workspace’s certificate so any PDF reader can check it is unchanged. Made once, when the last signer signs. 409 `not_signed` until everyone has signed in Tandem and the agreement is in force.',
        tags,
        params: idParams,
        response: { 200: fileResponse('The signed agreement', 'application/pdf') },
      },
    },
    async (request, reply) => {
      const pdf = await getSignedPdf(request.ctx, scopeOf(request), request.params.id);
      return sendDownload(reply, {
        mediaType: 'application/pdf',
        name: downloadName(`signed-${fileNamePart(pdf.title, 'agreement')}`, 'pdf'),
        body: pdf.body,
      });
    },
  );

  app.post(
    '/signing/view',
    {
      bodyLimit: 4 * 1024,
      config: { access: 'public', rateLimits: [perClient('signing-link')] },
      schema: {
        operationId: 'getSigningView',
        summary: 'Read the agreement a signing link is for',
        description:
          'Takes the token of a signing link (sent in the body, never in a URL) and answers that one agreement: the parties, its terms, the frozen text and its SHA-256, and who signs. No sign-in: the token is the credential. 404 `signing_link_invalid` for a token Tandem did not make; 410 `signing_link_used`, `signing_link_revoked` (a newer link was sent) or `signing_link_expired`; 409 `signing_closed` when the agreement no longer waits for this signature.',
        tags: publicTags,
        body: SigningViewRequest,
        response: { 200: SigningView },
      },
    },
    async (request, reply) => {
      const view = await getSigningView(request.ctx, request.body.token);
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  app.post(
    '/signing/signature',
    {
      bodyLimit,
      config: { access: 'public', rateLimits: [perClient('signing-link')] },
      schema: {
        operationId: 'signThroughLink',
        summary: 'Sign through a signing link',
        description:
          'The partner signer signs the frozen text with the token of their link, which is then used up: the SHA-256 they were shown (409 `document_changed` otherwise), their name typed (422 `typed_name_mismatch`) and their authority confirmed. The same link errors as reading the view. Answers the view, now signed.',
        tags: publicTags,
        body: PublicSignatureCreate,
        response: { 201: SigningView },
      },
    },
    async (request, reply) => {
      const view = await signThroughLink(
        request.ctx,
        { ...request.body, ...clientOf(request) },
        request.log,
      );
      return reply.status(201).header('cache-control', 'no-store').send(view);
    },
  );
}
