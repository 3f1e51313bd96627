/**
 * `npm run bench -- kpi-export [--small]`: rows per second of the streamed CSV export of every
 * KPI measurement of the large workspace (two fiscal years of five monthly KPIs for each of its
 * 10 000 partners, decision 047: up to 1 200 000 rows) over HTTP from the real server, divided by
 * rows per second of `COPY (the same rows) TO STDOUT` on the database alone.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/db/client';
import type { Dataset } from './dataset';
import { type Figure, median, type Say } from './measure';
import { freePort, spawnServer, waitReady } from './processes';

export const kpiExportSizes = {
  full: { rounds: 3, partners: 10_000 },
  small: { rounds: 3, partners: 500 },
};
type Sizes = (typeof kpiExportSizes)['full'];

const MONTHS = 24;
const KPIS = 5;

/**
 * The measurements, each table in one set-based statement: an active plan for `partners`
 * partners, five KPIs on each (counts, euros, percent), and a value for each of 24 months,
 * where a partner has no plan of its own (the large set has them: this adds nothing there).
 */
async function addMeasurements(
  database: Database,
  workspaceId: string,
  say: Say,
  sizes: Sizes,
): Promise<number> {
  const started = performance.now();
  await database.db.execute(sql`
    INSERT INTO plans (id, workspace_id, partner_id, period, status, summary)
    SELECT gen_random_uuid(), ${workspaceId}, id, 'FY2026', 'active', 'Export benchmark plan'
    FROM (SELECT id FROM partners WHERE workspace_id = ${workspaceId} ORDER BY id
      LIMIT ${sizes.partners}) p
    ON CONFLICT DO NOTHING`);
  await database.db.execute(sql`
    INSERT INTO kpis (id, workspace_id, plan_id, position, name, unit, currency, target,
      direction, cadence, aggregation)
    SELECT gen_random_uuid(), ${workspaceId}, p.id, g, 'KPI ' || g,
      (ARRAY['count', 'currency', 'percent', 'count', 'currency'])[g + 1],
      CASE WHEN g IN (1, 4) THEN 'EUR' END, 1000000, 'higher', 'monthly', 'sum'
    FROM plans p, generate_series(0, ${KPIS - 1}::int) AS g
    WHERE p.workspace_id = ${workspaceId} AND p.period = 'FY2026'
      AND NOT EXISTS (SELECT 1 FROM kpis k WHERE k.workspace_id = p.workspace_id AND k.plan_id = p.id)`);
  await database.db.execute(sql`
    INSERT INTO kpi_measurements (workspace_id, kpi_id, period, value, source, note, recorded_at)
    SELECT ${workspaceId}, k.id,
      'FY' || (2025 + (g - 1) / 12) || '-M' || lpad((1 + (g - 1) % 12)::text, 2, '0'),
      abs(hashtext(k.id::text || g::text)) % 1000000, 'import', '',
      now() - make_interval(days => (${MONTHS} - g) * 30)
    FROM kpis k, generate_series(1, ${MONTHS}::int) AS g
    WHERE k.workspace_id = ${workspaceId}
      AND NOT EXISTS (SELECT 1 FROM kpi_measurements m
        WHERE m.workspace_id = k.workspace_id AND m.kpi_id = k.id)`);
  await database.db.execute(sql`ANALYZE plans, kpis, kpi_measurements`);
  const { rows } = await database.sql(
    'SELECT count(*)::int AS n FROM kpi_measurements WHERE workspace_id = $1',
    [workspaceId],
  );
  const count = (rows[0] as { n: number }).n;
  say(`${count} measurements in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return count;
}

/** The export's rows as one statement: the same joins, values in everyday units, in key order. */
function copySql(workspaceId: string): string {
  return `COPY (
    SELECT pa.name, pa.id, pl.period, pl.id, k.name, k.id, k.unit, k.currency, m.period,
      CASE WHEN k.unit IN ('currency', 'percent') THEN m.value / 100.0 ELSE m.value END,
      m.source, m.note, u.name, to_char(m.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    FROM kpi_measurements m
    JOIN kpis k ON k.workspace_id = m.workspace_id AND k.id = m.kpi_id
    JOIN plans pl ON pl.workspace_id = k.workspace_id AND pl.id = k.plan_id
    JOIN partners pa ON pa.workspace_id = pl.workspace_id AND pa.id = pl.partner_id
    LEFT JOIN members me ON me.workspace_id = m.workspace_id AND me.id = m.recorded_by
    LEFT JOIN users u ON u.id = me.user_id
    WHERE m.workspace_id = '${workspaceId}'
    ORDER BY m.kpi_id, m.period
  ) TO STDOUT WITH (FORMAT csv, HEADER)`;
}

/** Seconds the server takes to stream the whole CSV export to one client, and its lines. */
async function exportSeconds(dataset: Dataset): Promise<{ seconds: number; lines: number }> {
  const server = spawnServer(dataset.serverEnv, await freePort());
  try {
    await waitReady(server.url, server.child);
    const fetchLines = () =>
      new Promise<number>((resolve, reject) => {
        http
          .get(
            `${server.url}/api/v1/measurements/export?format=csv`,
            { headers: { authorization: `Bearer ${dataset.apiKey}` } },
            (res) => {
              if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
              let n = 0;
              res.on('data', (chunk: Buffer) => {
                for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
              });
              res.on('end', () => resolve(n));
              res.on('error', reject);
            },
          )
          .on('error', reject);
      });
    // One unmeasured export warms the process (compiled code, prepared plans, the key's check).
    await fetchLines();
    const started = performance.now();
    const lines = await fetchLines();
    return { seconds: (performance.now() - started) / 1000, lines };
  } finally {
    await server.stop();
  }
}

/** Seconds `COPY … TO STDOUT` takes: PGlite's own copy out, or psql's against the server. */
async function copySeconds(dataset: Dataset): Promise<number> {
  const statement = copySql(dataset.workspaceId);
  if (dataset.kind === 'embedded') {
    const database = await dataset.open();
    try {
      const engine = database.pglite;
      if (!engine) throw new Error('the embedded database has no PGlite engine');
      const started = performance.now();
      // PGlite's STDOUT is a blob it hands back.
      await engine.query(statement.replace('TO STDOUT', "TO '/dev/blob'"));
      return (performance.now() - started) / 1000;
    } finally {
      await database.close();
    }
  }
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const psql = spawn('psql', ['-X', '-q', '-c', statement, dataset.driverTarget], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    psql.stdout.resume();
    psql.on('error', reject);
    psql.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}`))));
  });
  return (performance.now() - started) / 1000;
}

export async function kpiExportFigures(
  dataset: Dataset,
  figure: Figure,
  say: Say,
  sizes: Sizes,
): Promise<void> {
  const database = await dataset.open();
  let rows: number;
  try {
    rows = await addMeasurements(database, dataset.workspaceId, say, sizes);
  } finally {
    await database.close();
  }
  const rounds: Array<{ exportRate: number; copyRate: number }> = [];
  for (let i = 0; i < sizes.rounds; i++) {
    const exported = await exportSeconds(dataset);
    // The header line and one line per row; a note with a line break would add lines.
    if (exported.lines < rows + 1)
      throw new Error(`the export sent ${exported.lines} lines for ${rows} rows`);
    const copy = await copySeconds(dataset);
    const round = { exportRate: rows / exported.seconds, copyRate: rows / copy };
    say(
      `round ${i + 1} of ${sizes.rounds}: export ${exported.seconds.toFixed(2)} s (${round.exportRate.toFixed(0)} rows/s), COPY ${copy.toFixed(2)} s (${round.copyRate.toFixed(0)} rows/s)`,
    );
    rounds.push(round);
  }
  const of = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
  figure(
    'kpi-export',
    `${of((r) => r.exportRate).toFixed(0)} rows/s`,
    of((r) => r.exportRate / r.copyRate),
    '>=0.5',
  );
  figure('kpi-export-copy', `${of((r) => r.copyRate).toFixed(0)} rows/s`, 1, 'baseline');
}
