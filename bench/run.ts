/**
 * `npm run bench`: builds its own `large` data set in a temporary database, measures the
 * figures the project tracks, each as a ratio to a baseline measured in the same run, prints
 * one line per figure, and removes the data. Embedded by default; PostgreSQL with DATABASE_URL.
 *
 * The machine is shared and noisy, so each figure and its baseline are measured in alternating
 * rounds (the driver alone, then the server, a bare HTTP server around the same service, then
 * the in-process mix) and the medians reported.
 */
import { join } from 'node:path';
import { packageRoot } from '../src/server/paths';
import { agreementFigures, agreementSizes } from './agreements';
import type { LoopResult } from './closed-loop';
import { dashboardFigures, dashboardSizes } from './dashboard';
import { type Dataset, prepareDataset } from './dataset';
import { deepPage } from './deep-page';
import { directRate, type LoopTiming, sqlRate } from './direct';
import { healthFigures, healthSizes } from './health';
import { spawnFloorServer } from './http-floor';
import { kpiExportFigures, kpiExportSizes } from './kpi-export';
import { type Figure, median, WARMUP_MS } from './measure';
import { queryMix } from './mix';
import { freePort, residentMiB, runNode, spawnServer, waitReady } from './processes';
import { relationshipFigures, relationshipSizes } from './relationships';
import { renewalFigures, renewalSizes } from './renewals';
import { reportFigures, reportSizes } from './reports';
import { scaleOut } from './scale-out';
import { signedPdfFigures } from './signed-pdf';
import { hasWrk, wrkRate } from './wrk';

const ROUNDS = 3;
const timing: LoopTiming = {
  concurrency: 10,
  // As long as the latency figures': a fresh server's first seconds are not its steady rate.
  warmupMs: WARMUP_MS,
  durationMs: 5_000,
  maxRequests: 50_000,
};

function say(line: string) {
  process.stderr.write(`  ${line}\n`);
}

type Round = {
  aloneMs: number;
  aloneRss: number;
  bootMs: number;
  rss: number;
  http: LoopResult;
  /** The bare node:http server around the same service (`http-floor.ts`). */
  floor: LoopResult;
  direct: LoopResult;
  sql: LoopResult;
  deep: { firstMs: number; deepMs: number } | null;
};

/** One round: the bare driver, then the real server under load, then the in-process baseline. */
async function round(
  dataset: Dataset,
  mix: string[],
  withDeepPage: boolean,
  withWrk: boolean,
): Promise<Round> {
  /** The mix against a server, through wrk when it is installed, else Node's own client. */
  const listRate = async (url: string): Promise<LoopResult> =>
    withWrk
      ? wrkRate(url, dataset.apiKey, mix, timing)
      : (
          await runNode<LoopResult>([
            '--import',
            'tsx',
            join(packageRoot, 'bench/load.ts'),
            JSON.stringify({ urls: [url], key: dataset.apiKey, paths: mix, ...timing }),
          ])
        ).result;

  const alone = await runNode<{ rssMiB: number }>([
    join(packageRoot, 'bench/driver-alone.mjs'),
    dataset.driverTarget,
    dataset.workspaceId,
  ]);

  const port = await freePort();
  const started = performance.now();
  const server = spawnServer(dataset.serverEnv, port);
  let bootMs: number;
  let rss: number;
  let http: LoopResult;
  let deep: Round['deep'] = null;
  try {
    await waitReady(server.url, server.child);
    bootMs = performance.now() - started;
    const first = await fetch(`${server.url}/api/v1/partners?limit=50`, {
      headers: { authorization: `Bearer ${dataset.apiKey}` },
    });
    if (first.status !== 200) {
      throw new Error(`GET /api/v1/partners answered ${first.status}: ${await first.text()}`);
    }
    await first.arrayBuffer();
    rss = residentMiB(server.child.pid ?? 0);
    say(`server (${server.command}) ready in ${bootMs.toFixed(0)} ms, ${rss.toFixed(0)} MiB`);

    http = await listRate(server.url);
    if (withDeepPage) deep = await deepPage(server.url, dataset.apiKey, 200);
  } finally {
    await server.stop();
  }

  const floorServer = spawnFloorServer(dataset, await freePort());
  let floor: LoopResult;
  try {
    await waitReady(floorServer.url, floorServer.child);
    floor = await listRate(floorServer.url);
  } finally {
    await floorServer.stop();
  }

  const direct = await directRate(dataset, mix, timing);
  const sql = await sqlRate(dataset, mix, timing);
  for (const [label, run] of [
    ['over HTTP', http],
    ['bare node:http', floor],
    ['in-process', direct],
    ['bare driver', sql],
  ] as const) {
    say(`${label}: ${run.perSecond.toFixed(0)} req/s`);
    if (run.errors > 0) say(`  ${run.errors} failed (first: ${run.firstError})`);
  }
  return {
    aloneMs: alone.firstOutputMs,
    aloneRss: alone.result.rssMiB,
    bootMs,
    rss,
    http,
    floor,
    direct,
    sql,
    deep,
  };
}

async function main() {
  // `npm run bench -- relationships`, `-- health`, `-- dashboard`, `-- kpi-export`, `-- reports`
  // and `-- agreements` measure those figures alone (together when several are named, and with
  // the one-process figures when `server` is named too, so the large set is loaded once);
  // `--small` runs them on the small set, as CI does to prove they run.
  const relationships = process.argv.includes('relationships');
  const health = process.argv.includes('health');
  const dashboard = process.argv.includes('dashboard');
  const kpiExport = process.argv.includes('kpi-export');
  const reports = process.argv.includes('reports');
  const renewals = process.argv.includes('renewal-sweep');
  const agreements = process.argv.includes('agreements');
  const alone =
    relationships || health || dashboard || kpiExport || reports || renewals || agreements;
  const server = process.argv.includes('server');
  // `-- signed-pdf` needs no data set: alone it loads none.
  if (process.argv.includes('signed-pdf')) {
    await signedPdfFigures((name, value, ratio, target) => {
      process.stdout.write(`bench ${name}: ${value} ratio=${ratio.toFixed(2)} target=${target}\n`);
    }, say);
    if (!alone && !server) return;
  }
  const small = alone && process.argv.includes('--small');
  const dataset = await prepareDataset(say, small ? 'small' : 'large');
  const where = dataset.kind;
  const figure = (name: string, value: string, ratio: number, target: string) => {
    process.stdout.write(
      `bench ${name}: ${value} ratio=${ratio.toFixed(2)} target=${target} database=${where}\n`,
    );
  };
  try {
    if (alone) {
      const size = small ? 'small' : 'full';
      if (relationships) await relationshipFigures(dataset, figure, say, relationshipSizes[size]);
      if (health) await healthFigures(dataset, figure, say, healthSizes[size]);
      if (dashboard) await dashboardFigures(dataset, figure, say, dashboardSizes[size]);
      if (kpiExport) await kpiExportFigures(dataset, figure, say, kpiExportSizes[size]);
      if (reports) await reportFigures(dataset, figure, say, reportSizes[size]);
      if (renewals) await renewalFigures(dataset, figure, say, renewalSizes[size]);
      if (agreements) await agreementFigures(dataset, figure, say, agreementSizes[size]);
      if (!server) return;
    }
    // `npm run bench -- scale-out` measures that figure alone.
    if (!process.argv.includes('scale-out')) await serverFigures(dataset, figure, small);
    // `npm run bench -- server` measures the one-process figures alone.
    if (server) return;
    if (where !== 'postgres') {
      say('scale-out: several processes need PostgreSQL (set DATABASE_URL)');
      return;
    }
    const scale = await scaleOut(dataset, say);
    figure('scale-out', `${scale.three.toFixed(0)} creates/s`, scale.three / scale.one, 'report');
    figure('scale-out-one-process', `${scale.one.toFixed(0)} creates/s`, 1, 'baseline');
    if (scale.threeBouncer !== null) {
      figure(
        'scale-out-pgbouncer',
        `${scale.threeBouncer.toFixed(0)} creates/s`,
        scale.threeBouncer / scale.three,
        '>=0.8',
      );
    }
  } finally {
    await dataset.cleanup();
  }
}

/**
 * The one-process figures: list throughput, deep pages, boot time and memory. The small set has
 * too few partners for a page 200 deep, so it measures no deep page.
 */
async function serverFigures(dataset: Dataset, figure: Figure, small: boolean) {
  const where = dataset.kind;
  const mix = queryMix(dataset.ownerIds);
  const withWrk = await hasWrk();
  say(
    withWrk
      ? 'load generator: wrk'
      : 'load generator: Node.js (install wrk for one that takes less of the CPU from the server)',
  );
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    say(`round ${i + 1} of ${ROUNDS}`);
    rounds.push(await round(dataset, mix, i === 0 && !small, withWrk));
  }
  const of = (pick: (r: Round) => number) => median(rounds.map(pick));
  const deep = rounds[0]?.deep ?? { firstMs: Number.NaN, deepMs: Number.NaN };
  const driver = where === 'embedded' ? 'pglite' : 'pg';

  const httpRate = of((r) => r.http.perSecond);
  const directRateMedian = of((r) => r.direct.perSecond);
  const listRatio = of((r) => r.http.perSecond / r.direct.perSecond);
  figure('partners-list', `${httpRate.toFixed(0)} req/s`, listRatio, '>=0.8');
  figure('partners-list-direct', `${directRateMedian.toFixed(0)} req/s`, 1, 'baseline');
  // Any HTTP server around the same service, with no framework or authentication: the most
  // partners-list could reach on this machine, with the load generator on the same cores.
  figure(
    'partners-list-floor',
    `${of((r) => r.floor.perSecond).toFixed(0)} req/s`,
    of((r) => r.floor.perSecond / r.direct.perSecond),
    'report',
  );
  // The same statements through the bare driver: above 1, the rest is the ORM and the service.
  figure(
    'partners-list-sql',
    `${of((r) => r.sql.perSecond).toFixed(0)} req/s`,
    of((r) => r.sql.perSecond / r.direct.perSecond),
    'report',
  );
  if (small) say('partners-deep-page: the small set has no page 200; measured on the large set');
  else {
    figure(
      'partners-deep-page',
      `${deep.deepMs.toFixed(2)} ms`,
      deep.deepMs / deep.firstMs,
      '<=1.5',
    );
    figure('partners-first-page', `${deep.firstMs.toFixed(2)} ms`, 1, 'baseline');
  }
  // The start's target (twice PGlite alone) is the embedded database's; on PostgreSQL, reported.
  figure(
    'boot',
    `${of((r) => r.bootMs).toFixed(0)} ms`,
    of((r) => r.bootMs / r.aloneMs),
    where === 'embedded' ? '<=2' : 'report',
  );
  figure(`boot-${driver}-alone`, `${of((r) => r.aloneMs).toFixed(0)} ms`, 1, 'baseline');
  figure(
    'boot-rss',
    `${of((r) => r.rss).toFixed(0)} MiB`,
    of((r) => r.rss / r.aloneRss),
    'report',
  );
  figure(`boot-rss-${driver}-alone`, `${of((r) => r.aloneRss).toFixed(0)} MiB`, 1, 'baseline');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
