import { z } from 'zod';
import { type KpiUnit, shownValue } from '../../domain/kpis';
import type { Scope } from '../access/scope';
import type { ServiceContext } from '../context';
import type { Database } from '../db/client';
import { pgArray } from '../db/pg-array';
import type { ZodApp } from '../features/index';
import { EXPORT_BATCH, registerExport } from './route';
import type { ExportColumn } from './writers';

/** What the export says of a KPI, shared by its measurements' rows. */
type KpiLabel = {
  name: string;
  unit: KpiUnit;
  currency: string | null;
  planId: string;
  planPeriod: string;
  partnerId: string;
  partnerName: string;
};

/**
 * One measurement as the database sent it, its recorder's id replaced by their name and its
 * KPI's label appended: the parsed array is the row, so an export of a million makes no object
 * per row.
 */
export type MeasurementExportRow = [
  kpiId: string,
  period: string,
  value: number,
  source: string,
  note: string,
  /** ISO 8601 in UTC, to the millisecond. */
  recordedAt: string,
  recordedBy: string | null,
  kpi: KpiLabel,
];

type After = { kpiId: string; period: string };

/**
 * One batch of the workspace's measurements after `after`, in primary-key order (KPI, period),
 * so each batch is a range of the (workspace_id, kpi_id, period) key however deep. The range is
 * read alone and the labels of its few KPIs (and recorders) after it: joined in one statement,
 * PostgreSQL's planner walked every KPI of the workspace for each batch of a large export.
 */
const rangeColumns = `m.kpi_id::text, m.period, m.value::float8, m.source, m.note,
  to_char(m.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), m.recorded_by::text`;
const rangeWhere = (after: boolean) =>
  `m.workspace_id = $1 ${after ? 'AND (m.kpi_id, m.period) > ($3::uuid, $4::text)' : ''}`;

/**
 * PostgreSQL sends the range as rows, read in the driver's array mode: the server builds them on
 * its own core, and building JSON instead cost it twice the time (decision 061).
 */
const rowsSql = (after: boolean) => `
  SELECT ${rangeColumns} FROM kpi_measurements m WHERE ${rangeWhere(after)}
  ORDER BY m.kpi_id, m.period LIMIT $2`;

/**
 * PGlite sends it as one JSON array of arrays: the engine and the driver share one thread, and
 * the driver's parsing of each field in JavaScript cost more than the engine's query, while
 * `JSON.parse` reads the whole batch natively (decision 061).
 */
const jsonSql = (after: boolean) => `
  SELECT json_agg(json_build_array(${rangeColumns}) ORDER BY m.kpi_id, m.period)::text
  FROM (SELECT * FROM kpi_measurements m WHERE ${rangeWhere(after)}
    ORDER BY m.kpi_id, m.period LIMIT $2) m`;

const rangeSql = {
  postgres: { first: rowsSql(false), next: rowsSql(true) },
  embedded: { first: jsonSql(false), next: jsonSql(true) },
};

const kpiLabelsSql = `
  SELECT k.id::text, k.name, k.unit, k.currency, p.id::text, p.period, pa.id::text, pa.name
  FROM kpis k
  JOIN plans p ON p.workspace_id = k.workspace_id AND p.id = k.plan_id
  JOIN partners pa ON pa.workspace_id = p.workspace_id AND pa.id = p.partner_id
  WHERE k.workspace_id = $1 AND k.id = ANY($2::uuid[])`;

const recorderNamesSql = `
  SELECT me.id::text, u.name
  FROM members me JOIN users u ON u.id = me.user_id
  WHERE me.workspace_id = $1 AND me.id = ANY($2::uuid[])`;

type RangeRow = [string, string, number, string, string, string, string | null, KpiLabel?];
type KpiLabelRow = [string, string, KpiUnit, string | null, string, string, string, string];

/** A batch, and the key to read the next one after (null at the end). */
async function measurementBatch(
  database: Database,
  scope: Scope,
  after: After | null,
  limit: number,
): Promise<{ rows: MeasurementExportRow[]; next: After | null }> {
  const sql = rangeSql[database.kind];
  const result = after
    ? await database.rows(sql.next, [scope.workspaceId, limit, after.kpiId, after.period])
    : await database.rows(sql.first, [scope.workspaceId, limit]);
  const range = (
    database.kind === 'postgres' ? result : JSON.parse((result[0]?.[0] as string | null) ?? '[]')
  ) as RangeRow[];
  const last = range.at(-1);
  if (!last) return { rows: [], next: null };
  const kpiIds = new Set<string>();
  const recorderIds = new Set<string>();
  for (const r of range) {
    kpiIds.add(r[0]);
    if (r[6] !== null) recorderIds.add(r[6]);
  }
  const labels = new Map<string, KpiLabel>();
  for (const l of (await database.rows(kpiLabelsSql, [
    scope.workspaceId,
    pgArray([...kpiIds]),
  ])) as KpiLabelRow[]) {
    labels.set(l[0], {
      name: l[1],
      unit: l[2],
      currency: l[3],
      planId: l[4],
      planPeriod: l[5],
      partnerId: l[6],
      partnerName: l[7],
    });
  }
  const recorders = new Map(
    recorderIds.size === 0
      ? []
      : ((await database.rows(recorderNamesSql, [
          scope.workspaceId,
          pgArray([...recorderIds]),
        ])) as [string, string][]),
  );
  const rows: MeasurementExportRow[] = [];
  for (const r of range) {
    const label = labels.get(r[0]);
    if (!label) continue;
    r[6] = r[6] === null ? null : (recorders.get(r[6]) ?? null);
    r[7] = label;
    rows.push(r as MeasurementExportRow);
  }
  const next = range.length < limit ? null : { kpiId: last[0], period: last[1] };
  return { rows, next };
}

/** Every measurement of the caller's workspace, a batch at a time. */
export async function* measurementBatches(
  ctx: ServiceContext,
  scope: Scope,
  batch = EXPORT_BATCH,
): AsyncGenerator<MeasurementExportRow[]> {
  let after: After | null = null;
  do {
    const { rows, next } = await measurementBatch(ctx.database, scope, after, batch);
    yield rows;
    after = next;
  } while (after);
}

export const measurementColumns: ExportColumn<MeasurementExportRow>[] = [
  { header: 'Partner', value: (m) => m[7].partnerName, width: 32 },
  { header: 'Partner ID', value: (m) => m[7].partnerId, width: 38 },
  { header: 'Plan period', value: (m) => m[7].planPeriod },
  { header: 'Plan ID', value: (m) => m[7].planId, width: 38 },
  { header: 'KPI', value: (m) => m[7].name, width: 32 },
  { header: 'KPI ID', value: (m) => m[0], width: 38 },
  { header: 'Unit', value: (m) => m[7].unit },
  { header: 'Currency', value: (m) => m[7].currency },
  { header: 'Period', value: (m) => m[1] },
  // In the unit's everyday terms: 1234.56 euros, 12.5 percent (stored as cents, basis points).
  { header: 'Value', value: (m) => shownValue(m[7].unit, m[2], m[7].currency) },
  { header: 'Source', value: (m) => m[3] },
  { header: 'Note', value: (m) => m[4], width: 40 },
  { header: 'Recorded by', value: (m) => m[6], width: 24 },
  { header: 'Recorded at', value: (m) => m[5], width: 24 },
];

export function measurementExportRoute(app: ZodApp) {
  registerExport(app, {
    list: 'measurements',
    sheet: 'Measurements',
    access: 'plan.read',
    tag: 'kpis',
    operationId: 'exportMeasurements',
    summary: 'Download every KPI measurement of the workspace as CSV or Excel',
    description:
      'Every measurement of every KPI of every plan, by KPI then period, with its partner, plan period, KPI name, unit and currency, the value in the unit’s everyday terms (euros, percent, not cents or basis points), its source, note, who recorded it and when.',
    query: z.object({}),
    batches: (ctx, scope) => measurementBatches(ctx, scope),
    columns: measurementColumns,
  });
}
