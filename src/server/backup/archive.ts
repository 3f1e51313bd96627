import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Pack } from 'tar-stream';
import { z } from 'zod';
import { type BlobKey, parseBlobKey } from '../files/blob-store';

/** A backup or restore that cannot go ahead; its message is one line for the user. */
export class BackupError extends Error {}

/**
 * A backup is a tar archive (decision 062): the embedded database's gzipped PGlite dump, the data
 * directory's secret, every file of the blob store under `files/<key>`, and last the manifest, so
 * an archive cut short has none and is refused.
 */
export const members = {
  database: 'database.tar.gz',
  secret: 'secret',
  manifest: 'tandem-backup.json',
  filePrefix: 'files/',
} as const;

const digest = z.object({ size: z.number().int().nonnegative(), sha256: z.string() });

export const Manifest = z
  .object({
    format: z.literal('tandem-backup/1'),
    createdAt: z.string(),
    /** Null in a backup of the files alone (a PostgreSQL install backs its database up itself). */
    database: digest.nullable(),
    secret: z.boolean(),
    files: z.array(digest.extend({ key: z.string() })),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;
export type Digest = z.infer<typeof digest>;

/** Writes one member from bytes or a stream, hashing what it writes. */
export async function writeMember(
  pack: Pack,
  name: string,
  size: number,
  source: Uint8Array | AsyncIterable<Uint8Array>,
): Promise<Digest> {
  const hash = createHash('sha256');
  let written = 0;
  await new Promise<void>((resolve, reject) => {
    const entry = pack.entry({ name, size, mode: 0o600, mtime: new Date(0) }, (error) =>
      error ? reject(error) : resolve(),
    );
    (async () => {
      for await (const chunk of source instanceof Uint8Array ? [source] : source) {
        hash.update(chunk);
        written += chunk.byteLength;
        if (!entry.write(chunk)) await new Promise<void>((go) => entry.once('drain', () => go()));
      }
      entry.end(undefined);
    })().catch((error) => {
      entry.destroy(error as Error);
      reject(error);
    });
  });
  return { size: written, sha256: hash.digest('hex') };
}

/** What a reader does with each kind of member; the archive decides the order. */
export type ArchiveReader = {
  database(bytes: Buffer): Promise<void> | void;
  secret(text: string): void;
  /** Stores a file's bytes somewhere and answers their size and SHA-256. */
  file(key: BlobKey, body: AsyncIterable<Uint8Array>): Promise<Digest>;
};

/** What kind of file `file` is, from its first bytes: a backup archive, a bare dump, or neither. */
export async function sniffBackup(file: string): Promise<'archive' | 'dump' | 'unknown'> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, 512, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'dump';
    if (bytesRead === 512 && head.subarray(257, 262).toString('latin1') === 'ustar')
      return 'archive';
    return 'unknown';
  } finally {
    await handle.close();
  }
}

/**
 * Reads a backup archive through `reader` and answers its manifest, once every member was read
 * and matched it. Refuses (BackupError) a member it does not expect (a path, a link, a second
 * copy), an archive cut short, and any member whose size or SHA-256 differs from the manifest.
 */
export async function readBackupArchive(file: string, reader: ArchiveReader): Promise<Manifest> {
  const seen = { database: null as Digest | null, secret: false, files: new Map<string, Digest>() };
  let manifest: Manifest | null = null;
  // Backups and restores load the tar library themselves: the server never needs it.
  const { extract } = await import('tar-stream');
  const tar = extract();
  createReadStream(file)
    .on('error', (error) => tar.destroy(error))
    .pipe(tar);
  try {
    for await (const member of tar) {
      const { name, type } = member.header;
      const entry = member as AsyncIterable<Uint8Array>;
      const shown = JSON.stringify(name.slice(0, 80));
      if (manifest) throw new BackupError(`the backup has a member after its manifest: ${shown}`);
      if (type !== 'file') throw new BackupError(`the backup holds a ${type}, ${shown}`);
      if (name === members.manifest) {
        manifest = parseManifest(await readAll(entry, 16 * 1024 * 1024));
      } else if (name === members.database && !seen.database) {
        const bytes = await readAll(entry, Number.MAX_SAFE_INTEGER);
        seen.database = { size: bytes.length, sha256: sha256(bytes) };
        await reader.database(bytes);
      } else if (name === members.secret && !seen.secret) {
        seen.secret = true;
        reader.secret((await readAll(entry, 4096)).toString('utf8').trim());
      } else {
        const key = name.startsWith(members.filePrefix)
          ? parseBlobKey(name.slice(members.filePrefix.length))
          : null;
        if (!key || seen.files.has(key))
          throw new BackupError(`the backup holds an unexpected member ${shown}`);
        seen.files.set(key, await reader.file(key, entry));
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the backup is damaged or cut short (${firstLine(error)})`);
  } finally {
    tar.destroy();
  }
  if (!manifest) throw new BackupError('the backup is cut short: it has no manifest');
  checkAgainstManifest(manifest, seen);
  return manifest;
}

function checkAgainstManifest(
  manifest: Manifest,
  seen: { database: Digest | null; secret: boolean; files: Map<string, Digest> },
): void {
  if (!sameDigest(manifest.database, seen.database))
    throw new BackupError('the backup is damaged: its database does not match its manifest');
  if (manifest.secret !== seen.secret)
    throw new BackupError('the backup is damaged: its secret does not match its manifest');
  if (manifest.files.length !== seen.files.size)
    throw new BackupError(
      `the backup is damaged: its manifest lists ${manifest.files.length} files, it holds ${seen.files.size}`,
    );
  for (const listed of manifest.files) {
    if (!sameDigest(listed, seen.files.get(listed.key) ?? null))
      throw new BackupError(
        `the backup is damaged: file ${listed.key} does not match its manifest`,
      );
  }
}

function sameDigest(a: Digest | null, b: Digest | null): boolean {
  return a === null || b === null ? a === b : a.size === b.size && a.sha256 === b.sha256;
}

function parseManifest(bytes: Buffer): Manifest {
  try {
    return Manifest.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new BackupError('the backup has a manifest Tandem cannot read (a newer format?)');
  }
}

async function readAll(body: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw new BackupError('the backup holds a member larger than it may be');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown';
}
