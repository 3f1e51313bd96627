/**
 * The load generator, run as its own process so the client's work does not share the server's
 * event loop: partner lists (`paths`) or partner creates (`create`), round-robin over `urls` as a
 * load balancer would. Keep-alive HTTP/1.1 over loopback, a fixed number of connections, bounded
 * by time and by count. Prints one JSON line with what it measured.
 */
import http from 'node:http';
import { runClosedLoop } from './closed-loop';
import { onlyLoopback } from './processes';

type LoadConfig = {
  urls: string[];
  key: string;
  paths: string[];
  /** The list the query strings go to; the partner list unless named. */
  base?: string;
  /** Create partners instead of listing them. */
  create?: boolean;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
};

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const targets = config.urls.map((url) => onlyLoopback(new URL(url)));
const agent = new http.Agent({ keepAlive: true, maxSockets: config.concurrency });
const run = Date.now().toString(36);

function call(target: URL, path: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${config.key}` };
    if (body) headers['content-type'] = 'application/json';
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path,
        method: body ? 'POST' : 'GET',
        headers,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const result = await runClosedLoop({
  concurrency: config.concurrency,
  warmupMs: config.warmupMs,
  durationMs: config.durationMs,
  maxRequests: config.maxRequests,
  run: async (i) => {
    const target = targets[i % targets.length] as URL;
    if (config.create) {
      const body = JSON.stringify({ name: `Scale-out ${run} ${i}` });
      const status = await call(target, '/api/v1/partners', body);
      if (status !== 201) throw new Error(`status ${status}`);
      return;
    }
    const base = config.base ?? '/api/v1/partners';
    const status = await call(target, `${base}?${config.paths[i % config.paths.length]}`);
    if (status !== 200) throw new Error(`status ${status}`);
  },
});
agent.destroy();
process.stdout.write(`${JSON.stringify(result)}\n`);
