import { z } from 'zod';
import { type KpiUnit, shownValue } from '../../domain/kpis';
import type { Scope } from '../access/scope';
import type { ServiceContext } from '../context';
import type { Database } from '../db/client';
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
 * so each batch is a range of the (workspace_id, kpi_id, period) key, however deep, with its
 * KPI, plan, partner and recorder joined by their keys. One statement, read as arrays: an
 * export reads a million rows, and a name and an object per cell cost more than the query.
 */
const batchSql = (after: boolean) => `
  SELECT m.kpi_id::text, m.period, m.value::float8, m.source, m.note,
    to_char(m.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), u.name,
    k.name, k.unit, k.currency, p.id::text, p.period, pa.id::text, pa.name
  FROM kpi_measurements m
  JOIN kpis k ON k.workspace_id = m.workspace_id AND k.id = m.kpi_id
  JOIN plans p ON p.workspace_id = k.workspace_id AND p.id = k.plan_id
  JOIN partners pa ON pa.workspace_id = p.workspace_id AND pa.id = p.partner_id
  LEFT JOIN members me ON me.workspace_id = m.workspace_id AND me.id = m.recorded_by
  LEFT JOIN users u ON u.id = me.user_id
  WHERE m.workspace_id = $1 ${after ? 'AND (m.kpi_id, m.period) > ($3::uuid, $4::text)' : ''}
  ORDER BY m.kpi_id, m.period
  LIMIT $2`;
const firstBatch = batchSql(false);
const nextBatch = batchSql(true);

export async function measurementBatch(
  database: Database,
  scope: Scope,
  after: After | null,
  limit: number,
): Promise<MeasurementExportRow[]> {
  const rows = after
    ? await database.rows(nextBatch, [scope.workspaceId, limit, after.kpiId, after.period])
    : await database.rows(firstBatch, [scope.workspaceId, limit]);
  const out = new Array<MeasurementExportRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as [
      string,
      string,
      number,
      string,
      string,
      string,
      string | null,
      string,
      string,
      string | null,
      string,
      string,
      string,
      string,
    ];
    out[i] = {
      kpiId: r[0],
      period: r[1],
      value: r[2],
      source: r[3],
      note: r[4],
      recordedAt: r[5],
      recordedBy: r[6],
      kpiName: r[7],
      unit: r[8],
      currency: r[9],
      planId: r[10],
      planPeriod: r[11],
      partnerId: r[12],
      partnerName: r[13],
    };
  }
  return out;
}

/** Every measurement of the caller's workspace, a batch at a time. */
export async function* measurementBatches(
  ctx: ServiceContext,
  scope: Scope,
  batch = EXPORT_BATCH,
): AsyncGenerator<MeasurementExportRow[]> {
  let after: After | null = null;
  for (;;) {
    const rows = await measurementBatch(ctx.database, scope, after, batch);
    yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = { kpiId: last.kpiId, period: last.period };
  }
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
