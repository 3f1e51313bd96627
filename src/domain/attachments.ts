import { z } from 'zod';
import { uuid } from './ids';

/**
 * Files attached to records (decision 057): a version of an agreement's text, or an obligation
 * (its evidence). The type is read from the content and must be one of these kinds.
 */
export const attachmentKinds = ['pdf', 'docx', 'xlsx', 'png', 'jpeg', 'txt'] as const;
export const AttachmentKind = z.enum(attachmentKinds);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** The media type each kind is stored and downloaded as. */
export const attachmentMediaTypes: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
  txt: 'text/plain; charset=utf-8',
};

/** The file name endings each kind may carry; a name ending in another kind's is refused. */
export const attachmentExtensions: Record<AttachmentKind, readonly string[]> = {
  pdf: ['pdf'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  txt: ['txt', 'text', 'md', 'csv', 'log'],
};

/** Default size limits per kind, in MiB (`TANDEM_FILE_LIMITS` changes them). */
export const defaultFileLimitsMiB: Record<AttachmentKind, number> = {
  pdf: 25,
  docx: 15,
  xlsx: 15,
  png: 10,
  jpeg: 10,
  txt: 2,
};

export const attachmentSubjectTypes = ['agreement_version', 'obligation'] as const;
export const AttachmentSubjectType = z.enum(attachmentSubjectTypes);
export type AttachmentSubjectType = z.infer<typeof AttachmentSubjectType>;

/** An agreement version holds this many files at most (its page lists them all). */
export const maxAttachmentsPerSubject = 50;

export const maxFileNameLength = 200;

/**
 * What is wrong with a file name, or null. A name is display text only, but it is still refused
 * with a path in it (`/`, `\`), as `.` or `..`, with control or bidirectional-override
 * characters (which disguise an ending: `invoice‮fdp.exe`), or longer than 200 characters.
 */
export function fileNameProblem(name: string): string | null {
  if (name.trim() === '') return 'Give the file a name';
  if ([...name].length > maxFileNameLength)
    return `A file name has ${maxFileNameLength} characters at most`;
  if (/[/\\]/.test(name)) return 'A file name cannot hold a path (/ or \\)';
  if (name === '.' || name === '..' || name.includes('..')) return 'A file name cannot hold “..”';
  if ([...name].some(isControl)) return 'A file name cannot hold control characters';
  return null;
}

/** C0 and C1 controls, DEL, and the Unicode bidirectional marks, embeddings and isolates. */
function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** `Contract.PDF` → `pdf`; null without an ending. */
export function fileExtension(name: string): string | null {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return match?.[1]?.toLowerCase() ?? null;
}

export const Attachment = z
  .object({
    id: z.uuid(),
    agreementId: z.uuid(),
    subjectType: AttachmentSubjectType,
    subjectId: z.uuid().describe('The agreement version’s or the obligation’s id'),
    fileName: z.string().describe('The name it was uploaded with: display text only'),
    kind: AttachmentKind,
    mediaType: z.string().describe('Read from the content, never from the upload’s claim'),
    size: z.number().int().describe('Bytes'),
    sha256: z.string().describe('SHA-256 of the bytes, lowercase hex'),
    uploadedByName: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof Attachment>;

export const AttachmentList = z
  .object({ items: z.array(Attachment) })
  .meta({ id: 'AttachmentList' });
export type AttachmentList = z.infer<typeof AttachmentList>;

export const attachmentParams = z.object({ id: uuid, attachmentId: uuid });
