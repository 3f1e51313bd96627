import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backupEmbedded, backupFiles } from '../src/server/backup/backup';
import { readFileRows } from '../src/server/backup/file-rows';
import { restoreEmbedded, restoreFiles } from '../src/server/backup/restore';
import { ConfigError, loadConfig } from '../src/server/config';
import type { BlobKey } from '../src/server/files/blob-store';
import type { S3BlobStore } from '../src/server/files/s3-store';
import { StartError, startServer } from '../src/server/main';
import { seedAgreementFiles } from './agreement-files';
import { seedWorld, type World } from './factories';
import { samplePdf } from './file-samples';
import { createTestApp, expectDenied, request, type TestApp } from './harness';
import { type S3TestServer, s3Credentials, startS3Server } from './s3';

let s3: S3TestServer;
let t: TestApp;
let world: World;
let base: string;
const secret = 'test-secret-that-is-at-least-32-characters-long';

/** The environment an operator writes to keep files in the test server's bucket. */
const bucketEnv = () => ({
  TANDEM_SECRET: secret,
  TANDEM_FILES_S3_BUCKET: 'tandem-test',
  TANDEM_FILES_S3_ENDPOINT: s3.endpoint,
  TANDEM_FILES_S3_PREFIX: 'tandem',
});

async function objectNames(): Promise<string[]> {
  const admin = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: s3Credentials,
  });
  const listed = await admin.send(new ListObjectsV2Command({ Bucket: 'tandem-test' }));
  admin.destroy();
  return (listed.Contents ?? []).map((object) => object.Key ?? '');
}

beforeAll(async () => {
  s3 = await startS3Server();
  // Credentials come from the standard AWS variables, as in production.
  vi.stubEnv('AWS_ACCESS_KEY_ID', s3Credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', s3Credentials.secretAccessKey);
  const config = loadConfig(bucketEnv());
  t = await createTestApp({ filesBucket: config.filesBucket });
  world = await seedWorld(t.database);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
  await s3.close();
  vi.unstubAllEnvs();
});

describe('files in an S3-compatible bucket', () => {
  it('reads the bucket settings, and refuses half or conflicting ones in one line', () => {
    expect(loadConfig(bucketEnv()).filesBucket).toEqual({
      bucket: 'tandem-test',
      endpoint: s3.endpoint,
      region: 'us-east-1',
      prefix: 'tandem/',
      pathStyle: true,
    });
    expect(loadConfig({ TANDEM_SECRET: secret }).filesBucket).toBeUndefined();
    const refused = (env: Record<string, string>) => () =>
      loadConfig({ TANDEM_SECRET: secret, ...env });
    expect(refused({ TANDEM_FILES_S3_ENDPOINT: s3.endpoint })).toThrow(
      new ConfigError('TANDEM_FILES_S3_ENDPOINT needs TANDEM_FILES_S3_BUCKET'),
    );
    expect(refused({ ...bucketEnv(), TANDEM_FILES_DIR: '/srv/files' })).toThrow(
      'TANDEM_FILES_DIR and TANDEM_FILES_S3_BUCKET cannot both be set',
    );
    expect(refused({ TANDEM_FILES_S3_BUCKET: 'Bad_Bucket' })).toThrow(/^TANDEM_FILES_S3_BUCKET/);
    expect(refused({ TANDEM_FILES_S3_BUCKET: 'b1b', TANDEM_FILES_S3_PREFIX: 'a/../b' })).toThrow(
      /^TANDEM_FILES_S3_PREFIX must not have a \. or \.\. folder/,
    );
    // A key in the address would end up in logs and messages: refused, and not repeated.
    expect(
      refused({
        TANDEM_FILES_S3_BUCKET: 'b1b',
        TANDEM_FILES_S3_ENDPOINT: 'https://id:key@s3.test',
      }),
    ).toThrow(/must not hold credentials/);
  });

  it('keeps an uploaded attachment in the bucket and sends it back byte for byte; another workspace gets 404', async () => {
    const key = world.a.members.manager.key;
    const made = await request(t.app, {
      method: 'POST',
      url: '/api/v1/agreements',
      key,
      payload: { partnerId: world.a.partners[0], type: 'reseller', title: 'Reseller 2027' },
    });
    const agreementUrl = `/api/v1/agreements/${made.json().id}`;
    await request(t.app, {
      method: 'POST',
      url: `${agreementUrl}/versions`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { body: 'The reseller sells.' },
    });

    const pdf = samplePdf();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)]), 'price-list.pdf');
    const uploaded = await fetch(`${base}${agreementUrl}/versions/1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const attachment = (await uploaded.json()) as { id: string };
    const [object, ...others] = await objectNames();
    expect(others).toEqual([]);
    expect(object).toMatch(/^tandem\/[0-9a-f]{32}$/);

    const fileUrl = `${agreementUrl}/attachments/${attachment.id}`;
    const download = await fetch(`${base}${fileUrl}`, {
      headers: { authorization: `Bearer ${world.a.members.viewer.key}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    const other = world.b.members.admin.key;
    const elsewhere = await fetch(`${base}${fileUrl}`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(elsewhere.status).toBe(404);
    await expectDenied(t, 404, { method: 'DELETE', url: fileUrl, key: other });
    expect(await objectNames()).toEqual([object]);

    const removed = await request(t.app, { method: 'DELETE', url: fileUrl, key });
    expect(removed.statusCode).toBe(204);
    expect(await objectNames()).toEqual([]);
  });

  it('restores a backup of its files into the bucket, checked against the rows; objects it lacks go', async () => {
    const downloads = await seedAgreementFiles(t, world.a);
    const folder = mkdtempSync(join(tmpdir(), 'tandem-s3-backup-'));
    const archive = join(folder, 'files.tar');
    const bucket = t.ctx.files as S3BlobStore;
    const backedUp = await backupFiles(bucket, archive);
    const inBackup = (await objectNames()).sort();
    expect(backedUp.files).toBe(inBackup.length);
    // Since the backup, one object was lost and one came that the backup does not hold.
    await bucket.delete(inBackup[0]?.slice('tandem/'.length) as BlobKey);
    const stray = `tandem/${(await bucket.put(Buffer.from('not in the backup'))).key}`;
    const rowsOf = () => readFileRows(t.database.sql);

    const before = await objectNames();
    const wrongRows = async () => {
      const rows = await rowsOf();
      for (const row of rows.values()) row.sha256 = '0'.repeat(64);
      return rows;
    };
    await expect(restoreFiles(wrongRows, { bucket }, archive)).rejects.toThrow(
      /does not match its record/,
    );
    expect(await objectNames()).toEqual(before);

    await restoreFiles(rowsOf, { bucket }, archive, { keepPrevious: true });
    expect((await objectNames()).sort()).toEqual([...inBackup, stray].sort());
    const restored = await restoreFiles(rowsOf, { bucket }, archive);
    expect(restored.files).toBe(inBackup.length);
    expect((await objectNames()).sort()).toEqual(inBackup);
    for (const file of downloads) {
      const res = await request(t.app, { method: 'GET', url: file.url, key: file.key });
      expect(res.statusCode, file.url).toBe(200);
      expect(res.rawPayload.equals(file.bytes), file.url).toBe(true);
    }
    rmSync(folder, { recursive: true, force: true });
  });

  it.skipIf(process.env.TANDEM_TEST_DATABASE === 'postgres')(
    'restores an embedded backup: the database into its folder, the files into the bucket',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'tandem-s3-embedded-'));
      const archive = join(folder, 'backup.tar');
      const bucket = t.ctx.files as S3BlobStore;
      const backedUp = await backupEmbedded(t.database, bucket, archive, { secret: null });
      const inBackup = (await objectNames()).sort();
      expect(backedUp.files).toBe(inBackup.length);
      await bucket.delete(inBackup[0]?.slice('tandem/'.length) as BlobKey);
      const restored = await restoreEmbedded(join(folder, 'data'), { bucket }, archive);
      expect(restored).toEqual({ previous: null, previousFiles: null, files: inBackup.length });
      expect(readdirSync(join(folder, 'data'))).toEqual(['database']);
      expect((await objectNames()).sort()).toEqual(inBackup);
      rmSync(folder, { recursive: true, force: true });
    },
  );

  it('does not start when the bucket cannot be reached, and says why in one line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-s3-start-'));
    vi.stubEnv('TANDEM_DATA_DIR', dataDir);
    vi.stubEnv('TANDEM_SECRET', secret);
    vi.stubEnv('TANDEM_FILES_S3_BUCKET', 'no-such-bucket');
    vi.stubEnv('TANDEM_FILES_S3_ENDPOINT', s3.endpoint);
    try {
      const failure = await startServer().catch((error: Error) => error);
      expect(failure).toBeInstanceOf(StartError);
      expect((failure as Error).message).toBe(
        `the files bucket no-such-bucket at ${s3.endpoint} cannot be reached: no such bucket (TANDEM_FILES_S3_BUCKET)`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
