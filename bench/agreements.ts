/**
 * `npm run bench -- agreements [--small]`: the agreements-list figure. A filtered agreement list
 * (in force or expiring, by type, by end-date range, sorted by end date, 50 a page) over HTTP
 * against the real server under a closed loop, divided by the rate of the same statements (every
 * one the request sends, authentication included) through the bare driver at the same concurrency.
 */
import { join } from 'node:path';
import { packageRoot } from '../src/server/paths';
import type { LoopResult } from './closed-loop';
import type { Dataset } from './dataset';
import { type LoopTiming, replayRate } from './direct';
import { type Figure, median, type Say } from './measure';
import { freePort, runNode, spawnServer, waitReady } from './processes';
import { recordRequests, type Statement } from './record';
import { hasWrk, wrkRate } from './wrk';

const base = '/api/v1/agreements';

/** How much each run measures: the full run, or a quick one that proves the figure runs. */
export const agreementSizes = {
  full: { rounds: 3, durationMs: 5_000 },
  small: { rounds: 1, durationMs: 2_000 },
};
type Sizes = (typeof agreementSizes)['full'];

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
    const headers = { authorization: `Bearer ${dataset.apiKey}` };
    statements = await recordRequests(dataset, database, async () =>
      mix.map((params) => ({ url: `${base}?${params}`, headers })),
    );
  } finally {
    await database.close();
  }
  const withWrk = await hasWrk();
  const rounds: Array<{ http: LoopResult; sql: LoopResult }> = [];
  for (let i = 0; i < sizes.rounds; i++) {
    say(`agreements round ${i + 1} of ${sizes.rounds}`);
    const http = await httpRate(dataset, mix, timing, withWrk);
    const sql = await replayRate(dataset, statements, timing);
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
