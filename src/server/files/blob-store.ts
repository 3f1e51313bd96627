import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * A key the store made: 32 lower-case hex characters (128 random bits), never derived from a
 * file name, so no caller-given text ever reaches a path or an object name.
 */
export type BlobKey = string & { readonly __blobKey: true };

const keyPattern = /^[0-9a-f]{32}$/;

/** The key, or null when the text is not one the store could have made. */
export function parseBlobKey(text: string): BlobKey | null {
  return keyPattern.test(text) ? (text as BlobKey) : null;
}

/** What `put` wrote: its new key, its size in bytes and the SHA-256 of its bytes (hex). */
export type StoredBlob = { key: BlobKey; size: number; sha256: string };

export type PutOptions = {
  /** Refuse (with `BlobTooLargeError`) and keep nothing when the body is larger than this. */
  maxBytes?: number;
};

/**
 * Where Tandem keeps files: bytes under server-made keys. A `put` is atomic (a reader sees the
 * whole blob or no blob) and leaves nothing behind when it fails; `delete` of a missing key is
 * not an error. Which rows point at which keys is the database's business, not the store's.
 */
export interface BlobStore {
  /** Where the blobs live, for messages and docs (`directory /srv/tandem/files`). */
  readonly description: string;
  put(body: Readable | Uint8Array, options?: PutOptions): Promise<StoredBlob>;
  /** The blob's bytes as a stream; `BlobNotFoundError` when there is no such blob. */
  get(key: BlobKey): Promise<Readable>;
  exists(key: BlobKey): Promise<boolean>;
  /** The blob's size in bytes; `BlobNotFoundError` when there is no such blob. */
  size(key: BlobKey): Promise<number>;
  delete(key: BlobKey): Promise<void>;
  /** Every key held, in no particular order (backups walk them). */
  keys(): AsyncIterable<BlobKey>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: BlobKey) {
    super(`No blob ${key}`);
  }
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The body is larger than ${maxBytes} bytes`);
  }
}

/** The key of a new blob: 128 random bits as hex. */
export function newBlobKey(): BlobKey {
  return randomBytes(16).toString('hex') as BlobKey;
}

/**
 * What both stores do to a body on its way in: pass its bytes on, counting them and hashing
 * them, and throw `BlobTooLargeError` past `maxBytes`.
 */
export function meterBody(body: Readable | Uint8Array, options: PutOptions = {}) {
  const hash = createHash('sha256');
  let size = 0;
  return {
    async *bytes(): AsyncGenerator<Uint8Array> {
      const source = body instanceof Uint8Array ? [body] : body;
      for await (const chunk of source as AsyncIterable<Uint8Array> | Uint8Array[]) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.byteLength;
        if (options.maxBytes !== undefined && size > options.maxBytes) {
          throw new BlobTooLargeError(options.maxBytes);
        }
        hash.update(bytes);
        yield bytes;
      }
    },
    /** Once every byte has passed: the blob as stored under `key`. */
    stored: (key: BlobKey): StoredBlob => ({ key, size, sha256: hash.digest('hex') }),
  };
}
