import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BlobKey,
  BlobNotFoundError,
  type BlobStore,
  BlobTooLargeError,
  parseBlobKey,
} from './blob-store';
import { directoryBlobStore } from './directory-store';

let root: string;
let store: BlobStore;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tandem-blobs-'));
  store = directoryBlobStore(join(root, 'files'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function allKeys(): Promise<BlobKey[]> {
  const keys: BlobKey[] = [];
  for await (const key of store.keys()) keys.push(key);
  return keys.sort();
}

/** Every file under the store's folder, temporary ones included. */
function filesOnDisk(): string[] {
  return readdirSync(join(root, 'files'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe('the directory blob store', () => {
  it('stores a buffer under a key it makes and gives the same bytes back', async () => {
    const body = Buffer.from('the agreement text');
    const stored = await store.put(body);
    expect(parseBlobKey(stored.key)).toBe(stored.key);
    expect(stored.size).toBe(body.length);
    expect(stored.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(await text(await store.get(stored.key))).toBe('the agreement text');
    expect(await store.exists(stored.key)).toBe(true);
    expect(await allKeys()).toEqual([stored.key]);
  });

  it('stores a stream chunk by chunk, and two puts never share a key', async () => {
    const first = await store.put(Readable.from([Buffer.from('one '), Buffer.from('two')]));
    const second = await store.put(Buffer.from('one two'));
    expect(first.key).not.toBe(second.key);
    expect(first.sha256).toBe(second.sha256);
    expect(await text(await store.get(first.key))).toBe('one two');
    expect(await allKeys()).toEqual([first.key, second.key].sort());
  });

  it('refuses a body over the limit and keeps nothing of it, not even a temporary file', async () => {
    const chunks = Array.from({ length: 10 }, () => Buffer.alloc(1024, 7));
    await expect(store.put(Readable.from(chunks), { maxBytes: 4096 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(await allKeys()).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
    // Exactly at the limit is allowed.
    const stored = await store.put(Buffer.alloc(4096), { maxBytes: 4096 });
    expect(stored.size).toBe(4096);
  });

  it('keeps nothing when the source fails half way', async () => {
    async function* failing() {
      yield Buffer.from('half of a file');
      throw new Error('connection reset');
    }
    await expect(store.put(Readable.from(failing()))).rejects.toThrow('connection reset');
    expect(filesOnDisk()).toEqual([]);
  });

  it('answers a missing blob with BlobNotFoundError, and deleting twice is harmless', async () => {
    const stored = await store.put(Buffer.from('x'));
    await store.delete(stored.key);
    await store.delete(stored.key);
    expect(await store.exists(stored.key)).toBe(false);
    await expect(store.get(stored.key)).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await allKeys()).toEqual([]);
  });

  it('takes only keys it could have made: no path, no dots, no upper case', () => {
    for (const bad of [
      '../secret',
      'a/b',
      '',
      'ABCDEF0123456789ABCDEF0123456789',
      `${'0'.repeat(31)}.`,
    ]) {
      expect(parseBlobKey(bad)).toBeNull();
    }
    expect(parseBlobKey('0123456789abcdef0123456789abcdef')).not.toBeNull();
  });

  it('lists nothing for a store that was never written', async () => {
    expect(await allKeys()).toEqual([]);
  });
});
