import { z } from 'zod';
import { agreementSignerParams } from '../../../domain/agreements';
import { attachmentMediaTypes } from '../../../domain/attachments';
import { uuid } from '../../../domain/ids';
import { idParams } from '../../../domain/pagination';
import {
  PortalAgreementDetail,
  PortalAgreementListQuery,
  PortalAgreementPage,
} from '../../../domain/portal/agreements';
import { AgreementSignatureCreate } from '../../../domain/signatures';
import { downloadName, fileNamePart, fileResponse, sendDownload } from '../../http/download';
import { sendAttachment } from '../attachments/attachments.download';
import type { ZodApp } from '../index';
import {
  sharedAgreement,
  sharedAgreementFile,
  sharedAgreements,
  sharedSignedPdf,
  signShared,
} from './portal.agreements';
import { portalConfig as config, logged, partnerCaller, partnerScopeOf } from './portal.caller';

const tags = ['portal'];
const fileParams = z.object({ id: uuid, fileId: uuid });
const downloads = { ...config, replyHeaders: ['content-disposition' as const] };
const fileTypes = [
  ...new Set(Object.values(attachmentMediaTypes).map((t) => t.split(';')[0] ?? t)),
];

/** Agreements shared with the partner (from `pending_signature` on) and signing them. */
export async function portalAgreementRoutes(app: ZodApp) {
  app.get(
    '/portal/agreements',
    {
      config,
      schema: {
        operationId: 'listPortalAgreements',
        description: `The partner's agreements sent for signature (\`pending_signature\` and later), newest first, in keyset pages; drafts and agreements in negotiation are never listed. \`awaitingYourSignature\` marks those waiting for the caller's own signature (a partner signer whose contact has the caller's email address).${logged}`,
        tags,
        summary: 'List shared agreements',
        querystring: PortalAgreementListQuery,
        response: { 200: PortalAgreementPage },
      },
    },
    async (request) => {
      const { scope, user } = partnerCaller(request);
      return sharedAgreements(request.ctx, scope, user.email, request.query);
    },
  );

  app.get(
    '/portal/agreements/:id',
    {
      config,
      schema: {
        operationId: 'getPortalAgreement',
        description: `One shared agreement: its terms, the frozen text sent for signature with its SHA-256 and files, who signs (and which signer is the caller) and whether the signed PDF is there. 404 for a draft, one in negotiation, or another partner's.${logged}`,
        tags,
        summary: 'Get a shared agreement',
        params: idParams,
        response: { 200: PortalAgreementDetail },
      },
    },
    async (request) => {
      const { scope, user } = partnerCaller(request);
      return sharedAgreement(request.ctx, scope, user.email, request.params.id);
    },
  );

  app.get(
    '/portal/agreements/:id/files/:fileId',
    {
      config: downloads,
      schema: {
        operationId: 'downloadPortalAgreementFile',
        description: `A file of the frozen version, to save (\`Content-Disposition: attachment\`, \`nosniff\`). Any other file is 404.${logged}`,
        tags,
        summary: 'Download a file of a shared agreement',
        params: fileParams,
        response: {
          200: {
            description: 'The file',
            content: Object.fromEntries(
              fileTypes.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
            ),
          },
        },
      },
    },
    async (request, reply) => {
      const { id, fileId } = request.params;
      const file = await sharedAgreementFile(request.ctx, partnerScopeOf(request), id, fileId);
      return sendAttachment(reply, file.attachment, file.body);
    },
  );

  app.get(
    '/portal/agreements/:id/signed.pdf',
    {
      config: downloads,
      schema: {
        operationId: 'getPortalSignedAgreementPdf',
        description: `The signed agreement with its certificate page, signed with the workspace's certificate. 409 \`not_signed\` until everyone has signed and it is in force.${logged}`,
        tags,
        summary: 'The signed agreement (PDF)',
        params: idParams,
        response: { 200: fileResponse('The signed agreement', 'application/pdf') },
      },
    },
    async (request, reply) => {
      const pdf = await sharedSignedPdf(request.ctx, partnerScopeOf(request), request.params.id);
      return sendDownload(reply, {
        mediaType: 'application/pdf',
        name: downloadName(`signed-${fileNamePart(pdf.title, 'agreement')}`, 'pdf'),
        body: pdf.body,
      });
    },
  );

  app.post(
    '/portal/agreements/:id/signers/:signerId/signature',
    {
      bodyLimit: 16 * 1024,
      config: { access: 'portal.sign', credentials: 'session' },
      schema: {
        operationId: 'signPortalAgreement',
        description:
          'The partner user signs as a partner signer they are (whose contact has their email address; anyone else is 403 `not_the_signer`), with the rules of every signature: the SHA-256 of the text shown (409 `document_changed`), their name typed (422 `typed_name_mismatch`), their authority confirmed; only while `pending_signature` (409 `not_pending_signature`), once (409 `already_signed`). The last signature makes the agreement `active` and makes the signed PDF. Answers the agreement as it now stands.',
        tags,
        summary: 'Sign a shared agreement',
        params: agreementSignerParams,
        body: AgreementSignatureCreate,
        response: { 201: PortalAgreementDetail },
      },
    },
    async (request, reply) => {
      const { scope, user } = partnerCaller(request);
      const { id, signerId } = request.params;
      const detail = await signShared(
        request.ctx,
        scope,
        user.email,
        id,
        signerId,
        {
          ...request.body,
          ipAddress: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
        },
        request.log,
      );
      return reply.status(201).send(detail);
    },
  );
}
