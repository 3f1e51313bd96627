import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openPGlite } from '../db/client';
import { embeddedDatabaseDir } from '../db/open';
import type { BlobKey } from '../files/blob-store';
import type { S3BlobStore } from '../files/s3-store';
import {
  BackupError,
  type Digest,
  firstLine,
  type Manifest,
  readBackupArchive,
  sniffBackup,
} from './archive';
import { type FileRow, readFileRows } from './file-rows';

export type RestoreOptions = { keepPrevious?: boolean; progress?: (line: string) => void };
/** Where the files go: the files folder (swapped whole) or the bucket (written object by object). */
export type FilesTarget = { dir: string } | { bucket: S3BlobStore };
/** Where the replaced database, files and secret were put aside (null: removed, or none). */
export type RestoreResult = {
  previous: string | null;
  previousFiles: string | null;
  files: number;
};

/**
 * Replaces the embedded database in `dataDir` (and the files, in their folder or bucket, and the
 * secret) by a backup. The caller holds the data directory lock. Everything is read and checked
 * into staging folders first, so a bad archive changes nothing; then each is swapped in, the
 * previous kept aside until the restored database opens (a bucket is written after that). A bare
 * dump (a backup from before decision 062) restores the database alone and leaves the files.
 */
export async function restoreEmbedded(
  dataDir: string,
  files: FilesTarget,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const say = options.progress ?? (() => {});
  const kind = await sniff(file);
  say('Checking the backup…');
  // A fresh data directory need not exist yet.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (kind === 'dump') {
    const dump = new Blob([readFileSync(file)]);
    await openAndCheck({ dump });
    say('The backup is a database dump without files: the files are left as they are.');
    return { ...(await swapDatabase(dataDir, dump, options, [])), previousFiles: null, files: 0 };
  }
  const staged = await stageArchive(file, files, say);
  try {
    if (!staged.dump) {
      throw new BackupError(
        'the backup holds files only (made with DATABASE_URL); restore it with DATABASE_URL set',
      );
    }
    const dump = new Blob([staged.dump as Uint8Array<ArrayBuffer>]);
    checkFiles(staged.manifest, await openAndCheck({ dump }), say);
    const extra: Swap[] = 'dir' in files ? [{ current: files.dir, staging: staged.folder }] : [];
    if (staged.secret !== null) {
      const secretFile = join(dataDir, 'secret');
      writeFileSync(`${secretFile}.restoring`, `${staged.secret}\n`, { mode: 0o600 });
      extra.push({ current: secretFile, staging: `${secretFile}.restoring` });
    }
    const result = await swapDatabase(dataDir, dump, options, extra);
    if ('bucket' in files) {
      // A bucket cannot be swapped: it is written once the database is in place, and a run
      // stopped part way can simply be repeated.
      await writeToBucket(files.bucket, staged, options, say);
      return { ...result, previousFiles: null, files: staged.manifest.files.length };
    }
    return { ...result, files: staged.manifest.files.length };
  } finally {
    rmSync(staged.folder, { recursive: true, force: true });
    rmSync(join(dataDir, 'secret.restoring'), { force: true });
  }
}

/**
 * Replaces the files (in the folder or the bucket) by those of a backup, checked against the rows
 * `rowsOf` reads (a PostgreSQL install restores its database with pg_restore first, then its files).
 */
export async function restoreFiles(
  rowsOf: () => Promise<Map<string, FileRow>>,
  files: FilesTarget,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const say = options.progress ?? (() => {});
  if ((await sniff(file)) !== 'archive')
    throw new BackupError('the file is a database dump; restore it without DATABASE_URL');
  say('Checking the backup…');
  const staged = await stageArchive(file, files, say);
  try {
    if (staged.dump)
      throw new BackupError(
        'the backup holds an embedded database; restore it without DATABASE_URL',
      );
    checkFiles(staged.manifest, await rowsOf(), say);
    if ('bucket' in files) {
      await writeToBucket(files.bucket, staged, options, say);
      return { previous: null, previousFiles: null, files: staged.manifest.files.length };
    }
    const [aside] = swapAll([{ current: files.dir, staging: staged.folder }], stampNow());
    if (aside && !options.keepPrevious) rmSync(aside, { recursive: true, force: true });
    return {
      previous: null,
      previousFiles: options.keepPrevious ? (aside ?? null) : null,
      files: staged.manifest.files.length,
    };
  } finally {
    rmSync(staged.folder, { recursive: true, force: true });
  }
}

async function sniff(file: string) {
  if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
  const kind = await sniffBackup(file);
  if (kind === 'unknown')
    throw new BackupError(
      'the file is not a readable Tandem backup (neither an archive nor a dump)',
    );
  return kind;
}

type Staged = { manifest: Manifest; dump: Buffer | null; secret: string | null; folder: string };

/**
 * Reads the whole archive, its files into a staging folder, and checks it. The folder is beside
 * the files folder, so it can be renamed into place; for a bucket, a temporary one.
 */
async function stageArchive(
  file: string,
  files: FilesTarget,
  say: (line: string) => void,
): Promise<Staged> {
  const folder =
    'dir' in files ? `${files.dir}.restoring` : mkdtempSync(join(tmpdir(), 'tandem-restore-'));
  rmSync(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true, mode: 0o700 });
  let dump: Buffer | null = null;
  let secret: string | null = null;
  let count = 0;
  try {
    const manifest = await readBackupArchive(file, {
      database: (bytes) => {
        dump = bytes;
      },
      secret: (text) => {
        secret = text;
      },
      file: async (key, body) => {
        const digest = await writeStaged(folder, key, body);
        count += 1;
        if (count % 200 === 0) say(`  ${count} files read`);
        return digest;
      },
    });
    say(`Read ${manifest.files.length} files${dump ? ' and the database' : ''}.`);
    return { manifest, dump, secret, folder };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Writes each staged file to the bucket under its key, then removes the objects the backup does
 * not hold (kept with `keepPrevious`): the bucket ends as the backup left it.
 */
async function writeToBucket(
  bucket: S3BlobStore,
  staged: Staged,
  options: RestoreOptions,
  say: (line: string) => void,
): Promise<void> {
  say(`Writing ${staged.manifest.files.length} files to the ${bucket.description}…`);
  const wanted = new Set<string>();
  for (const [index, listed] of staged.manifest.files.entries()) {
    const key = listed.key as BlobKey;
    wanted.add(key);
    await bucket.putAs(key, createReadStream(stagedPath(staged.folder, key)));
    if ((index + 1) % 200 === 0) say(`  ${index + 1} files written`);
  }
  const others: BlobKey[] = [];
  for await (const key of bucket.keys()) if (!wanted.has(key)) others.push(key);
  if (others.length === 0) return;
  if (options.keepPrevious) {
    say(`Kept ${others.length} files the backup does not hold (--keep-previous).`);
    return;
  }
  for (const key of others) await bucket.delete(key);
  say(`Removed ${others.length} files the backup does not hold.`);
}

function stagedPath(folder: string, key: BlobKey): string {
  return join(folder, key.slice(0, 2), key);
}

async function writeStaged(
  folder: string,
  key: BlobKey,
  body: AsyncIterable<Uint8Array>,
): Promise<Digest> {
  await mkdir(join(folder, key.slice(0, 2)), { recursive: true, mode: 0o700 });
  const handle = await open(stagedPath(folder, key), 'wx', 0o600);
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of body) {
      hash.update(chunk);
      size += chunk.byteLength;
      await handle.write(chunk);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { size, sha256: hash.digest('hex') };
}

/** Each file must match the row that owns it; a row whose file is absent is only reported. */
function checkFiles(
  manifest: Manifest,
  rows: Map<string, FileRow>,
  say: (line: string) => void,
): void {
  const inArchive = new Set<string>();
  for (const listed of manifest.files) {
    inArchive.add(listed.key);
    const row = rows.get(listed.key);
    if (row && row.sha256 !== listed.sha256)
      throw new BackupError(`file ${listed.key} does not match its record (${row.owner})`);
  }
  const absent = [...rows.values()].filter((row) => !inArchive.has(row.key));
  if (absent.length > 0)
    say(
      `Note: ${absent.length} files the database names are not in the backup (first: ${absent[0]?.owner}).`,
    );
}

/** Opens a database (from a dump, or a folder as it is), checks it is Tandem's, reads its file rows. */
async function openAndCheck(options: {
  dump?: Blob;
  dataDir?: string;
}): Promise<Map<string, FileRow>> {
  let client: PGlite | undefined;
  try {
    client = await openPGlite({ dataDir: options.dataDir, loadDataDir: options.dump });
    const { rows } = await client.query<{ found: string | null }>(
      "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS found",
    );
    if (!rows[0]?.found) throw new BackupError('the file is a database, but not a Tandem one');
    const { rows: tables } = await client.query<{ found: string | null }>(
      "SELECT to_regclass('public.agreement_signed_documents')::text AS found",
    );
    // A database from before files existed owns none.
    if (!tables[0]?.found) return new Map();
    const pg = client;
    return await readFileRows((text) => pg.query(text));
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the file is not a readable Tandem backup (${firstLine(error)})`);
  } finally {
    await client?.close().catch(() => {});
  }
}

type Swap = { current: string; staging: string };

/** Loads the dump into a staging folder, then swaps it and `extra` in; put back if it fails to open. */
async function swapDatabase(
  dataDir: string,
  dump: Blob,
  options: RestoreOptions,
  extra: Swap[],
): Promise<{ previous: string | null; previousFiles: string | null }> {
  const say = options.progress ?? (() => {});
  const current = embeddedDatabaseDir(dataDir);
  const staging = `${current}.restoring`;
  rmSync(staging, { recursive: true, force: true });
  say('Loading it into the data directory…');
  try {
    await openAndCheck({ dump, dataDir: staging });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const swaps = [{ current, staging }, ...extra];
  const asides = swapAll(swaps, stampNow());
  try {
    say('Opening the restored database…');
    await openAndCheck({ dataDir: current });
  } catch (error) {
    swaps.forEach((swap, index) => {
      rmSync(swap.current, { recursive: true, force: true });
      const aside = asides[index];
      if (aside) renameSync(aside, swap.current);
    });
    throw new BackupError(
      `the restored database did not open; nothing changed (${firstLine(error)})`,
    );
  }
  if (!options.keepPrevious) {
    for (const aside of asides) if (aside) rmSync(aside, { recursive: true, force: true });
    return { previous: null, previousFiles: null };
  }
  return { previous: asides[0] ?? null, previousFiles: asides[1] ?? null };
}

/** Moves each current one aside (if any) and its staged one into place; answers the asides. */
function swapAll(swaps: Swap[], stamp: string): Array<string | null> {
  return swaps.map(({ current, staging }) => {
    const aside = existsSync(current) ? `${current}.before-restore-${stamp}` : null;
    if (aside) renameSync(current, aside);
    renameSync(staging, current);
    return aside;
  });
}

function stampNow(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
