/**
 * The load generator of the partners-list figure, run as its own process so the client's work
 * does not share the server's event loop. Keep-alive HTTP/1.1 over loopback, a fixed number of
 * connections, bounded by time and by count. Prints one JSON line with what it measured.
 */
import http from 'node:http';
import { runClosedLoop } from './closed-loop';

type LoadConfig = {
  url: string;
  key: string;
  paths: string[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
};

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const target = new URL(config.url);
if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') {
  throw new Error('the load generator only targets the loopback interface');
}
const agent = new http.Agent({ keepAlive: true, maxSockets: config.concurrency });

function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path,
        method: 'GET',
        headers: { authorization: `Bearer ${config.key}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const result = await runClosedLoop({
  concurrency: config.concurrency,
  warmupMs: config.warmupMs,
  durationMs: config.durationMs,
  maxRequests: config.maxRequests,
  run: async (i) => {
    const status = await get(`/api/v1/partners?${config.paths[i % config.paths.length]}`);
    if (status !== 200) throw new Error(`status ${status}`);
  },
});
agent.destroy();
process.stdout.write(`${JSON.stringify(result)}\n`);
