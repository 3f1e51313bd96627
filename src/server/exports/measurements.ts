import { z } from 'zod';
import { type KpiUnit, shownValue } from '../../domain/kpis';
import type { Scope } from '../access/scope';
import type { ServiceContext } from '../context';
import type { Database } from '../db/client';
import { pgArray } from '../db/pg-array';
import type { ZodApp } from '../features/index';
import { EXPORT_BATCH, registerExport } from './route';
import type { ExportColumn } from './writers';

/** One measurement with what a spreadsheet reader needs to know about it. */
export type MeasurementExportRow = {
  kpiId: string;
  period: string;
  value: number;
  source: string;
  note: string;
  /** ISO 8601 in UTC, to the millisecond. */
  recordedAt: string;
  recordedBy: string | null;
  kpiName: string;
  unit: string;
  currency: string | null;
  planId: string;
  planPeriod: string;
  partnerId: string;
  partnerName: string;
};

type After = { kpiId: string; period: string };

/**
 * One batch of the workspace's measurements after `after`, in primary-key order (KPI, period),
 * so each batch is a range of the (workspace_id, kpi_id, period) key however deep. The range is
 * read alone and the labels of its few KPIs (and recorders) after it: joined in one statement,
 * PostgreSQL's planner walked every KPI of the workspace for each batch of a large export.
 * Rows come as arrays: an export reads a million, and a name and an object per cell cost more
 * than the query.
 */
const rangeSql = (after: boolean) => `
  SELECT m.kpi_id::text, m.period, m.value::float8, m.source, m.note,
    to_char(m.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), m.recorded_by::text
  FROM kpi_measurements m
  WHERE m.workspace_id = $1 ${after ? 'AND (m.kpi_id, m.period) > ($3::uuid, $4::text)' : ''}
  ORDER BY m.kpi_id, m.period
  LIMIT $2`;
const firstRange = rangeSql(false);
const nextRange = rangeSql(true);

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

type RangeRow = [string, string, number, string, string, string, string | null];
type KpiLabel = [string, string, string, string | null, string, string, string, string];

/** A batch, and the key to read the next one after (null at the end). */
async function measurementBatch(
  database: Database,
  scope: Scope,
  after: After | null,
  limit: number,
): Promise<{ rows: MeasurementExportRow[]; next: After | null }> {
  const range = (
    after
      ? await database.rows(nextRange, [scope.workspaceId, limit, after.kpiId, after.period])
      : await database.rows(firstRange, [scope.workspaceId, limit])
  ) as RangeRow[];
  const last = range.at(-1);
  if (!last) return { rows: [], next: null };
  const distinct = (values: Array<string | null>) => [
    ...new Set(values.filter((v): v is string => v !== null)),
  ];
  const kpiIds = distinct(range.map((r) => r[0]));
  const recorderIds = distinct(range.map((r) => r[6]));
  const labels = new Map(
    ((await database.rows(kpiLabelsSql, [scope.workspaceId, pgArray(kpiIds)])) as KpiLabel[]).map(
      (l) => [l[0], l],
    ),
  );
  const recorders = new Map(
    recorderIds.length === 0
      ? []
      : (
          (await database.rows(recorderNamesSql, [scope.workspaceId, pgArray(recorderIds)])) as [
            string,
            string,
          ][]
        ).map(([id, name]) => [id, name]),
  );
  const rows: MeasurementExportRow[] = [];
  for (const r of range) {
    const label = labels.get(r[0]);
    if (!label) continue;
    rows.push({
      kpiId: r[0],
      period: r[1],
      value: r[2],
      source: r[3],
      note: r[4],
      recordedAt: r[5],
      recordedBy: r[6] === null ? null : (recorders.get(r[6]) ?? null),
      kpiName: label[1],
      unit: label[2],
      currency: label[3],
      planId: label[4],
      planPeriod: label[5],
      partnerId: label[6],
      partnerName: label[7],
    });
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
  { header: 'Partner', value: (m) => m.partnerName, width: 32 },
  { header: 'Partner ID', value: (m) => m.partnerId, width: 38 },
  { header: 'Plan period', value: (m) => m.planPeriod },
  { header: 'Plan ID', value: (m) => m.planId, width: 38 },
  { header: 'KPI', value: (m) => m.kpiName, width: 32 },
  { header: 'KPI ID', value: (m) => m.kpiId, width: 38 },
  { header: 'Unit', value: (m) => m.unit },
  { header: 'Currency', value: (m) => m.currency },
  { header: 'Period', value: (m) => m.period },
  // In the unit's everyday terms: 1234.56 euros, 12.5 percent (stored as cents, basis points).
  { header: 'Value', value: (m) => shownValue(m.unit as KpiUnit, m.value, m.currency) },
  { header: 'Source', value: (m) => m.source },
  { header: 'Note', value: (m) => m.note, width: 40 },
  { header: 'Recorded by', value: (m) => m.recordedBy, width: 24 },
  { header: 'Recorded at', value: (m) => m.recordedAt, width: 24 },
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
