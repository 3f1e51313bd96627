import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../src/server/db/client';
import { runCli, tempDir } from './cli-process';

/** These are about the embedded database; the PostgreSQL run skips them. */
const onPostgres = process.env.TANDEM_TEST_DATABASE === 'postgres';
// Not made for the PostgreSQL run, whose skipped suite runs no hook to remove it.
const root = onPostgres ? '' : tempDir('tandem-backup-');
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The database dump a backup archive holds. */
async function dumpOf(file: string): Promise<Blob> {
  const reader = extract();
  reader.end(readFileSync(file));
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
    if (entry.header.name === 'database.tar.gz') return new Blob([Buffer.concat(chunks)]);
  }
  throw new Error(`${file} holds no database`);
}

/** Every row of every table in a backup, as sorted JSON text per table. */
async function tablesOf(file: string): Promise<Record<string, string[]>> {
  const database = await openEmbedded({ loadDataDir: await dumpOf(file) });
  try {
    const { rows } = await database.sql(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 1`,
      [],
    );
    const tables: Record<string, string[]> = {};
    for (const { name } of rows as Array<{ name: string }>) {
      const [schema, table] = name.split('.');
      const result = await database.sql(
        `SELECT to_jsonb(t)::text AS row FROM "${schema}"."${table}" t`,
        [],
      );
      tables[name] = (result.rows as Array<{ row: string }>).map((r) => r.row).sort();
    }
    return tables;
  } finally {
    await database.close();
  }
}

// Each step starts a process and a PGlite; on a busy machine that takes a while.
describe.skipIf(onPostgres)('tandem backup and restore', { timeout: 180_000 }, () => {
  const source = join(root, 'source');
  const target = join(root, 'target');
  const first = join(root, 'first.tar');

  it('backs up a database with data, and refuses to overwrite without --force', async () => {
    const created = await runCli(
      [
        'workspace',
        'create',
        '--name',
        'Acme',
        '--admin-email',
        'ada@acme.test',
        '--admin-password-stdin',
        '--json',
      ],
      { dataDir: source, input: 'a long enough password' },
    );
    expect(created.code).toBe(0);
    const seeded = await runCli(['seed', '--demo', '--json'], { dataDir: source });
    expect(seeded.stderr).toContain('100%');
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ partners: 50, contacts: 300 });
    // The demo team's password is made for this load and shown in the output, once.
    expect(JSON.parse(seeded.stdout).password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    const backup = await runCli(['backup', first, '--json'], { dataDir: source });
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ file: first });
    const size = readFileSync(first).length;
    expect(size).toBeGreaterThan(1000);

    const again = await runCli(['backup', first], { dataDir: source });
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n').at(-1)).toMatch(/already exists; pass --force/);
    expect(readFileSync(first).length).toBe(size);
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('restores over an existing database, and a backup of it has the same rows', async () => {
    const migrated = await runCli(['migrate'], { dataDir: target });
    expect(migrated.code).toBe(0);
    const restored = await runCli(['restore', first, '--json'], { dataDir: target });
    expect(restored.stderr).not.toMatch(/tandem:/);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toEqual({
      restored: true,
      previous: null,
      previousFiles: null,
      files: 0,
    });
    expect(readdirSync(target).sort()).toEqual(['database', 'files', 'secret']);
    // The data directory's secret came with its data: what it sealed still opens.
    expect(readFileSync(join(target, 'secret'), 'utf8')).toBe(
      readFileSync(join(source, 'secret'), 'utf8'),
    );

    const second = join(root, 'second.tar');
    expect((await runCli(['backup', second], { dataDir: target })).code).toBe(0);
    const [before, after] = [await tablesOf(first), await tablesOf(second)];
    expect(before['public.partners']).toHaveLength(50);
    expect(before['public.contacts']).toHaveLength(300);
    expect(after).toEqual(before);
  });

  it('changes nothing when the file is not a backup', async () => {
    const bad = join(root, 'bad.tandem.gz');
    writeFileSync(bad, 'not a backup');
    const result = await runCli(['restore', bad], { dataDir: target });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(
      /^tandem: the file is not a readable Tandem backup/,
    );
    expect(readdirSync(target).sort()).toEqual(['database', 'files', 'secret']);
    const third = join(root, 'third.tar');
    const again = await runCli(['backup', third], { dataDir: target });
    expect(again.code, again.stderr).toBe(0);
    expect(await tablesOf(third)).toEqual(await tablesOf(first));
  });

  it('backs up the files alone with DATABASE_URL, and refuses to restore a database there', async () => {
    const env = {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      TANDEM_SECRET: 'a-secret-that-is-at-least-32-characters',
    };
    const files = await runCli(['backup', join(root, 'pg.tar'), '--json'], {
      dataDir: target,
      env,
    });
    expect(files.code).toBe(0);
    expect(JSON.parse(files.stdout)).toMatchObject({ files: 0, database: false });
    const result = await runCli(['restore', first], { dataDir: target, env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(
      /^tandem: the backup holds an embedded database; restore it without DATABASE_URL/,
    );
  });
});
