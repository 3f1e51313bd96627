import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../bench/processes';
import { packageRoot } from '../../src/server/paths';

/** One `tandem start` from the built bundle, as a container platform would run it. */
export type Instance = { child: ChildProcess; url: string; output(): string };

export const PUBLIC_URL = 'http://tandem.test';

/** Starts `count` processes at the same moment on one database; resolves before they are ready. */
export async function startInstances(
  count: number,
  env: Record<string, string>,
): Promise<Instance[]> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  return ports.map((port) => {
    const child = spawn(process.execPath, [join(packageRoot, 'bin/tandem.js'), 'start'], {
      cwd: packageRoot,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(port),
        TANDEM_PUBLIC_URL: PUBLIC_URL,
        TANDEM_SECRET: 'processes-test-secret-that-is-long-enough',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    return { child, url: `http://127.0.0.1:${port}`, output: () => output };
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `/api/ready` until 200; fails when the process exits or `timeoutMs` passes. */
export async function waitReady(instance: Instance, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null) {
      throw new Error(`${instance.url} exited: ${instance.output()}`);
    }
    const status = await fetch(`${instance.url}/api/ready`).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(50);
  }
  throw new Error(`${instance.url} was not ready in ${timeoutMs} ms: ${instance.output()}`);
}

/** Sends `signal` and resolves with the exit code (null after a kill), bounded in time. */
export function stopInstance(
  instance: Instance,
  signal: NodeJS.Signals = 'SIGTERM',
  timeoutMs = 20_000,
): Promise<number | null> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${instance.url} did not stop in ${timeoutMs} ms: ${instance.output()}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill(signal);
  });
}

/** A small HTTP client that keeps a cookie jar, as a browser would, across processes. */
export class Client {
  cookies = new Map<string, string>();
  constructor(private readonly bearer?: string) {}

  async call(url: string, method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      // Cookie-authenticated changes must come from Tandem's own origin.
      headers.origin = PUBLIC_URL;
    }
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
}
