import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  runCli,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
  tempDir,
} from './cli-process';

/** These are about the embedded database; the PostgreSQL run skips them. */
const onPostgres = process.env.TANDEM_TEST_DATABASE === 'postgres';
const root = tempDir();
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every failure ends stderr with one line starting with `tandem: ` (progress may precede it). */
function expectOneLineError(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  const errorLines = lines.filter((line) => line.startsWith('tandem: '));
  expect(errorLines).toHaveLength(1);
  expect(lines.at(-1)).toBe(errorLines[0]);
  expect(errorLines[0]).toMatch(pattern);
}

describe('tandem arguments', { timeout: 60_000 }, () => {
  const dataDir = join(root, 'unused');

  it('lists every command in --help', async () => {
    const result = await runCli(['--help'], { dataDir });
    expect(result.code).toBe(0);
    for (const name of [
      'start',
      'migrate',
      'workspace create',
      'apikey create',
      'seed',
      'backup',
      'restore',
    ]) {
      expect(result.stdout).toContain(name);
    }
  });

  it('shows a command its own help', async () => {
    const result = await runCli(['workspace', 'create', '--help'], { dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--admin-password-stdin');
    expect(result.stdout).toContain('never taken on the command line');
  });

  const uuid = '0190f5a2-7b3c-7def-8123-456789abcdef';
  it.concurrent.each([
    [['bogus'], 2, /unknown command 'bogus'/],
    [['workspace', 'delete'], 2, /unknown subcommand 'delete'/],
    [['migrate', '--nope'], 2, /Unknown option '--nope'/],
    [['apikey', 'create', '--workspace', uuid, '--role', 'owner'], 2, /--role must be one of/],
    [
      ['apikey', 'create', '--workspace', '123', '--role', 'admin'],
      2,
      /--workspace must be a UUID/,
    ],
    [['apikey', 'create', '--role', 'admin'], 2, /--workspace is required/],
    [
      ['apikey', 'create', '--workspace', uuid, '--role', 'viewer', '--name', '   '],
      2,
      /--name must be 1 to 100 characters/,
    ],
    [
      [
        'workspace',
        'create',
        '--name',
        'x'.repeat(201),
        '--admin-email',
        'a@b.co',
        '--admin-password-stdin',
      ],
      2,
      /--name must be 1 to 200 characters/,
    ],
    [
      ['workspace', 'create', '--name', 'A', '--admin-email', 'a@b.co', '--admin-password', 'pw'],
      2,
      /Unknown option '--admin-password'/,
    ],
    [
      ['workspace', 'create', '--name', 'A', '--admin-email', 'a@b.co'],
      2,
      /--admin-password-stdin is required/,
    ],
    [
      ['workspace', 'create', '--name', 'A', '--admin-email', 'nope', '--admin-password-stdin'],
      2,
      /--admin-email is not an email address/,
    ],
    [['seed'], 2, /--demo is required/],
    [['seed', '--demo', '--size', 'huge'], 2, /--size must be small or large/],
    [['backup'], 2, /missing <file>/],
    [['restore', 'a', 'b'], 2, /unexpected argument 'b'/],
    [['restore', join(root, 'missing.gz')], 1, /no such file/],
  ])('refuses %j with exit %i and one line', async (args, code, pattern) => {
    const result = await runCli(args as string[], { dataDir });
    expect(result.code).toBe(code);
    expectOneLineError(result.stderr, pattern as RegExp);
    expect(result.stdout).toBe('');
  });

  it('seed --password-stdin refuses a password too short before touching the database', async () => {
    const result = await runCli(['seed', '--demo', '--password-stdin'], {
      dataDir,
      input: 'short\n',
    });
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /^tandem: the password /);
  });

  it.concurrent.each([
    ['start', 'PORT', 'abc', /^tandem: PORT must be a port number \(got "abc"\)$/],
    ['migrate', 'PORT', '70000', /^tandem: PORT must be between 1 and 65535/],
    ['start', 'TANDEM_PUBLIC_URL', 'ftp://x', /^tandem: TANDEM_PUBLIC_URL must be an http/],
    ['seed', 'DATABASE_URL', 'mysql://x', /^tandem: DATABASE_URL must be a postgres/],
    // Values that may hold a password are never repeated.
    ['migrate', 'SMTP_URL', 'ftp://user:hunter2@x', /^tandem: SMTP_URL must be an smtp[^"]*$/],
    ['start', 'LOG_LEVEL', 'loud', /^tandem: LOG_LEVEL must be one of fatal, error/],
  ])('%s stops on a bad %s with one line naming it', async (command, name, value, pattern) => {
    const args = command === 'seed' ? ['seed', '--demo'] : [command];
    const result = await runCli(args, { dataDir, env: { [name]: value } });
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, pattern);
  });
});

// Each step starts a process and a PGlite; on a busy machine that takes a while.
describe.skipIf(onPostgres)('the data directory', { timeout: 180_000 }, () => {
  const dataDir = join(root, 'data');
  const lockFile = join(dataDir, 'tandem.lock');
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await stopServerProcess(server, 'SIGKILL');
  });

  it('takes over a stale lock whose process is gone', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    expect(dead).toBeGreaterThan(0);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(lockFile, String(dead));
    const result = await runCli(['migrate', '--json'], { dataDir });
    expect(result.stderr).not.toMatch(/tandem:/);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ migrated: true });
    expect(existsSync(lockFile)).toBe(false);
    expect(existsSync(join(dataDir, 'database', 'PG_VERSION'))).toBe(true);
  });

  it('prints the setup link while no workspace exists, and holds the lock', async () => {
    server = await startServerProcess(dataDir);
    const lines = server.stdout().split('\n');
    const setup = lines.filter((line) => line.startsWith('Tandem is not set up yet.'));
    expect(setup).toHaveLength(1);
    expect(setup[0]).toMatch(
      new RegExp(`^Tandem is not set up yet\\. Open ${server.url}/setup#token=[\\w-]{43}$`),
    );
    expect(lines).toContain(`Tandem is listening on ${server.url}`);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(server.child.pid));
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(200);
  });

  it('makes a second process on the same directory fail at once', async () => {
    const pid = server?.child.pid;
    for (const command of [['migrate'], ['start'], ['backup', join(root, 'x.gz')]]) {
      const result = await runCli(command, { dataDir });
      expect(result.code).toBe(1);
      expectOneLineError(
        result.stderr,
        new RegExp(`in use by another Tandem process \\(pid ${pid}\\)`),
      );
    }
    expect(existsSync(join(root, 'x.gz'))).toBe(false);
  });

  it('shuts down cleanly on SIGTERM: exit 0, lock released, the database reopens', async () => {
    if (!server) throw new Error('no server');
    const code = await stopServerProcess(server);
    expect(code).toBe(0);
    expect(server.stderr()).toContain('SIGTERM received, shutting down');
    server = undefined;
    expect(existsSync(lockFile)).toBe(false);
  });

  let workspaceId = '';
  it('reopens the data directory: workspace create --json reads the password from stdin', async () => {
    const result = await runCli(
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
      { dataDir, input: 'a long enough password\n' },
    );
    expect(result.stderr).not.toMatch(/tandem:|error/i);
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(Object.keys(created).sort()).toEqual(['userId', 'workspaceId']);
    expect(created.workspaceId).toMatch(/^[0-9a-f-]{36}$/);
    workspaceId = created.workspaceId;

    const twice = await runCli(
      [
        'workspace',
        'create',
        '--name',
        'Other',
        '--admin-email',
        'ada@acme.test',
        '--admin-password-stdin',
      ],
      { dataDir, input: 'a long enough password' },
    );
    expect(twice.code).toBe(1);
    expectOneLineError(twice.stderr, /already exists/);
    const short = await runCli(
      [
        'workspace',
        'create',
        '--name',
        'Other',
        '--admin-email',
        'bo@acme.test',
        '--admin-password-stdin',
      ],
      { dataDir, input: 'short' },
    );
    expect(short.code).toBe(1);
    expectOneLineError(short.stderr, /the password is not accepted: Use at least 10 characters/);
  });

  it('apikey create --json makes a key that works against the server', async () => {
    const result = await runCli(
      [
        'apikey',
        'create',
        '--workspace',
        workspaceId,
        '--role',
        'viewer',
        '--name',
        'ci',
        '--json',
      ],
      { dataDir },
    );
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(Object.keys(created).sort()).toEqual(['id', 'key']);
    const unknown = await runCli(
      [
        'apikey',
        'create',
        '--workspace',
        '0190f5a2-7b3c-7def-8123-456789abcdef',
        '--role',
        'admin',
      ],
      { dataDir },
    );
    expect(unknown.code).toBe(1);
    expectOneLineError(unknown.stderr, /No such workspace/);

    server = await startServerProcess(dataDir);
    expect(server.stdout()).not.toContain('not set up yet');
    const url = `${server.url}/api/v1/partners`;
    const ok = await fetch(url, { headers: { authorization: `Bearer ${created.key}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ items: [] });
    const wrong = await fetch(url, { headers: { authorization: `Bearer ${created.key}x` } });
    expect(wrong.status).toBe(401);
    expect(await stopServerProcess(server, 'SIGINT')).toBe(0);
    server = undefined;
  });
});
