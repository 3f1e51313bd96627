/**
 * The partner-list load through `wrk` (Debian's `wrk`), when it is installed: a load generator in
 * C costs the two cores far less per request than one in Node.js, so the server's rate is less
 * the client's. Same connections, warm-up and duration as `load.ts`; one pass of the query mix
 * round-robin per connection.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoopResult } from './closed-loop';
import type { LoopTiming } from './direct';
import { sliceMedian, steadyMedian } from './measure';
import { keepAliveClient, onlyLoopback } from './processes';

const run = promisify(execFile);

/** Whether `wrk` is on the PATH. */
export async function hasWrk(): Promise<boolean> {
  try {
    await run('wrk', ['--version']);
    return true;
  } catch (error) {
    // wrk prints its version and exits 1; only a missing binary fails to spawn.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** The query mix round-robin, and a stop after `max` answers so the loop is bounded in count too. */
function script(paths: string[], key: string, max: number, base: string): string {
  const list = paths.map((p) => JSON.stringify(`${base}?${p}`)).join(', ');
  return `local paths = { ${list} }
local i = 0
local answered = 0
wrk.headers["authorization"] = ${JSON.stringify(`Bearer ${key}`)}
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
response = function()
  answered = answered + 1
  if answered >= ${max} then wrk.thread:stop() end
end
`;
}

/** Reads `Requests/sec` and the failures from wrk's report. */
export function parseWrk(report: string, seconds: number): LoopResult {
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(report)?.[1] ?? Number.NaN);
  const requests = Number(/(\d+) requests in/.exec(report)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(report)?.[1] ?? 0);
  const socket = /Socket errors: (.*)/.exec(report)?.[1] ?? null;
  return {
    requests,
    errors: non2xx,
    seconds,
    perSecond,
    firstError: non2xx > 0 ? `${non2xx} answers were not 2xx` : socket,
  };
}

export async function wrkRate(
  url: string,
  key: string,
  paths: string[],
  timing: LoopTiming,
  base = '/api/v1/partners',
): Promise<LoopResult> {
  onlyLoopback(new URL(url));
  const dir = await mkdtemp(join(tmpdir(), 'tandem-wrk-'));
  try {
    const file = join(dir, 'mix.lua');
    await writeFile(file, script(paths, key, timing.maxRequests, base));
    const args = (ms: number) => [
      '-t1',
      `-c${timing.concurrency}`,
      `-d${Math.max(1, Math.round(ms / 1000))}s`,
      '-s',
      file,
      url,
    ];
    await run('wrk', args(timing.warmupMs));
    const { stdout } = await run('wrk', args(timing.durationMs));
    return parseWrk(stdout, timing.durationMs / 1000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A duration in wrk's report (`635.91us`, `2.10ms`, `1.02s`) in milliseconds. */
function wrkMs(value: string, unit: string): number {
  const scale: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
  return Number(value) * (scale[unit] ?? Number.NaN);
}

/** The median latency from a `wrk --latency` report, in milliseconds. */
export function parseWrkMedian(report: string): number {
  const match = /^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(report);
  return match?.[1] && match[2] ? wrkMs(match[1], match[2]) : Number.NaN;
}

/** The median latency of one connection asking `path` back to back for `ms` through wrk. */
async function wrkMedian(
  target: URL,
  headers: Record<string, string>,
  ms: number,
): Promise<number> {
  const { stdout } = await run('wrk', [
    '-t1',
    '-c1',
    `-d${Math.max(1, Math.round(ms / 1000))}s`,
    '--latency',
    ...Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    target.toString(),
  ]);
  const failed = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  if (failed > 0) throw new Error(`GET ${target.pathname}: ${failed} answers were not 2xx`);
  return parseWrkMedian(stdout);
}

/** One page asked over HTTP in slices: each slice's median latency, in milliseconds. */
export type PageSlicer = { slice: (ms: number) => Promise<number>; close: () => void };

/**
 * Asks `path` one request at a time: through wrk when it is installed (slices of whole seconds),
 * else through Node's keep-alive client. wrk's client costs the measurement far less than Node's,
 * whose reading of a long answer would otherwise count as the server's time.
 */
export async function pageSlicer(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<PageSlicer> {
  const target = onlyLoopback(new URL(path, url));
  if (await hasWrk()) return { slice: (ms) => wrkMedian(target, headers, ms), close: () => {} };
  const client = keepAliveClient(url);
  const ask = client.get(path, headers);
  return { slice: (ms) => sliceMedian(ask, ms), close: client.close };
}

/** A page's median latency over HTTP, one request at a time after the warm-up, for three seconds. */
export async function pageLatency(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<number> {
  const slicer = await pageSlicer(url, path, headers);
  try {
    return await steadyMedian(slicer.slice);
  } finally {
    slicer.close();
  }
}
