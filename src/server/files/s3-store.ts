import { Readable } from 'node:stream';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
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

/** Where the bucket is: the `TANDEM_FILES_S3_*` settings (credentials come from the AWS variables). */
export type S3BucketSettings = {
  bucket: string;
  /** An S3-compatible service's URL; none means Amazon S3 in `region`. */
  endpoint: string | undefined;
  region: string;
  /** Put before every key, ending in `/` unless empty: several installs can share one bucket. */
  prefix: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (most S3-compatible services). */
  pathStyle: boolean;
};

export type S3BlobStore = BlobStore & {
  /** Answers when the bucket can be reached with these credentials; throws a one-line error if not. */
  check(): Promise<void>;
  /** Writes a blob under the key it had before, replacing any: restoring a backup. */
  putAs(key: BlobKey, body: Readable | Uint8Array): Promise<StoredBlob>;
};

export type S3StoreOptions = {
  /** Client settings over Tandem's (tests give the local server's credentials). */
  client?: Partial<S3ClientConfig>;
  /** Keys asked for per listing request (S3's most is 1 000). */
  listPageSize?: number;
};

/**
 * Blobs as objects `<prefix><key>` in one bucket. A put is one PutObject, or above the part size
 * a multipart upload that S3 shows only once it is completed and that is aborted on any failure:
 * either way no reader sees part of an object, and a failed put leaves no object.
 */
export function s3BlobStore(settings: S3BucketSettings, options: S3StoreOptions = {}): S3BlobStore {
  let connecting: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  // The client is loaded on first use: it takes a few hundred milliseconds to load, and most
  // installs keep their files in a folder.
  const connect = () => {
    connecting ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: settings.region,
        ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
        forcePathStyle: settings.pathStyle,
        // Checksums only where S3 requires them: many S3-compatible services refuse the newer
        // streamed checksum trailers, and every blob's SHA-256 is computed on the way in anyway.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        // A bucket that does not answer fails in seconds instead of hanging a request or the start.
        requestHandler: { connectionTimeout: 5_000, socketTimeout: 60_000 },
        ...options.client,
      }),
    }));
    return connecting;
  };
  const { bucket, prefix } = settings;
  const objectOf = (key: BlobKey) => `${prefix}${key}`;
  const where = `bucket ${bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ''}${prefix ? ` under ${prefix}` : ''}`;

  async function upload(
    key: BlobKey,
    body: Readable | Uint8Array,
    options: PutOptions,
  ): Promise<StoredBlob> {
    const metered = meterBody(body, options);
    // The source's own failure (or the size limit) is what the caller hears, not the upload's.
    let sourceError: unknown;
    async function* bytes(): AsyncGenerator<Uint8Array> {
      try {
        yield* metered.bytes();
      } catch (error) {
        sourceError = error;
        throw error;
      }
    }
    const { sdk, client } = await connect();
    const multipart = new sdk.Upload({
      client,
      params: {
        Bucket: bucket,
        Key: objectOf(key),
        Body: Readable.from(bytes()),
        ContentType: 'application/octet-stream',
      },
      leavePartsOnError: false,
    });
    try {
      await multipart.done();
    } catch (error) {
      if (body instanceof Readable) body.destroy();
      throw sourceError ?? error;
    }
    return metered.stored(key);
  }

  return {
    description: `S3 ${where}`,

    put(body: Readable | Uint8Array, options: PutOptions = {}): Promise<StoredBlob> {
      return upload(newBlobKey(), body, options);
    },

    putAs(key: BlobKey, body: Readable | Uint8Array): Promise<StoredBlob> {
      return upload(key, body, {});
    },

    async get(key: BlobKey): Promise<Readable> {
      const { sdk, client } = await connect();
      try {
        const answer = await client.send(
          new sdk.GetObjectCommand({ Bucket: bucket, Key: objectOf(key) }),
        );
        // On Node.js the body is the response's own stream.
        return answer.Body as Readable;
      } catch (error) {
        if (isMissing(error)) throw new BlobNotFoundError(key);
        throw error;
      }
    },

    async exists(key: BlobKey): Promise<boolean> {
      const { sdk, client } = await connect();
      try {
        await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: objectOf(key) }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },

    async size(key: BlobKey): Promise<number> {
      const { sdk, client } = await connect();
      try {
        const head = await client.send(
          new sdk.HeadObjectCommand({ Bucket: bucket, Key: objectOf(key) }),
        );
        return Number(head.ContentLength ?? 0);
      } catch (error) {
        if (isMissing(error)) throw new BlobNotFoundError(key);
        throw error;
      }
    },

    async delete(key: BlobKey): Promise<void> {
      // S3 answers a delete of a missing object as a success.
      const { sdk, client } = await connect();
      await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: objectOf(key) }));
    },

    async *keys(): AsyncIterable<BlobKey> {
      // ListObjects (version 1) paged by the last name seen, as S3 documents: every S3-compatible
      // server has it, and the test server cannot make version 2's tokens on current Node.js.
      const { sdk, client } = await connect();
      let marker: string | undefined;
      for (;;) {
        const page = await client.send(
          new sdk.ListObjectsCommand({
            Bucket: bucket,
            Prefix: prefix,
            MaxKeys: options.listPageSize ?? 1000,
            Marker: marker,
          }),
        );
        const names = (page.Contents ?? []).map((object) => object.Key ?? '');
        for (const name of names) {
          const key = parseBlobKey(name.slice(prefix.length));
          if (key) yield key;
        }
        marker = names.at(-1);
        if (!page.IsTruncated || marker === undefined) return;
      }
    },

    async check(): Promise<void> {
      try {
        const { sdk, client } = await connect();
        await client.send(new sdk.HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        throw new Error(`the files ${where} cannot be reached: ${reasonOf(error)}`);
      }
    },
  };
}

type Sdk = typeof import('@aws-sdk/client-s3') & {
  Upload: typeof import('@aws-sdk/lib-storage').Upload;
};
let sdkLoading: Promise<Sdk> | undefined;

function loadSdk(): Promise<Sdk> {
  sdkLoading ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]).then(
    ([s3, storage]) => ({ ...s3, Upload: storage.Upload }),
  );
  return sdkLoading;
}

type S3Failure = { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };

/** A missing object: S3 says NoSuchKey on GET and a bare 404 (NotFound) on HEAD. */
function isMissing(error: unknown): boolean {
  const failure = error as S3Failure;
  if (failure.name === 'NoSuchBucket') return false;
  return failure.name === 'NoSuchKey' || failure.$metadata?.httpStatusCode === 404;
}

/** A short reason naming what to fix; never the credentials, which S3 errors do not carry. */
function reasonOf(error: unknown): string {
  const failure = error as S3Failure & { message?: string };
  const status = failure.$metadata?.httpStatusCode;
  if (status === 404) return 'no such bucket (TANDEM_FILES_S3_BUCKET)';
  if (status === 403 || status === 401) {
    return 'access denied (check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the bucket policy)';
  }
  const detail = failure.code ?? failure.name ?? 'error';
  const message = (failure.message ?? '').split('\n')[0];
  if (status) return `HTTP ${status} ${detail}`;
  if (!message || message === detail) return detail;
  return message.includes(detail) ? message : `${detail}: ${message}`;
}
