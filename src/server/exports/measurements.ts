import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type KpiUnit, shownValue } from '../../domain/kpis';
import type { Scope } from '../access/scope';
import type { ServiceContext } from '../context';
import type { Db } from '../db/client';
import { kpiMeasurements, kpis, partners, plans } from '../db/schema';
import { dbOf } from '../db/unit-of-work';
import type { ZodApp } from '../features/index';
import { memberNames } from '../features/members/members.service';
import { EXPORT_BATCH, registerExport } from './route';
import type { ExportColumn } from './writers';

/** One measurement with what a spreadsheet reader needs to know about it. */
export type MeasurementExportRow = {
  kpiId: string;
  period: string;
  value: number;
  source: string;
  note: string;
  recordedAt: Date;
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
 * so each batch is a range of the (workspace_id, kpi_id, period) key, however deep.
 */
function measurementRows(db: Db, workspaceId: string, after: After | null, limit: number) {
  const conditions: Array<SQL | undefined> = [eq(kpiMeasurements.workspaceId, workspaceId)];
  if (after)
    conditions.push(
      sql`(${kpiMeasurements.kpiId}, ${kpiMeasurements.period}) > (${after.kpiId}::uuid, ${after.period})`,
    );
  return db
    .select({
      kpiId: kpiMeasurements.kpiId,
      period: kpiMeasurements.period,
      value: kpiMeasurements.value,
      source: kpiMeasurements.source,
      note: kpiMeasurements.note,
      recordedAt: kpiMeasurements.recordedAt,
      recordedById: kpiMeasurements.recordedBy,
    })
    .from(kpiMeasurements)
    .where(and(...conditions))
    .orderBy(asc(kpiMeasurements.kpiId), asc(kpiMeasurements.period))
    .limit(limit);
}

/** The KPIs of a batch with their plan and partner: one row per KPI, not per measurement. */
function kpisOf(db: Db, workspaceId: string, kpiIds: string[]) {
  return db
    .select({
      id: kpis.id,
      kpiName: kpis.name,
      unit: kpis.unit,
      currency: kpis.currency,
      planId: plans.id,
      planPeriod: plans.period,
      partnerId: partners.id,
      partnerName: partners.name,
    })
    .from(kpis)
    .innerJoin(plans, and(eq(plans.workspaceId, kpis.workspaceId), eq(plans.id, kpis.planId)))
    .innerJoin(
      partners,
      and(eq(partners.workspaceId, plans.workspaceId), eq(partners.id, plans.partnerId)),
    )
    .where(and(eq(kpis.workspaceId, workspaceId), inArray(kpis.id, kpiIds)));
}

/**
 * One batch of measurements with what a reader needs about each: the measurements by key
 * range, then their few KPIs (a KPI has a value a month) and recorders, rather than joining
 * the KPI, plan and partner to every row.
 */
export async function measurementBatch(
  db: Db,
  scope: Scope,
  after: After | null,
  limit: number,
): Promise<MeasurementExportRow[]> {
  const rows = await measurementRows(db, scope.workspaceId, after, limit);
  if (rows.length === 0) return [];
  const kpiIds = [...new Set(rows.map((row) => row.kpiId))];
  const about = new Map((await kpisOf(db, scope.workspaceId, kpiIds)).map((kpi) => [kpi.id, kpi]));
  const recorders = await memberNames(
    db,
    scope,
    rows.flatMap((row) => (row.recordedById ? [row.recordedById] : [])),
  );
  return rows.flatMap(({ recordedById, ...row }) => {
    const kpi = about.get(row.kpiId);
    if (!kpi) return [];
    const { id: _id, ...kpiFields } = kpi;
    return [
      {
        ...row,
        ...kpiFields,
        recordedBy: recordedById ? (recorders.get(recordedById) ?? null) : null,
      },
    ];
  });
}

/** Every measurement of the caller's workspace, a batch at a time. */
export async function* measurementBatches(
  ctx: ServiceContext,
  scope: Scope,
  batch = EXPORT_BATCH,
): AsyncGenerator<MeasurementExportRow[]> {
  let after: After | null = null;
  for (;;) {
    const rows = await measurementBatch(dbOf(ctx), scope, after, batch);
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
  { header: 'Recorded at', value: (m) => m.recordedAt.toISOString(), width: 24 },
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
