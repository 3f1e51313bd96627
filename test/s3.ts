import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: the S3 server ships no types; it is used through the few calls below.
import S3rver from '@20minutes/s3rver';
import type { S3BucketSettings } from '../src/server/files/s3-store';

/** The S3 server's built-in credentials: it refuses any other access key id. */
export const s3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export type S3TestServer = {
  endpoint: string;
  /** Settings for a bucket the server holds (`tandem-test`, or `tandem-other`), path-style. */
  settings(overrides?: Partial<S3BucketSettings>): S3BucketSettings;
  /** Every file the server keeps on disk for a bucket: its objects and unfinished uploads. */
  filesOf(bucket: string): string[];
  close(): Promise<void>;
};

/** A real S3-compatible server in the test process, on a free loopback port, on a fresh folder. */
export async function startS3Server(): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    // It signs a bucket's own path without the trailing slash the current client signs with, so
    // it would refuse every bucket-level request; the access key id is still checked.
    allowMismatchedSignatures: true,
    directory,
    configureBuckets: [{ name: 'tandem-test' }, { name: 'tandem-other' }],
  });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    settings: (overrides = {}) => ({
      bucket: 'tandem-test',
      endpoint,
      region: 'us-east-1',
      prefix: '',
      pathStyle: true,
      ...overrides,
    }),
    filesOf: (bucket) =>
      readdirSync(join(directory, bucket), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name),
    async close() {
      // Clients keep connections alive; the server would wait for them before it closes.
      (server.httpServer as Server).closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
