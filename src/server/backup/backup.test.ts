import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Download, seedAgreementFiles } from '../../../test/agreement-files';
import { tempDir } from '../../../test/cli-process';
import { seedWorld } from '../../../test/factories';
import { createTestApp, request, type TestApp } from '../../../test/harness';
import { openEmbedded } from '../db/client';
import { embeddedDatabaseDir } from '../db/open';
import { backupEmbedded, backupFiles } from './backup';
import { fileRowsSql, readFileRows, tablesOwningFiles } from './file-rows';
import { restoreEmbedded, restoreFiles } from './restore';

const onPostgres = process.env.TANDEM_TEST_DATABASE === 'postgres';
const root = tempDir('tandem-backup-files-');
let t: TestApp;
let downloads: Download[];

beforeAll(async () => {
  t = await createTestApp();
  const world = await seedWorld(t.database);
  downloads = [
    ...(await seedAgreementFiles(t, world.a)),
    ...(await seedAgreementFiles(t, world.b)),
  ];
}, 120_000);
afterAll(async () => {
  await t.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every download answers its bytes, byte for byte, from `app`. */
async function expectSameDownloads(app: TestApp) {
  for (const file of downloads) {
    const res = await request(app.app, { method: 'GET', url: file.url, key: file.key });
    expect(res.statusCode, file.url).toBe(200);
    expect(res.rawPayload.equals(file.bytes), file.url).toBe(true);
  }
}

/** Every path under `folder` with the SHA-256 of its content: what "nothing changed" compares. */
function folderState(folder: string): Record<string, string> {
  const state: Record<string, string> = {};
  if (!existsSync(folder)) return state;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    state[path] = entry.isFile()
      ? createHash('sha256').update(readFileSync(path)).digest('hex')
      : 'folder';
  }
  return state;
}

/** A copy of an archive with its members changed by `edit` (null drops one), plus `extra`. */
async function rewrite(
  from: string,
  to: string,
  edit: (name: string, bytes: Buffer) => Buffer | null,
  extra: Array<{ name: string; bytes: Buffer; type?: 'symlink' }> = [],
) {
  const entries: Array<{ name: string; bytes: Buffer }> = [];
  const reader = tarExtract();
  reader.end(readFileSync(from));
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
    const bytes = edit(entry.header.name, Buffer.concat(chunks));
    if (bytes) entries.push({ name: entry.header.name, bytes });
  }
  const pack = tarPack();
  for (const e of [...extra, ...entries]) {
    if ('type' in e && e.type === 'symlink')
      pack.entry({ name: e.name, type: 'symlink', linkname: '/etc/passwd' });
    else pack.entry({ name: e.name }, e.bytes);
  }
  pack.finalize();
  const out: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) out.push(chunk);
  writeFileSync(to, Buffer.concat(out));
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('file rows', () => {
  it('cover every table with a blob key', async () => {
    const { rows } = await t.database.sql(
      "SELECT table_name FROM information_schema.columns WHERE column_name = 'blob_key' AND table_schema = 'public' ORDER BY 1",
    );
    expect(rows.map((r) => (r as { table_name: string }).table_name)).toEqual(
      [...tablesOwningFiles].sort(),
    );
    const owned = await readFileRows(t.database.sql);
    expect(owned.size).toBe(downloads.length);
    expect(fileRowsSql).toContain('UNION ALL');
  });
});

describe.skipIf(onPostgres)('a backup of the embedded database', { timeout: 180_000 }, () => {
  const archive = join(root, 'backup.tar');
  const target = join(root, 'restored');
  const targetFiles = join(target, 'files');

  it('holds the database, the secret and every file, and restores into a fresh data directory', async () => {
    const lines: string[] = [];
    const result = await backupEmbedded(t.database, t.ctx.files, archive, {
      secret: 'the-data-directory-secret',
      progress: (line) => lines.push(line),
    });
    expect(result).toMatchObject({ files: downloads.length, database: true });
    expect(lines.join('\n')).toMatch(new RegExp(`${downloads.length}/${downloads.length} files`));
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const restored = await restoreEmbedded(target, { dir: targetFiles }, archive);
    expect(restored).toEqual({ previous: null, previousFiles: null, files: downloads.length });
    expect(readdirSync(target).sort()).toEqual(['database', 'files', 'secret']);
    expect(readFileSync(join(target, 'secret'), 'utf8')).toBe('the-data-directory-secret\n');

    const database = await openEmbedded({ dataDir: embeddedDatabaseDir(target) });
    const app = await createTestApp(
      { filesDir: targetFiles },
      {},
      {
        database,
        drop: () => database.close(),
      },
    );
    try {
      await expectSameDownloads(app);
    } finally {
      await app.close();
    }
  });

  it('refuses a bad archive and changes nothing', async () => {
    const before = folderState(target);
    const bytes = readFileSync(archive);
    const cases: Array<[string, (file: string) => Promise<void> | void, RegExp]> = [
      ['not a backup', (f) => writeFileSync(f, 'not a backup'), /not a readable Tandem backup/],
      ['cut short', (f) => writeFileSync(f, bytes.subarray(0, bytes.length - 2048)), /cut short/],
      [
        'cut in a file',
        (f) => writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length * 0.6))),
        /damaged or cut short|cut short/,
      ],
      [
        'a file changed behind its manifest',
        (f) =>
          rewrite(archive, f, (name, b) =>
            name.startsWith('files/') ? Buffer.concat([b, Buffer.from('x')]) : b,
          ),
        /does not match its manifest/,
      ],
      [
        'a file that does not match its row',
        async (f) => {
          const swapped = Buffer.from('not the file the row names\n');
          let victim = '';
          await rewrite(archive, f, (name, b) => {
            if (name.startsWith('files/') && !victim) {
              victim = name.slice(6);
              return swapped;
            }
            if (name !== 'tandem-backup.json') return b;
            const manifest = JSON.parse(b.toString());
            const listed = manifest.files.find((x: { key: string }) => x.key === victim);
            Object.assign(listed, { size: swapped.length, sha256: sha(swapped) });
            return Buffer.from(JSON.stringify(manifest));
          });
        },
        /does not match its record \((attachment|signed PDF)/,
      ],
      [
        'a path leaving the folder',
        (f) => rewrite(archive, f, (_n, b) => b, [{ name: '../escape', bytes: Buffer.from('x') }]),
        /unexpected member "\.\.\/escape"/,
      ],
      [
        'a nested path',
        (f) =>
          rewrite(archive, f, (_n, b) => b, [{ name: 'files/../../x', bytes: Buffer.from('x') }]),
        /unexpected member/,
      ],
      [
        'a link',
        (f) =>
          rewrite(archive, f, (_n, b) => b, [
            { name: 'files/link', bytes: Buffer.alloc(0), type: 'symlink' },
          ]),
        /holds a symlink/,
      ],
    ];
    for (const [label, make, message] of cases) {
      const file = join(root, `bad-${label.replace(/\W+/g, '-')}.tar`);
      await make(file);
      await expect(restoreEmbedded(target, { dir: targetFiles }, file), label).rejects.toThrow(
        message,
      );
      expect(folderState(target), label).toEqual(before);
      expect(existsSync(`${targetFiles}.restoring`), label).toBe(false);
      expect(readdirSync(target).sort(), label).toEqual(['database', 'files', 'secret']);
    }
  });

  it('refuses a files-only backup and restores an old bare dump, files left as they are', async () => {
    const filesOnly = join(root, 'files-only.tar');
    await backupFiles(t.ctx.files, filesOnly);
    const before = folderState(target);
    await expect(restoreEmbedded(target, { dir: targetFiles }, filesOnly)).rejects.toThrow(
      /holds files only \(made with DATABASE_URL\)/,
    );
    expect(folderState(target)).toEqual(before);

    const dump = join(root, 'old.tandem.gz');
    const pglite = t.database.pglite;
    if (!pglite) throw new Error('embedded only');
    writeFileSync(dump, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
    const lines: string[] = [];
    const restored = await restoreEmbedded(target, { dir: targetFiles }, dump, {
      progress: (line) => lines.push(line),
    });
    expect(restored).toEqual({ previous: null, previousFiles: null, files: 0 });
    expect(lines.join('\n')).toMatch(/without files: the files are left as they are/);
    expect(folderState(targetFiles)).toEqual(
      Object.fromEntries(
        Object.entries(before).filter(([path]) => path.startsWith(`${targetFiles}/`)),
      ),
    );
  });
});

describe('a backup of the files alone (PostgreSQL)', () => {
  it('restores the files, checked against the live rows, and refuses a mismatch', async () => {
    const archive = join(root, 'files.tar');
    const result = await backupFiles(t.ctx.files, archive);
    expect(result).toMatchObject({ files: downloads.length, database: false });
    const filesDir = join(root, 'pg-files');
    const rowsOf = () => readFileRows(t.database.sql);
    await restoreFiles(rowsOf, { dir: filesDir }, archive);
    const database = t.database;
    const app = await createTestApp({ filesDir }, {}, { database, drop: async () => {} });
    try {
      await expectSameDownloads(app);
    } finally {
      await app.close();
    }

    const before = folderState(filesDir);
    const wrongRows = async () => {
      const rows = await rowsOf();
      for (const row of rows.values()) row.sha256 = '0'.repeat(64);
      return rows;
    };
    await expect(restoreFiles(wrongRows, { dir: filesDir }, archive)).rejects.toThrow(
      /does not match its record/,
    );
    expect(folderState(filesDir)).toEqual(before);
  });
});
