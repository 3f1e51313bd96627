import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../src/server/db/client';
import { runCli, tempDir } from './cli-process';

/** These are about the embedded database; the PostgreSQL run skips them. */
const onPostgres = process.env.TANDEM_TEST_DATABASE === 'postgres';
const root = tempDir('tandem-backup-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every row of every table in a dump, as sorted JSON text per table. */
async function tablesOf(file: string): Promise<Record<string, string[]>> {
  const database = await openEmbedded({ loadDataDir: new Blob([readFileSync(file)]) });
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
  const first = join(root, 'first.tandem.gz');

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
    expect(JSON.parse(restored.stdout)).toEqual({ restored: true, previous: null });
    expect(readdirSync(target).sort()).toEqual(['database', 'secret']);

    const second = join(root, 'second.tandem.gz');
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
    expect(readdirSync(target).sort()).toEqual(['database', 'secret']);
    const third = join(root, 'third.tandem.gz');
    expect((await runCli(['backup', third], { dataDir: target })).code).toBe(0);
    expect(await tablesOf(third)).toEqual(await tablesOf(first));
  });

  it('refuses both commands with DATABASE_URL', async () => {
    const env = {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      TANDEM_SECRET: 'a-secret-that-is-at-least-32-characters',
    };
    for (const args of [
      ['backup', join(root, 'pg.gz')],
      ['restore', first],
    ]) {
      const result = await runCli(args, { dataDir: target, env });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(
        /^tandem: \w+ works on the embedded database only; with DATABASE_URL use pg_/,
      );
    }
    expect(existsSync(join(root, 'pg.gz'))).toBe(false);
  });
});
