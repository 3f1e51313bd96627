import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type KpiUnit, shownValue } from '../../domain/kpis';
import type { Scope } from '../access/scope';
import type { ServiceContext } from '../context';
import type { Db } from '../db/client';
import { kpiMeasurements, kpis, members, partners, plans, users } from '../db/schema';
import { dbOf } from '../db/unit-of-work';
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

/**
 * One batch of the workspace's measurements after `after`, in primary-key order (KPI, period),
 * so each batch is a range of the (workspace_id, kpi_id, period) key, however deep.
 */
export function measurementBatch(
  db: Db,
  workspaceId: string,
  after: { kpiId: string; period: string } | null,
  limit: number,
) {
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
      recordedBy: users.name,
      kpiName: kpis.name,
      unit: kpis.unit,
      currency: kpis.currency,
      planId: plans.id,
      planPeriod: plans.period,
      partnerId: partners.id,
      partnerName: partners.name,
    })
    .from(kpiMeasurements)
    .innerJoin(
      kpis,
      and(eq(kpis.workspaceId, kpiMeasurements.workspaceId), eq(kpis.id, kpiMeasurements.kpiId)),
    )
    .innerJoin(plans, and(eq(plans.workspaceId, kpis.workspaceId), eq(plans.id, kpis.planId)))
    .innerJoin(
      partners,
      and(eq(partners.workspaceId, plans.workspaceId), eq(partners.id, plans.partnerId)),
    )
    .leftJoin(
      members,
      and(
        eq(members.workspaceId, kpiMeasurements.workspaceId),
        eq(members.id, kpiMeasurements.recordedBy),
      ),
    )
    .leftJoin(users, eq(users.id, members.userId))
    .where(and(...conditions))
    .orderBy(asc(kpiMeasurements.kpiId), asc(kpiMeasurements.period))
    .limit(limit);
}

/** Every measurement of the caller's workspace, a batch at a time. */
export async function* measurementBatches(
  ctx: ServiceContext,
  scope: Scope,
  batch = EXPORT_BATCH,
): AsyncGenerator<MeasurementExportRow[]> {
  let after: { kpiId: string; period: string } | null = null;
  for (;;) {
    const rows: MeasurementExportRow[] = await measurementBatch(
      dbOf(ctx),
      scope.workspaceId,
      after,
      batch,
    );
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
