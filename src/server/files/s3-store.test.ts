import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3TestServer, s3Credentials, startS3Server } from '../../../test/s3';
import type { BlobKey } from './blob-store';
import { blobStoreContract } from './blob-store.contract';
import { type S3BucketSettings, type S3StoreOptions, s3BlobStore } from './s3-store';

let server: S3TestServer;
let admin: S3Client;
beforeAll(async () => {
  server = await startS3Server();
  admin = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: s3Credentials,
  });
});
afterAll(async () => {
  admin.destroy();
  await server.close();
});

/** A bucket of its own for one test, so what it leaves behind is its own. */
async function freshBucket(): Promise<string> {
  const bucket = `tandem-${randomBytes(6).toString('hex')}`;
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

function storeOn(settings: Partial<S3BucketSettings>, options: S3StoreOptions = {}) {
  return s3BlobStore(server.settings(settings), {
    ...options,
    client: { credentials: s3Credentials, ...options.client },
  });
}

async function allKeys(store: ReturnType<typeof storeOn>): Promise<BlobKey[]> {
  const keys: BlobKey[] = [];
  for await (const key of store.keys()) keys.push(key);
  return keys.sort();
}

async function objectNames(bucket: string): Promise<string[]> {
  const listed = await admin.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
}

blobStoreContract('the S3 store', async () => {
  const bucket = await freshBucket();
  return {
    store: storeOn({ bucket }),
    leftovers: () => server.filesOf(bucket),
    close: async () => {},
  };
});

describe('the S3 store', () => {
  it('keeps its objects under the prefix, and lists and touches nothing outside it', async () => {
    const bucket = await freshBucket();
    const neighbour = 'other-install/0123456789abcdef0123456789abcdef';
    await admin.send(new PutObjectCommand({ Bucket: bucket, Key: neighbour, Body: 'theirs' }));
    const store = storeOn({ bucket, prefix: 'tandem/' });
    const stored = await store.put(Buffer.from('ours'));
    expect(await objectNames(bucket)).toEqual([neighbour, `tandem/${stored.key}`].sort());
    expect(await allKeys(store)).toEqual([stored.key]);
    expect(store.description).toBe(`S3 bucket ${bucket} at ${server.endpoint} under tandem/`);
  });

  it('lists every key page by page', async () => {
    const bucket = await freshBucket();
    const store = storeOn({ bucket }, { listPageSize: 2 });
    const keys = [];
    for (let i = 0; i < 5; i++) keys.push((await store.put(Buffer.from(`blob ${i}`))).key);
    expect(await allKeys(store)).toEqual(keys.sort());
  });

  it('streams a body larger than one part through a multipart upload, byte for byte', async () => {
    const bucket = await freshBucket();
    const store = storeOn({ bucket });
    const body = randomBytes(6 * 1024 * 1024 + 123);
    const chunks = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) =>
      body.subarray(i * 65536, (i + 1) * 65536),
    );
    const stored = await store.put(Readable.from(chunks));
    expect(stored.size).toBe(body.length);
    expect(stored.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect((await buffer(await store.get(stored.key))).equals(body)).toBe(true);
  });

  it('shows no object when a multipart upload fails part way, and reports the source failure', async () => {
    const bucket = await freshBucket();
    const store = storeOn({ bucket });
    async function* failing() {
      for (let i = 0; i < 7; i++) yield Buffer.alloc(1024 * 1024, i);
      throw new Error('connection reset');
    }
    await expect(store.put(Readable.from(failing()))).rejects.toThrow('connection reset');
    await expect(
      store.put(Readable.from(failing()), { maxBytes: 6 * 1024 * 1024 }),
    ).rejects.toThrow('larger than');
    expect(await objectNames(bucket)).toEqual([]);
    expect(await allKeys(store)).toEqual([]);
  });

  it('checks at start that the bucket answers, and says in one line why not', async () => {
    await expect(storeOn({}).check()).resolves.toBeUndefined();
    const missing = storeOn({ bucket: 'no-such-bucket' });
    await expect(missing.check()).rejects.toThrow(
      `the files bucket no-such-bucket at ${server.endpoint} cannot be reached: no such bucket (TANDEM_FILES_S3_BUCKET)`,
    );
    // A missing bucket is not a missing blob: reads fail loudly instead of answering 404.
    await expect(missing.get('0123456789abcdef0123456789abcdef' as BlobKey)).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
    const wrongKey = storeOn(
      {},
      { client: { credentials: { ...s3Credentials, accessKeyId: 'NOBODY' } } },
    );
    await expect(wrongKey.check()).rejects.toThrow(/cannot be reached: access denied \(check AWS_/);
    const closed = storeOn({ endpoint: 'http://127.0.0.1:9' }, { client: { maxAttempts: 1 } });
    const refused = await closed.check().catch((error: Error) => error.message);
    expect(refused).toMatch(
      /^the files bucket tandem-test at http:\/\/127.0.0.1:9 cannot be reached: connect ECONNREFUSED 127\.0\.0\.1:9$/,
    );
    expect(refused).not.toContain('\n');
  });
});
