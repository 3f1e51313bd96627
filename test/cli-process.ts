import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/server/paths';

export type CliResult = { code: number | null; stdout: string; stderr: string; ms: number };

/** The environment a CLI child gets: the embedded database in `dataDir`, quiet logs. */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TANDEM_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  // These tests are about the embedded database, also when the suite runs on PostgreSQL.
  delete env.DATABASE_URL;
  delete env.TANDEM_SECRET;
  return { ...env, ...extra };
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: packageRoot,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs `tandem <args>` from the sources and waits for it to exit. */
export function runCli(
  args: string[],
  options: { dataDir: string; env?: Record<string, string>; input?: string },
): Promise<CliResult> {
  const started = Date.now();
  const child = spawnCli(args, cliEnv(options.dataDir, options.env));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdin?.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** A running `tandem start`, with what it printed so far. */
export type ServerProcess = {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
};

/** Starts the server on a free port and resolves once it prints that it is listening. */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawnCli(['start'], cliEnv(dataDir, { ...env, PORT: String(port) }));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 40_000);
    const check = () => {
      if (stdout.includes('Tandem is listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  return {
    child,
    url: `http://localhost:${port}`,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** Sends a signal and resolves with the exit code. */
export function stopServerProcess(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM') {
  return new Promise<number | null>((resolve) => {
    if (server.child.exitCode !== null) resolve(server.child.exitCode);
    server.child.once('exit', (code) => resolve(code));
    server.child.kill(signal);
  });
}

export function tempDir(prefix = 'tandem-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
