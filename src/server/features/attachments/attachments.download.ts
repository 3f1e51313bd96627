import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { type Attachment, attachmentExtensions, fileExtension } from '../../../domain/attachments';

/**
 * `attachment; filename="Contract_v2.pdf"; filename*=UTF-8''Contract%20v2.pdf`: the name the
 * file was uploaded with (RFC 6266), an ASCII stand-in for old clients, and the kind's ending
 * added when the name has none, so the saved file opens with the right program.
 */
export function attachmentDisposition(attachment: Pick<Attachment, 'fileName' | 'kind'>): string {
  const ending = fileExtension(attachment.fileName);
  const name = attachmentExtensions[attachment.kind].includes(ending ?? '')
    ? attachment.fileName
    : `${attachment.fileName}.${attachmentExtensions[attachment.kind][0]}`;
  const ascii = name.replace(/[^\w.\- ()]/g, '_').replace(/^\.+/, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends the file to save, never to show: its stored type, not sniffed, not cached. */
export function sendAttachment(reply: FastifyReply, attachment: Attachment, body: Readable) {
  return reply
    .header('content-type', attachment.mediaType)
    .header('content-length', String(attachment.size))
    .header('content-disposition', attachmentDisposition(attachment))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(body);
}
