import type yauzl from 'yauzl';
import {
  type AttachmentKind,
  attachmentExtensions,
  attachmentMediaTypes,
  fileExtension,
  fileNameProblem,
} from '../../domain/attachments';
import type { FileLimits } from '../config';
import { AppError } from '../http/errors';

/** What an accepted file is, read from its bytes. */
export type CheckedFile = { kind: AttachmentKind; mediaType: string };

/**
 * Limits on what a DOCX or XLSX (a zip) may declare it unpacks to, checked in its central
 * directory before anything is inflated: real office files stay far below them.
 */
export const zipLimits = {
  entries: 5_000,
  /** Bytes all entries unpack to. */
  totalBytes: 200 * 1024 * 1024,
  /** Unpacked bytes per byte of the file: text compresses about 10:1, a bomb 1000:1. */
  ratio: 100,
};

const mediaKinds = new Map<string, AttachmentKind>(
  Object.entries(attachmentMediaTypes).map(([kind, type]) => [
    type.split(';')[0] ?? type,
    kind as AttachmentKind,
  ]),
);

const refuse = (status: number, code: string, title: string, detail: string) =>
  new AppError(status, code, title, detail, [{ field: 'file', code, message: detail }]);

const unsupported = (what: string) =>
  refuse(
    415,
    'unsupported_file_type',
    'Unsupported file type',
    `${what}: attach a PDF, DOCX, XLSX, PNG, JPEG or plain UTF-8 text file`,
  );

/** The file name, or 422 `invalid_file_name` saying what is wrong with it. */
export function checkFileName(name: string): string {
  const problem = fileNameProblem(name);
  if (problem)
    throw new AppError(422, 'invalid_file_name', 'Invalid file name', problem, [
      { field: 'file', code: 'invalid_file_name', message: problem },
    ]);
  return name;
}

/**
 * The file's kind, read from its content (never from its name or the upload's claimed type):
 * 415 `unsupported_file_type` for anything off the allow-list, 415 `file_type_mismatch` when
 * the name ends as another kind (a PDF called `.png`), 422 `unsafe_archive` for a zip that
 * unpacks far beyond its size or cannot be read, 413 `file_too_large` over its kind's
 * limit, 422 `empty_file` for no bytes.
 */
export async function checkFileContent(
  bytes: Buffer,
  name: string,
  limits: FileLimits,
): Promise<CheckedFile> {
  if (bytes.length === 0)
    throw refuse(422, 'empty_file', 'Empty file', 'The file is empty: there is nothing to attach');
  const kind = await detectKind(bytes);
  if (bytes.length > limits[kind])
    throw refuse(
      413,
      'file_too_large',
      'File too large',
      `A ${kind.toUpperCase()} file may be ${mebibytes(limits[kind])} at most`,
    );
  const ending = fileExtension(name);
  const known = Object.values(attachmentExtensions).some((list) => list.includes(ending ?? ''));
  if (ending && known && !attachmentExtensions[kind].includes(ending))
    throw refuse(
      415,
      'file_type_mismatch',
      'File type mismatch',
      `The file is a ${kind.toUpperCase()}, but its name ends in .${ending}`,
    );
  return { kind, mediaType: attachmentMediaTypes[kind] };
}

async function detectKind(bytes: Buffer): Promise<AttachmentKind> {
  // Zips are checked from their central directory before file-type inflates any part of them.
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1')))
    await checkOfficeZip(bytes);
  // Loaded on the first upload, not with the server (as is yauzl below).
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    const kind = mediaKinds.get(found.mime);
    if (!kind) throw unsupported(`The file is ${found.ext.toUpperCase()} (${found.mime})`);
    return kind;
  }
  if (isPlainText(bytes)) return 'txt';
  throw unsupported('The file’s type is not recognized');
}

/** Text is valid UTF-8 without NUL bytes (which no text file holds and binaries are full of). */
export function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * A DOCX or XLSX as its central directory declares it: few enough entries, a sane unpacked
 * size and ratio, safe entry names (yauzl refuses absolute and `..` paths), and the parts an
 * office file has. Nothing is inflated here.
 */
async function checkOfficeZip(bytes: Buffer): Promise<void> {
  const unsafe = (detail: string) => refuse(422, 'unsafe_archive', 'Unsafe archive', detail);
  const { default: zipReader } = await import('yauzl');
  let zip: yauzl.ZipFile;
  try {
    zip = await zipReader.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw unsafe('The file looks like a zip but its directory cannot be read');
  }
  if (zip.entryCount > zipLimits.entries)
    throw unsafe(`The archive holds ${zip.entryCount} files; an office file holds far fewer`);
  let total = 0;
  const names = new Set<string>();
  try {
    for await (const entry of zip.eachEntry()) {
      total += entry.uncompressedSize;
      names.add(entry.fileName);
      if (total > zipLimits.totalBytes || total > bytes.length * zipLimits.ratio)
        throw unsafe('The archive unpacks to far more than its size: refused as a zip bomb');
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unsafe(`The archive is not valid (${(error as Error).message.split('\n')[0]})`);
  } finally {
    zip.close();
  }
  const office =
    names.has('[Content_Types].xml') &&
    (names.has('word/document.xml') || names.has('xl/workbook.xml'));
  if (!office) throw unsupported('The file is a zip archive, not a DOCX or XLSX document');
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}
