/**
 * `npm run bench -- dashboard [--small]`: the latency of the portfolio dashboard API over HTTP
 * against the real server, divided by the same SQL (every statement the request sends, its
 * authentication too) through the bare driver. The workspace gets the figures' data first: a
 * health score on most partners, a plan of the current fiscal year for each, five KPIs with
 * stored progress on each active plan.
 */
import { sql } from 'drizzle-orm';
import { defaultFiscalSettings, formatPeriod, periodAt } from '../src/domain/periods';
import type { Database } from '../src/server/db/client';
import type { Dataset } from './dataset';
import { type Figure, median, type Say, sliceMedian, steadyMedian } from './measure';
import { freePort, spawnServer, waitReady } from './processes';
import { bareDriver, recordRequests, type Statement, sendAll } from './record';
import { pageLatency } from './wrk';

export const dashboardSizes = {
  full: { rounds: 3 },
  small: { rounds: 3 },
};
type Sizes = (typeof dashboardSizes)['full'];

/** The unfiltered dashboard, and one narrowed by two list filters. */
const paths = [
  '/api/v1/dashboard/portfolio',
  '/api/v1/dashboard/portfolio?type=reseller&tier=gold',
];

const viewerHeaders = (dataset: Dataset) => ({ authorization: `Bearer ${dataset.apiKey}` });

/**
 * The figures' data, each table in one set-based statement: scores on nine partners in ten,
 * a plan of this fiscal year per partner (seven in ten active), five KPIs per active plan with
 * attainment spread from 0 to 1.5 and the status the documented rule gives it.
 */
async function addDashboardData(database: Database, workspaceId: string, say: Say) {
  const started = performance.now();
  const year = formatPeriod(periodAt(Date.now(), 'year', defaultFiscalSettings));
  await database.db.execute(sql`
    UPDATE partners SET health_score = abs(hashtext(id::text)) % 101
    WHERE workspace_id = ${workspaceId} AND health_score IS NULL
      AND abs(hashtext(id::text || 'scored')) % 10 <> 0`);
  await database.db.execute(sql`
    INSERT INTO plans (id, workspace_id, partner_id, period, status, summary)
    SELECT gen_random_uuid(), ${workspaceId}, id, ${year},
      (ARRAY['active', 'active', 'active', 'active', 'active', 'active', 'active', 'draft',
        'proposed', 'agreed'])[1 + abs(hashtext(id::text || 'plan')) % 10], 'Benchmark plan'
    FROM partners WHERE workspace_id = ${workspaceId}
    ON CONFLICT DO NOTHING`);
  await database.db.execute(sql`
    INSERT INTO kpis (id, workspace_id, plan_id, position, name, unit, target, direction, cadence,
      aggregation, status, attainment, forecast_attainment, progress_on)
    SELECT gen_random_uuid(), ${workspaceId}, k.plan_id, k.position, 'KPI ' || k.position, 'count',
      100, 'higher', 'monthly', 'sum',
      CASE WHEN k.attainment >= 0.95 THEN 'on_track' WHEN k.attainment >= 0.8 THEN 'at_risk'
        ELSE 'off_track' END,
      k.attainment, k.attainment * 1.05, current_date
    FROM (
      SELECT p.id AS plan_id, g AS position,
        (abs(hashtext(p.id::text || g::text)) % 1501) / 1000.0 AS attainment
      FROM plans p, generate_series(0, 4) AS g
      WHERE p.workspace_id = ${workspaceId} AND p.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM kpis WHERE kpis.workspace_id = p.workspace_id AND kpis.plan_id = p.id)
    ) k`);
  await database.db.execute(sql`ANALYZE partners, plans, kpis, partner_team_entries`);
  const { rows } = await database.sql(
    'SELECT (SELECT count(*) FROM plans WHERE workspace_id = $1)::int AS plans, (SELECT count(*) FROM kpis WHERE workspace_id = $1)::int AS kpis',
    [workspaceId],
  );
  const counts = rows[0] as { plans: number; kpis: number };
  say(
    `dashboard data: ${counts.plans} plans, ${counts.kpis} KPIs in ${(
      (performance.now() - started) / 1000
    ).toFixed(1)} s`,
  );
}

/** Each dashboard over HTTP against a server process, one request at a time. */
async function httpLatencies(dataset: Dataset): Promise<number[]> {
  const server = spawnServer(dataset.serverEnv, await freePort());
  try {
    await waitReady(server.url, server.child);
    const times: number[] = [];
    for (const path of paths) {
      times.push(await pageLatency(server.url, path, viewerHeaders(dataset)));
    }
    return times;
  } finally {
    await server.stop();
  }
}

/** The same statements through the bare driver (PGlite's `query` or one pg connection). */
async function sqlLatencies(dataset: Dataset, statements: Statement[][]): Promise<number[]> {
  const driver = await bareDriver(dataset, 1);
  try {
    const times: number[] = [];
    for (const list of statements) {
      const run = sendAll(driver, list);
      times.push(await steadyMedian((ms) => sliceMedian(run, ms)));
    }
    return times;
  } finally {
    await driver.close();
  }
}

export async function dashboardFigures(
  dataset: Dataset,
  figure: Figure,
  say: Say,
  sizes: Sizes,
): Promise<void> {
  const database = await dataset.open();
  let statements: Statement[][];
  try {
    await addDashboardData(database, dataset.workspaceId, say);
    statements = await recordRequests(dataset, database, async () =>
      paths.map((url) => ({ url, headers: viewerHeaders(dataset) })),
    );
    say(`statements per request: ${statements.map((list) => list.length).join(', ')}`);
  } finally {
    await database.close();
  }

  const rounds: Array<{ http: number[]; sql: number[] }> = [];
  for (let i = 0; i < sizes.rounds; i++) {
    const httpTimes = await httpLatencies(dataset);
    const sqlTimes = await sqlLatencies(dataset, statements);
    say(
      `round ${i + 1} of ${sizes.rounds}: ${paths
        .map((_, j) => `${httpTimes[j]?.toFixed(2)} / ${sqlTimes[j]?.toFixed(2)} ms`)
        .join(', ')}`,
    );
    rounds.push({ http: httpTimes, sql: sqlTimes });
  }
  const of = (pick: (r: { http: number[]; sql: number[] }) => number) => median(rounds.map(pick));
  const names = ['portfolio-dashboard', 'portfolio-dashboard-filtered'];
  names.forEach((name, j) => {
    figure(
      name,
      `${of((r) => r.http[j] ?? Number.NaN).toFixed(2)} ms`,
      of((r) => (r.http[j] ?? Number.NaN) / (r.sql[j] ?? Number.NaN)),
      '<=1.3',
    );
    figure(`${name}-sql`, `${of((r) => r.sql[j] ?? Number.NaN).toFixed(2)} ms`, 1, 'baseline');
  });
}
