import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  type BlobKey,
  BlobNotFoundError,
  type BlobStore,
  meterBody,
  newBlobKey,
  type PutOptions,
  parseBlobKey,
  type StoredBlob,
} from './blob-store';

/**
 * Blobs as files under `root`: `<root>/<first two key characters>/<key>`, written to
 * `<root>/.tmp/` first, flushed to disk, then renamed into place (rename is atomic on one file
 * system), and the folder flushed so the new name survives a power cut.
 */
export function directoryBlobStore(root: string): BlobStore {
  const temporary = join(root, '.tmp');
  const pathOf = (key: BlobKey) => join(root, key.slice(0, 2), key);

  return {
    description: `directory ${root}`,

    async put(body: Readable | Uint8Array, options: PutOptions = {}): Promise<StoredBlob> {
      const key = newBlobKey();
      await mkdir(temporary, { recursive: true, mode: 0o700 });
      const partial = join(temporary, `${key}.part`);
      const metered = meterBody(body, options);
      const file = await open(partial, 'wx', 0o600);
      let closed = false;
      try {
        for await (const bytes of metered.bytes()) await file.write(bytes);
        await file.sync();
        await file.close();
        closed = true;
        const folder = join(root, key.slice(0, 2));
        await mkdir(folder, { recursive: true, mode: 0o700 });
        await rename(partial, pathOf(key));
        await syncFolder(folder);
      } catch (error) {
        if (!closed) await file.close().catch(() => {});
        await rm(partial, { force: true });
        if (body instanceof Readable) body.destroy();
        throw error;
      }
      return metered.stored(key);
    },

    async get(key: BlobKey): Promise<Readable> {
      // Opened before answering, so a missing blob is an error here rather than in the stream.
      const file = await open(pathOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') throw new BlobNotFoundError(key);
        throw error;
      });
      return file.createReadStream({ autoClose: true });
    },

    async exists(key: BlobKey): Promise<boolean> {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },

    async size(key: BlobKey): Promise<number> {
      try {
        return (await stat(pathOf(key))).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
        throw error;
      }
    },

    async delete(key: BlobKey): Promise<void> {
      await rm(pathOf(key), { force: true });
    },

    async *keys(): AsyncIterable<BlobKey> {
      const folders = await readdir(root).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [] as string[];
        throw error;
      });
      for (const folder of folders) {
        if (!/^[0-9a-f]{2}$/.test(folder)) continue;
        for (const name of await readdir(join(root, folder))) {
          const key = parseBlobKey(name);
          if (key?.startsWith(folder)) yield key;
        }
      }
    },
  };
}

/** Flushes a folder's entries, so a rename into it is on disk; some systems refuse, harmlessly. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } catch {
    // Not every file system can flush a folder; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}
