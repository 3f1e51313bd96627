import {
  AgreementVersion,
  AgreementVersionCreate,
  AgreementVersionList,
  AgreementVersionUpdate,
  agreementVersionParams,
  Redline,
  RedlineQuery,
} from '../../../domain/agreement-versions';
import { idParams } from '../../../domain/pagination';
import { downloadName, fileNamePart, fileResponse, sendDownload } from '../../http/download';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { redlinePdf } from './agreements.redline-pdf';
import {
  createVersion,
  getRedline,
  getVersion,
  listVersions,
  updateVersion,
} from './agreements.versions';

const tags = ['agreements'];
/** A version's text is up to 200 000 characters of up to 4 bytes each, in JSON. */
const bodyLimit = 1024 * 1024;
const ifMatch =
  'A version belongs to its agreement: send the agreement’s ETag in If-Match (428 without it, 412 when the agreement changed since); the answer carries the agreement’s new ETag.';

export async function agreementVersionRoutes(app: ZodApp) {
  app.get(
    '/agreements/:id/versions',
    {
      config: { access: 'agreement.read' },
      schema: {
        operationId: 'listAgreementVersions',
        description:
          'The versions of the agreement’s text, oldest first, without their texts (each with its length); a frozen one has `frozenAt` and `sha256`.',
        tags,
        summary: 'List an agreement’s versions',
        params: idParams,
        response: { 200: AgreementVersionList },
      },
    },
    async (request) => listVersions(request.ctx, scopeOf(request), request.params.id),
  );

  app.post(
    '/agreements/:id/versions',
    {
      bodyLimit,
      config: { access: 'agreement.write', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createAgreementVersion',
        description: `Starts the next version of the agreement’s text while it is a draft or in negotiation (else 409 \`agreement_locked\`, or \`agreement_closed\` once ended): the \`body\` sent, or a copy of the latest version. ${ifMatch}`,
        tags,
        summary: 'Start a new version of an agreement’s text',
        params: idParams,
        headers: ifMatchHeaders,
        body: AgreementVersionCreate,
        response: { 201: AgreementVersion },
      },
    },
    async (request, reply) => {
      const { version, agreementVersion } = await createVersion(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(agreementVersion));
      reply.header(
        'location',
        `/api/v1/agreements/${version.agreementId}/versions/${version.number}`,
      );
      return reply.status(201).send(version);
    },
  );

  app.get(
    '/agreements/:id/versions/:number',
    {
      config: { access: 'agreement.read' },
      schema: {
        operationId: 'getAgreementVersion',
        description: 'One version of the agreement’s text, in Markdown.',
        tags,
        summary: 'Get a version of an agreement’s text',
        params: agreementVersionParams,
        response: { 200: AgreementVersion },
      },
    },
    async (request) =>
      getVersion(request.ctx, scopeOf(request), request.params.id, request.params.number),
  );

  app.patch(
    '/agreements/:id/versions/:number',
    {
      bodyLimit,
      config: { access: 'agreement.write', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateAgreementVersion',
        description: `Changes the text of the latest version while the agreement is a draft or in negotiation. A version sent for signature is frozen: 409 \`version_frozen\` (start a new version instead); an older version is 409 \`version_not_latest\`. ${ifMatch}`,
        tags,
        summary: 'Change the latest version’s text (If-Match required)',
        params: agreementVersionParams,
        headers: ifMatchHeaders,
        body: AgreementVersionUpdate,
        response: { 200: AgreementVersion },
      },
    },
    async (request, reply) => {
      const { version, agreementVersion } = await updateVersion(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.number,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(agreementVersion));
      return version;
    },
  );

  app.get(
    '/agreements/:id/redline',
    {
      config: { access: 'agreement.read' },
      schema: {
        operationId: 'getAgreementRedline',
        description:
          'What changed from version `from` to version `to`, word by word: parts in reading order, each `same`, `insert` or `delete`. A number that is not a version of the agreement is 422 `invalid_reference` naming `from` or `to`.',
        tags,
        summary: 'Redline between two versions',
        params: idParams,
        querystring: RedlineQuery,
        response: { 200: Redline },
      },
    },
    async (request) =>
      getRedline(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.query.from,
        request.query.to,
      ),
  );

  app.get(
    '/agreements/:id/redline.pdf',
    {
      config: { access: 'agreement.read', replyHeaders: ['content-disposition'] },
      schema: {
        operationId: 'getAgreementRedlinePdf',
        description:
          'The redline from version `from` to version `to` as a PDF: inserted text underlined (and blue), deleted text struck through (and red), with a key, so it reads in grey print too. An attachment, never cached; the same 422 as the JSON redline.',
        tags,
        summary: 'Redline between two versions (PDF)',
        params: idParams,
        querystring: RedlineQuery,
        response: { 200: fileResponse('The redline', 'application/pdf') },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const pdf = await redlinePdf(request.ctx, scopeOf(request), request.params.id, from, to);
      return sendDownload(reply, {
        mediaType: 'application/pdf',
        name: downloadName(`redline-${fileNamePart(pdf.title, `v${from}-v${to}`)}`, 'pdf'),
        body: pdf.body,
      });
    },
  );
}
