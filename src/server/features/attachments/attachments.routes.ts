import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agreementVersionParams } from '../../../domain/agreement-versions';
import {
  Attachment,
  AttachmentList,
  attachmentMediaTypes,
  attachmentParams,
} from '../../../domain/attachments';
import { obligationParams } from '../../../domain/obligations';
import { AppError } from '../../http/errors';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { sendAttachment } from './attachments.download';
import {
  type AttachmentSubject,
  addAttachment,
  listAttachments,
  openAttachment,
  removeAttachment,
  type UploadedFile,
} from './attachments.service';

const tags = ['agreements'];

const upload = {
  required: true,
  description:
    'One file in the form field `file`. Its type is read from its content: PDF, DOCX, XLSX, PNG, JPEG or UTF-8 text (no NUL bytes); the part’s Content-Type is ignored. The file name is kept as display text only.',
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' } },
      },
    },
  },
};

const uploadErrors =
  'Refused with nothing stored: 413 `file_too_large` over the kind’s size limit; 415 `unsupported_file_type` for content off the allow-list, `file_type_mismatch` for a name ending as another kind; 422 `unsafe_archive` for a DOCX or XLSX that unpacks far beyond its size, `invalid_file_name` for a path, `..`, control characters or over 200 characters, `empty_file`, `file_required`.';

const fileRequired = () =>
  new AppError(422, 'file_required', 'A file is required', 'Send one file in the field `file`', [
    { field: 'file', code: 'file_required', message: 'Choose a file' },
  ]);

/** The one file of a multipart request, read whole (its size is capped by the largest limit). */
async function readUpload(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart())
    throw new AppError(
      415,
      'unsupported_media_type',
      'Unsupported media type',
      'Send multipart/form-data',
      [
        {
          field: 'body',
          code: 'unsupported_media_type',
          message: 'Send the file as a form upload',
        },
      ],
    );
  const largest = Math.max(...Object.values(request.ctx.config.fileLimits));
  try {
    const part = await request.file({
      limits: { fileSize: largest, files: 1, fields: 0, parts: 1 },
    });
    if (part?.fieldname !== 'file') throw fileRequired();
    return { fileName: part.filename, bytes: await part.toBuffer() };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      code === 'FST_REQ_FILE_TOO_LARGE' ||
      code === 'FST_PARTS_LIMIT' ||
      code === 'FST_FIELDS_LIMIT' ||
      code === 'FST_FILES_LIMIT'
    )
      throw new AppError(
        413,
        code === 'FST_REQ_FILE_TOO_LARGE' ? 'file_too_large' : 'payload_too_large',
        'File too large',
        code === 'FST_REQ_FILE_TOO_LARGE'
          ? `A file may be ${Math.round(largest / 1024 / 1024)} MiB at most`
          : 'Send one file and nothing else',
        [{ field: 'file', code: 'file_too_large', message: 'The file is too large' }],
      );
    throw error;
  }
}

export async function attachmentRoutes(app: ZodApp) {
  // The name arrives whole (busboy would cut a path off silently), so a path is refused.
  await app.register(fastifyMultipart, { preservePath: true });

  const listRoute = (
    url: string,
    params: typeof agreementVersionParams | typeof obligationParams,
    what: string,
    operationId: string,
    subjectOf: (p: Record<string, unknown>) => AttachmentSubject,
  ) =>
    app.get(
      url,
      {
        config: { access: 'agreement.read' },
        schema: {
          operationId,
          description: `The files attached to ${what}, oldest first.`,
          tags,
          summary: `List the files of ${what}`,
          params,
          response: { 200: AttachmentList },
        },
      },
      async (request) =>
        listAttachments(
          request.ctx,
          scopeOf(request),
          subjectOf(request.params as Record<string, unknown>),
        ),
    );

  const addRoute = (
    url: string,
    params: typeof agreementVersionParams | typeof obligationParams,
    what: string,
    operationId: string,
    rules: string,
    subjectOf: (p: Record<string, unknown>) => AttachmentSubject,
  ) =>
    app.post(
      url,
      {
        config: { access: 'agreement.write', replyHeaders: ['location'], requestBody: upload },
        schema: {
          operationId,
          description: `Attaches a file to ${what}. ${rules} ${uploadErrors}`,
          tags,
          summary: `Attach a file to ${what}`,
          params,
          response: { 201: Attachment },
        },
      },
      async (request, reply) => {
        const subject = subjectOf(request.params as Record<string, unknown>);
        const attachment = await addAttachment(
          request.ctx,
          scopeOf(request),
          subject,
          await readUpload(request),
        );
        reply.header(
          'location',
          `/api/v1/agreements/${attachment.agreementId}/attachments/${attachment.id}`,
        );
        return reply.status(201).send(attachment);
      },
    );

  const versionSubject = (p: Record<string, unknown>): AttachmentSubject => ({
    type: 'agreement_version',
    agreementId: String(p.id),
    number: Number(p.number),
  });
  const obligationSubject = (p: Record<string, unknown>): AttachmentSubject => ({
    type: 'obligation',
    agreementId: String(p.id),
    obligationId: String(p.obligationId),
  });

  listRoute(
    '/agreements/:id/versions/:number/attachments',
    agreementVersionParams,
    'a version of an agreement’s text',
    'listAgreementVersionAttachments',
    versionSubject,
  );
  addRoute(
    '/agreements/:id/versions/:number/attachments',
    agreementVersionParams,
    'a version of an agreement’s text',
    'addAgreementVersionAttachment',
    'Only the latest version takes files, while the agreement is a draft or in negotiation: a version sent for signature is frozen, with its files (409 `version_frozen`), and its SHA-256 covers them; an older one is 409 `version_not_latest`.',
    versionSubject,
  );
  listRoute(
    '/agreements/:id/obligations/:obligationId/attachments',
    obligationParams,
    'an obligation (its evidence)',
    'listObligationAttachments',
    obligationSubject,
  );
  addRoute(
    '/agreements/:id/obligations/:obligationId/attachments',
    obligationParams,
    'an obligation as evidence',
    'addObligationAttachment',
    'An obligation holds up to 50 files (409 `too_many_attachments`).',
    obligationSubject,
  );

  app.get(
    '/agreements/:id/attachments/:attachmentId',
    {
      config: { access: 'agreement.read', replyHeaders: ['content-disposition'] },
      schema: {
        operationId: 'downloadAttachment',
        description:
          'The attached file’s bytes, with the media type read from its content when it was uploaded, as an attachment to save (never shown inline: `Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`, not cached).',
        tags,
        summary: 'Download an attached file',
        params: attachmentParams,
        response: {
          200: {
            description: 'The file',
            content: Object.fromEntries(
              [
                ...new Set(Object.values(attachmentMediaTypes).map((t) => t.split(';')[0] ?? t)),
              ].map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
            ),
          },
        },
      },
    },
    async (request, reply) => {
      const { attachment, body } = await openAttachment(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return sendAttachment(reply, attachment, body);
    },
  );

  app.delete(
    '/agreements/:id/attachments/:attachmentId',
    {
      config: { access: 'agreement.write' },
      schema: {
        operationId: 'removeAttachment',
        description:
          'Removes an attached file and its bytes. A file of a version sent for signature stays (409 `version_frozen`), as does one of an older version (409 `version_not_latest`).',
        tags,
        summary: 'Remove an attached file',
        params: attachmentParams,
        response: { 204: z.null().describe('Removed') },
      },
    },
    async (request, reply) => {
      await removeAttachment(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply.status(204).send(null);
    },
  );
}
