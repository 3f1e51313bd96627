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
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new Error('the load generator only targets the loopback interface');
  }
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
