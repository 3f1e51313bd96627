import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/** The OpenAPI answer of a file download: its media type, as binary. */
export function fileResponse(description: string, mediaType: string) {
  return {
    description,
    content: { [mediaType]: { schema: z.string().meta({ format: 'binary' }) } },
  };
}

/**
 * Sends a file to save, never to show: an attachment with its name, not sniffed, not cached
 * (reports and exports hold the workspace's data and are read with the caller's access).
 */
export function sendDownload(
  reply: FastifyReply,
  file: { mediaType: string; name: string; body: Buffer | NodeJS.ReadableStream },
) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

/** `tandem-portfolio-2026-12-05.pdf`: what a download is called, dated the day it was made. */
export function downloadName(what: string, extension: string, now = new Date()): string {
  return `tandem-${what}-${now.toISOString().slice(0, 10)}.${extension}`;
}

/** `Acme Corp`, `FY2027-Q2` → `acme-corp-fy2027-q2`: a file name part anyone's system accepts. */
export const fileNamePart = (...parts: string[]) =>
  parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
