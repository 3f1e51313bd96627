import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../src/server/paths';

/** The load generators send only to this machine's loopback interface: refuses any other host. */
export function onlyLoopback(url: URL): URL {
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new Error('the load generator only targets the loopback interface');
  }
  return url;
}

/** A port nobody listens on right now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process in MiB, from the kernel's own account. */
export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  /** How the server was started, for the report. */
  command: string;
  stop(): Promise<void>;
};

/**
 * Starts the real server as users do: `node bin/tandem.js start`, the built bundle (`npm run
 * bench` builds what is stale first).
 */
export function spawnServer(env: Record<string, string>, port: number): ServerProcess {
  const args = [join(packageRoot, 'bin/tandem.js'), 'start'];
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, args, {
    cwd: packageRoot,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TANDEM_PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // wrk asks several thousand times a minute with one key, above the default limit; the
      // limiter counts every request all the same, whatever its limit.
      TANDEM_RATE_LIMITS: 'api=1000000/60',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return serverProcess(child, url, 'node bin/tandem.js start');
}

/** A server the benchmark spawned, stopped with SIGTERM and awaited to its exit. */
export function serverProcess(child: ChildProcess, url: string, command: string): ServerProcess {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    url,
    command,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `/api/ready` until it answers 200; gives up after `timeoutMs`. */
export async function waitReady(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/ready`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the server did not become ready in time');
}

/**
 * Runs a node script to its end and gives back its last line of output, parsed as JSON, and
 * the time from spawning it to its first output.
 */
export function runNode<T>(args: string[]): Promise<{ result: T; firstOutputMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstOutputMs = 0;
    const child = spawn(process.execPath, args, {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (out === '') firstOutputMs = performance.now() - started;
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited with ${code}`));
      try {
        resolve({ result: JSON.parse(last) as T, firstOutputMs });
      } catch {
        reject(new Error(`${args.join(' ')} printed no result`));
      }
    });
  });
}

/**
 * GETs against a server over one keep-alive connection with node's own HTTP client, as the load
 * generator uses: a figure is the server's time, not a heavier client's. Each call returns a
 * request to time; anything but 200 fails it.
 */
export function keepAliveClient(serverUrl: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string, headers: Record<string, string>) => (): Promise<void> =>
    new Promise((resolve, reject) => {
      http
        .get(`${serverUrl}${path}`, { agent, headers }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`GET ${path} answered ${res.statusCode}`));
          res.resume();
          res.on('end', resolve);
          res.on('error', reject);
        })
        .on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}
