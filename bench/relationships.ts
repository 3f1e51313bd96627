/**
 * `npm run bench -- relationships [--small]`: the latency of a partner's first timeline page and
 * of a member's "my work" over HTTP against the real server, each divided by the same SQL (every
 * statement the request sends) through the bare driver, and the mention mail fan-out to an
 * in-process SMTP server.
 */
import http from 'node:http';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import type { Database } from '../src/server/db/client';
import { openBlobStore } from '../src/server/files/open';
import type { Jobs } from '../src/server/jobs/jobs';
import type { Dataset } from './dataset';
import { notifyFanout } from './notify-fanout';
import { freePort, spawnServer, waitReady } from './processes';
import { recordStatements, type Statement } from './record';
import { addRelationshipFixtures, type RelationshipFixtures } from './relationships-data';

type Figure = (name: string, value: string, ratio: number, target: string) => void;
type Say = (line: string) => void;

/** How much each run measures: the full run, or a quick one that proves the figures run. */
export const relationshipSizes = {
  full: { entries: 10_000, tasks: 2_000, mentions: 1_000, rounds: 3, requests: 200 },
  small: { entries: 1_000, tasks: 200, mentions: 100, rounds: 3, requests: 100 },
};

/**
 * Both sides run for this long before any request is timed: a fresh server compiles its hot
 * paths over the first few hundred requests, and its job workers make their first, cold polls a
 * second after it listens, on the embedded database's one connection.
 */
const WARMUP_MS = 3_000;
type Sizes = (typeof relationshipSizes)['full'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The median of `sizes.requests` sequential runs of `run`, in milliseconds, after the warm-up. */
export async function latency(
  run: () => Promise<void>,
  sizes: Pick<Sizes, 'requests'>,
): Promise<number> {
  const warm = performance.now() + WARMUP_MS;
  while (performance.now() < warm) await run();
  const times: number[] = [];
  for (let i = 0; i < sizes.requests; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

type Latencies = { timeline: number; myWork: number };

/** Both pages over HTTP: the viewer's API key reads the timeline, the member's session their work. */
async function httpLatencies(
  dataset: Dataset,
  fixtures: RelationshipFixtures,
  sizes: Sizes,
): Promise<Latencies> {
  const server = spawnServer(dataset.serverEnv, await freePort());
  // One keep-alive connection and node's own HTTP client, as the load generator uses: the
  // figure is the server's time, not a heavier client's.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await waitReady(server.url, server.child);
    const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: fixtures.memberEmail, password: dataset.password }),
    });
    const cookie = signIn.headers.getSetCookie().find((c) => c.includes('session_token'));
    if (signIn.status !== 200 || !cookie) throw new Error(`sign-in answered ${signIn.status}`);
    const get = (path: string, headers: Record<string, string>) => () =>
      new Promise<void>((resolve, reject) => {
        http
          .get(`${server.url}${path}`, { agent, headers }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`GET ${path} answered ${res.statusCode}`));
            res.resume();
            res.on('end', resolve);
            res.on('error', reject);
          })
          .on('error', reject);
      });
    return {
      timeline: await latency(
        get(`/api/v1/partners/${fixtures.partnerId}/timeline`, {
          authorization: `Bearer ${dataset.apiKey}`,
        }),
        sizes,
      ),
      myWork: await latency(
        get('/api/v1/tasks/my-work', { cookie: cookie.split(';')[0] ?? '' }),
        sizes,
      ),
    };
  } finally {
    agent.destroy();
    await server.stop();
  }
}

/** Reads queue no jobs; a request that tried would fail the benchmark rather than pass unseen. */
export const noJobs: Jobs = {
  enqueue: () => Promise.reject(new Error('a page read queued a job')),
  enqueueMany: () => Promise.reject(new Error('a page read queued a job')),
  stop: async () => {},
};

/**
 * Every statement each page's request sends (authentication included), recorded at the driver
 * while the app answers the request in-process on the same data. Each page is asked once first,
 * so the once-a-minute writes (an API key's last use, a rate-limit window's first read) are done
 * and what is recorded is what every later request sends.
 */
async function pageStatements(
  dataset: Dataset,
  database: Database,
  fixtures: RelationshipFixtures,
): Promise<{ timeline: Statement[]; myWork: Statement[] }> {
  const config = loadConfig({ ...dataset.serverEnv, LOG_LEVEL: 'silent' });
  const app = await buildApp(
    { config, database, jobs: noJobs, files: openBlobStore(config), setupToken: null },
    { logger: false, serveWeb: false },
  );
  try {
    await app.ready();
    // Its once-a-second sync would otherwise land in a recording now and then.
    await app.rateLimiter.stop();
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { origin: config.publicUrl },
      payload: { email: fixtures.memberEmail, password: dataset.password },
    });
    const cookie = signIn.cookies.find((c) => c.name.endsWith('session_token'));
    if (signIn.statusCode !== 200 || !cookie)
      throw new Error(`sign-in answered ${signIn.statusCode}`);
    const record = async (url: string, headers: Record<string, string>) => {
      const ask = async () => {
        const res = await app.inject({ url, headers });
        if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}`);
      };
      await ask();
      return recordStatements(database, ask);
    };
    return {
      timeline: await record(`/api/v1/partners/${fixtures.partnerId}/timeline`, {
        authorization: `Bearer ${dataset.apiKey}`,
      }),
      myWork: await record('/api/v1/tasks/my-work', { cookie: `${cookie.name}=${cookie.value}` }),
    };
  } finally {
    await app.close();
  }
}

/** The same statements through the bare driver (PGlite's `query` or one pg connection). */
async function sqlLatencies(
  dataset: Dataset,
  statements: { timeline: Statement[]; myWork: Statement[] },
  sizes: Sizes,
): Promise<Latencies> {
  const database = await dataset.open();
  const engine = database.pglite;
  let client: pg.Client | undefined;
  try {
    let send: (s: Statement) => Promise<unknown>;
    if (engine) send = (s) => engine.query(s.text, s.values);
    else {
      await database.close();
      const bare = new pg.Client({ connectionString: dataset.driverTarget });
      await bare.connect();
      client = bare;
      send = (s) => bare.query(s.text, s.values);
    }
    const all = (list: Statement[]) => async () => {
      for (const statement of list) await send(statement);
    };
    return {
      timeline: await latency(all(statements.timeline), sizes),
      myWork: await latency(all(statements.myWork), sizes),
    };
  } finally {
    await client?.end();
    if (engine) await database.close();
  }
}

export async function relationshipFigures(
  dataset: Dataset,
  figure: Figure,
  say: Say,
  sizes: Sizes,
): Promise<void> {
  const database = await dataset.open();
  let fixtures: RelationshipFixtures;
  let statements: { timeline: Statement[]; myWork: Statement[] };
  try {
    const started = performance.now();
    fixtures = await addRelationshipFixtures(database, dataset, sizes);
    say(
      `fixtures: ${sizes.entries} timeline entries, ${sizes.tasks} open tasks in ${(
        (performance.now() - started) / 1000
      ).toFixed(1)} s`,
    );
    statements = await pageStatements(dataset, database, fixtures);
  } finally {
    await database.close();
  }

  const rounds: Array<{ http: Latencies; sql: Latencies }> = [];
  for (let i = 0; i < sizes.rounds; i++) {
    say(`round ${i + 1} of ${sizes.rounds}`);
    const http = await httpLatencies(dataset, fixtures, sizes);
    const sql = await sqlLatencies(dataset, statements, sizes);
    say(
      `timeline ${http.timeline.toFixed(2)} / ${sql.timeline.toFixed(2)} ms, my work ${http.myWork.toFixed(2)} / ${sql.myWork.toFixed(2)} ms`,
    );
    rounds.push({ http, sql });
  }
  const of = (pick: (r: { http: Latencies; sql: Latencies }) => number) => median(rounds.map(pick));
  figure(
    'timeline-first-page',
    `${of((r) => r.http.timeline).toFixed(2)} ms`,
    of((r) => r.http.timeline / r.sql.timeline),
    '<=1.5',
  );
  figure('timeline-first-page-sql', `${of((r) => r.sql.timeline).toFixed(2)} ms`, 1, 'baseline');
  figure(
    'my-work',
    `${of((r) => r.http.myWork).toFixed(2)} ms`,
    of((r) => r.http.myWork / r.sql.myWork),
    '<=1.5',
  );
  figure('my-work-sql', `${of((r) => r.sql.myWork).toFixed(2)} ms`, 1, 'baseline');

  const fanout = await notifyFanout(dataset, sizes.mentions, say);
  figure(
    'notify-fanout',
    `${fanout.perSecond.toFixed(0)} msg/s`,
    fanout.perSecond / fanout.smtpPerSecond,
    'report',
  );
  figure('notify-fanout-smtp-alone', `${fanout.smtpPerSecond.toFixed(0)} msg/s`, 1, 'baseline');
}
