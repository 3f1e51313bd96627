import { createWriteStream, existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Pack } from 'tar-stream';
import type { Database } from '../db/client';
import { type BlobKey, BlobNotFoundError, type BlobStore } from '../files/blob-store';
import { BackupError, type Digest, type Manifest, members, writeMember } from './archive';

export type BackupOptions = {
  force?: boolean;
  progress?: (line: string) => void;
  /** The data directory's secret, when the install keeps it there (not in TANDEM_SECRET). */
  secret?: string | null;
};

export type BackupResult = { file: string; bytes: number; files: number; database: boolean };

/**
 * Writes the embedded database, its secret and every file of the blob store to one archive
 * (decision 062), through a temporary file renamed into place: never a half-written backup.
 */
export async function backupEmbedded(
  database: Database,
  files: BlobStore,
  file: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  if (!database.pglite) {
    throw new BackupError(
      'the database backup works on the embedded database only; use pg_dump with DATABASE_URL',
    );
  }
  const pglite = database.pglite;
  return writeBackup(file, files, options, async (say) => {
    say('Dumping the database…');
    return Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
  });
}

/** Writes the blob store's files alone (a PostgreSQL install backs its database up with pg_dump). */
export function backupFiles(
  files: BlobStore,
  file: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  return writeBackup(file, files, { ...options, secret: null }, async () => null);
}

async function writeBackup(
  file: string,
  store: BlobStore,
  options: BackupOptions,
  dump: (say: (line: string) => void) => Promise<Buffer | null>,
): Promise<BackupResult> {
  const say = options.progress ?? (() => {});
  const target = resolve(file);
  if (existsSync(target) && !options.force) {
    throw new BackupError(`${file} already exists; pass --force to overwrite it`);
  }
  if (!existsSync(dirname(target))) throw new BackupError(`no such directory: ${dirname(file)}`);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const { pack: tarPack } = await import('tar-stream');
  const pack = tarPack();
  const written = pipeline(pack, createWriteStream(temporary, { mode: 0o600 }));
  written.catch(() => {}); // Awaited below; a failure also surfaces in the entry that hit it.
  try {
    const bytes = await dump(say);
    const manifest: Manifest = {
      format: 'tandem-backup/1',
      createdAt: new Date().toISOString(),
      database: bytes ? await writeMember(pack, members.database, bytes.length, bytes) : null,
      secret: false,
      files: [],
    };
    if (options.secret) {
      const secret = Buffer.from(`${options.secret}\n`);
      await writeMember(pack, members.secret, secret.length, secret);
      manifest.secret = true;
    }
    manifest.files = await writeFiles(pack, store, say);
    const json = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
    await writeMember(pack, members.manifest, json.length, json);
    pack.finalize();
    await written;
    const handle = await open(temporary, 'r');
    const size = (await handle.stat()).size;
    await handle.sync().finally(() => handle.close());
    await rename(temporary, target);
    return { file: target, bytes: size, files: manifest.files.length, database: bytes !== null };
  } catch (error) {
    pack.destroy();
    await written.catch(() => {});
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Every blob of the store, a line of progress every 200 files and at the end. */
async function writeFiles(
  pack: Pack,
  store: BlobStore,
  say: (line: string) => void,
): Promise<Array<Digest & { key: BlobKey }>> {
  const keys: BlobKey[] = [];
  for await (const key of store.keys()) keys.push(key);
  keys.sort();
  say(`Writing ${keys.length} files from the ${store.description}…`);
  const listed: Array<Digest & { key: BlobKey }> = [];
  let total = 0;
  for (const [index, key] of keys.entries()) {
    let size: number;
    let body: AsyncIterable<Uint8Array>;
    try {
      size = await store.size(key);
      body = await store.get(key);
    } catch (error) {
      // Removed since the folder was read (a PostgreSQL install's servers keep running).
      if (error instanceof BlobNotFoundError) continue;
      throw error;
    }
    const digest = await writeMember(pack, `${members.filePrefix}${key}`, size, body);
    listed.push({ key, ...digest });
    total += digest.size;
    if ((index + 1) % 200 === 0 || index + 1 === keys.length)
      say(`  ${index + 1}/${keys.length} files, ${(total / 1024 / 1024).toFixed(1)} MB`);
  }
  return listed;
}
