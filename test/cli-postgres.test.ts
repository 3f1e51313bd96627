import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runCli,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
  tempDir,
} from './cli-process';
import { withDatabase } from './global-setup';

const onPostgres = process.env.TANDEM_TEST_DATABASE === 'postgres';

/** On PostgreSQL there is no data-directory lock: the CLI runs beside the server. */
describe.runIf(onPostgres)('tandem on PostgreSQL', { timeout: 180_000 }, () => {
  const name = `tandem_cli_${randomBytes(5).toString('hex')}`;
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://unused';
  const env = {
    DATABASE_URL: withDatabase(adminUrl, name),
    TANDEM_SECRET: 'a-secret-that-is-at-least-32-characters',
  };
  // Made when the suite runs: a skipped suite's body still runs, its hooks do not.
  let root = '';
  let dataDir = '';
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    root = tempDir();
    dataDir = join(root, 'unused');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });
  afterAll(async () => {
    if (server) await stopServerProcess(server, 'SIGKILL');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('migrates, serves, lets commands run beside the server, and shuts down cleanly', async () => {
    const migrated = await runCli(['migrate', '--json'], { dataDir, env });
    expect(migrated.code).toBe(0);

    server = await startServerProcess(dataDir, env);
    expect(server.stdout()).toMatch(
      /^Tandem is not set up yet\. Open http:\/\/localhost:\d+\/setup#token=/m,
    );

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
      { dataDir, env, input: 'a long enough password' },
    );
    expect(created.stderr).not.toMatch(/tandem:/);
    expect(created.code).toBe(0);
    const { workspaceId } = JSON.parse(created.stdout);
    const key = await runCli(
      ['apikey', 'create', '--workspace', workspaceId, '--role', 'admin', '--json'],
      {
        dataDir,
        env,
      },
    );
    expect(key.code).toBe(0);
    const response = await fetch(`${server.url}/api/v1/partners`, {
      headers: { authorization: `Bearer ${JSON.parse(key.stdout).key}` },
    });
    expect(response.status).toBe(200);

    // With DATABASE_URL a backup holds the files alone; pg_dump takes the database.
    const backup = await runCli(['backup', join(dirname(dataDir), 'files.tar')], { dataDir, env });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(
      /0 files written to .*files\.tar .*back the database up with pg_dump/,
    );

    expect(await stopServerProcess(server)).toBe(0);
    server = undefined;
  });
});
