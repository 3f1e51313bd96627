import { createHash } from 'node:crypto';
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

/** One empty store for one test, and what it keeps besides its blobs. */
export type ContractStore = {
  store: BlobStore;
  /** Everything the store's backing keeps (files, objects, unfinished uploads), blobs included. */
  leftovers(): string[] | Promise<string[]>;
  close(): Promise<void>;
};

/**
 * What every blob store promises (blob-store.ts), run against each implementation so the
 * directory and the bucket behave the same to every caller.
 */
export function blobStoreContract(name: string, open: () => Promise<ContractStore>): void {
  describe(`${name}: the blob store contract`, () => {
    let opened: ContractStore;
    let store: BlobStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(() => opened.close());

    async function allKeys(): Promise<BlobKey[]> {
      const keys: BlobKey[] = [];
      for await (const key of store.keys()) keys.push(key);
      return keys.sort();
    }

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
      expect(await opened.leftovers()).toEqual([]);
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
      expect(await opened.leftovers()).toEqual([]);
    });

    it('answers a missing blob with BlobNotFoundError, and deleting twice is harmless', async () => {
      const stored = await store.put(Buffer.from('x'));
      await store.delete(stored.key);
      await store.delete(stored.key);
      expect(await store.exists(stored.key)).toBe(false);
      await expect(store.get(stored.key)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await allKeys()).toEqual([]);
      expect(await opened.leftovers()).toEqual([]);
    });

    it('lists nothing for a store that was never written', async () => {
      expect(await allKeys()).toEqual([]);
    });
  });
}
