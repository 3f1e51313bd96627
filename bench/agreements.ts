/**
 * `npm run bench -- agreements [--small]`: the agreements-list figure. A filtered agreement list
 * (in force or expiring, by type, by end-date range, sorted by end date, 50 a page) over HTTP
 * against the real server under a closed loop, divided by the rate of the same statements (every
 * one the request sends, authentication included) through the bare driver at the same concurrency.
 */
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import type { Database } from '../src/server/db/client';
import { openBlobStore } from '../src/server/files/open';
import { packageRoot } from '../src/server/paths';
import { type LoopResult, runClosedLoop } from './closed-loop';
import type { Dataset } from './dataset';
import type { LoopTiming } from './direct';
import { freePort, runNode, spawnServer, waitReady } from './processes';
import { recordStatements, type Statement } from './record';
import { noJobs } from './relationships';
import { hasWrk, wrkRate } from './wrk';

type Figure = (name: string, value: string, ratio: number, target: string) => void;
type Say = (line: string) => void;

const base = '/api/v1/agreements';

/** How much each run measures: the full run, or a quick one that proves the figure runs. */
export const agreementSizes = {
  full: { rounds: 3, durationMs: 5_000 },
  small: { rounds: 1, durationMs: 2_000 },
};
type Sizes = (typeof agreementSizes)['full'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** `YYYY-MM-DD` some days from today. */
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The fixed mix both sides run: what a renewals or legal reader filters for, each sorted by end
 * date, 50 a page.
 */
export function agreementMix(): string[] {
  const mix: Array<Array<[string, string]>> = [
    [
      ['status', 'active'],
      ['status', 'expiring'],
      ['endFrom', inDays(0)],
      ['endTo', inDays(90)],
    ],
    [
      ['status', 'active'],
      ['status', 'expiring'],
      ['type', 'reseller'],
    ],
    [['status', 'expiring']],
    [
      ['status', 'active'],
      ['type', 'sow'],
      ['endFrom', inDays(0)],
      ['endTo', inDays(180)],
    ],
    [
      ['status', 'active'],
      ['type', 'technology'],
      ['endFrom', inDays(30)],
      ['endTo', inDays(365)],
    ],
    [
      ['status', 'expired'],
      ['endFrom', inDays(-365)],
      ['endTo', inDays(0)],
    ],
    [
      ['type', 'nda'],
      ['status', 'active'],
      ['status', 'expiring'],
    ],
    [
      ['status', 'active'],
      ['currency', 'EUR'],
      ['endTo', inDays(60)],
    ],
  ];
  return mix.map((params) =>
    new URLSearchParams([...params, ['sort', 'endOn'], ['limit', '50']]).toString(),
  );
}

/** Every statement each query's request sends, recorded while the app answers it in-process. */
async function mixStatements(
  dataset: Dataset,
  database: Database,
  mix: string[],
): Promise<Statement[][]> {
  const config = loadConfig({ ...dataset.serverEnv, LOG_LEVEL: 'silent' });
  const app = await buildApp(
    { config, database, jobs: noJobs, files: openBlobStore(config), setupToken: null },
    { logger: false, serveWeb: false },
  );
  try {
    await app.ready();
    // Its once-a-second sync would otherwise land in a recording now and then.
    await app.rateLimiter.stop();
    const out: Statement[][] = [];
    for (const params of mix) {
      const ask = async () => {
        const res = await app.inject({
          url: `${base}?${params}`,
          headers: { authorization: `Bearer ${dataset.apiKey}` },
        });
        if (res.statusCode !== 200)
          throw new Error(`GET ${base}?${params} answered ${res.statusCode}`);
      };
      // Asked once first, so the once-a-minute writes (the key's last use) are done.
      await ask();
      out.push(await recordStatements(database, ask));
    }
    return out;
  } finally {
    await app.close();
  }
}

/** The same statements through the bare driver, at the same concurrency. */
async function sqlRate(dataset: Dataset, perQuery: Statement[][], timing: LoopTiming) {
  const database = await dataset.open();
  const engine = database.pglite;
  let pool: pg.Pool | undefined;
  try {
    let send: (s: Statement) => Promise<unknown>;
    if (engine) send = (s) => engine.query(s.text, s.values);
    else {
      await database.close();
      const bare = new pg.Pool({ connectionString: dataset.driverTarget, max: timing.concurrency });
      pool = bare;
      send = (s) => bare.query(s.text, s.values);
    }
    return await runClosedLoop({
      ...timing,
      run: async (i) => {
        for (const statement of perQuery[i % perQuery.length] ?? []) await send(statement);
      },
    });
  } finally {
    await pool?.end();
    if (engine) await database.close();
  }
}

/** The mix over HTTP against a server process, from a load generator of its own. */
async function httpRate(dataset: Dataset, mix: string[], timing: LoopTiming, withWrk: boolean) {
  const server = spawnServer(dataset.serverEnv, await freePort());
  try {
    await waitReady(server.url, server.child);
    if (withWrk) return await wrkRate(server.url, dataset.apiKey, mix, timing, base);
    const { result } = await runNode<LoopResult>([
      '--import',
      'tsx',
      join(packageRoot, 'bench/load.ts'),
      JSON.stringify({ urls: [server.url], key: dataset.apiKey, paths: mix, base, ...timing }),
    ]);
    return result;
  } finally {
    await server.stop();
  }
}

export async function agreementFigures(
  dataset: Dataset,
  figure: Figure,
  say: Say,
  sizes: Sizes,
): Promise<void> {
  const mix = agreementMix();
  const timing: LoopTiming = {
    concurrency: 10,
    // A fresh server compiles its hot paths and its job workers make their first polls (on the
    // embedded database's one connection) in its first seconds.
    warmupMs: 3_000,
    durationMs: sizes.durationMs,
    maxRequests: 50_000,
  };
  const database = await dataset.open();
  let statements: Statement[][];
  try {
    const { rows } = await database.sql(
      'SELECT count(*)::int AS n FROM agreements WHERE workspace_id = $1',
      [dataset.workspaceId],
    );
    say(`agreements: ${(rows[0] as { n: number } | undefined)?.n ?? 0} in the data set`);
    statements = await mixStatements(dataset, database, mix);
  } finally {
    await database.close();
  }
  const withWrk = await hasWrk();
  const rounds: Array<{ http: LoopResult; sql: LoopResult }> = [];
  for (let i = 0; i < sizes.rounds; i++) {
    say(`agreements round ${i + 1} of ${sizes.rounds}`);
    const http = await httpRate(dataset, mix, timing, withWrk);
    const sql = await sqlRate(dataset, statements, timing);
    for (const [label, run] of [
      ['over HTTP', http],
      ['bare driver', sql],
    ] as const) {
      say(`agreements ${label}: ${run.perSecond.toFixed(0)} req/s`);
      if (run.errors > 0) say(`  ${run.errors} failed (first: ${run.firstError})`);
    }
    rounds.push({ http, sql });
  }
  const of = (pick: (r: { http: LoopResult; sql: LoopResult }) => number) =>
    median(rounds.map(pick));
  figure(
    'agreements-list',
    `${of((r) => r.http.perSecond).toFixed(0)} req/s`,
    of((r) => r.http.perSecond / r.sql.perSecond),
    '>=0.6',
  );
  figure('agreements-list-sql', `${of((r) => r.sql.perSecond).toFixed(0)} req/s`, 1, 'baseline');
}
