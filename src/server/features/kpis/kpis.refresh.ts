import { dateAt, type FiscalSettings } from '../../../domain/periods';
import type { Scope } from '../../access/scope';
import type { Database, Db, Tx } from '../../db/client';
import type { PlanRow } from '../plans/plans.guard';
import {
  findMeasurementRows,
  fiscalSettingsOf,
  type KpiRow,
  staleKpis,
  workspacesWithOpenKpis,
  writeProgress,
} from './kpis.queries';
import { progressOf } from './kpis.view';

/** KPIs read and written per statement: bounds memory on a workspace of thousands of plans. */
const pageSize = 2000;

/**
 * The hourly schedule's work (decision 041): every KPI of a plan that is not closed whose
 * progress is not for its workspace's today is recomputed, a page at a time, so time passing
 * moves expected-to-date and the status. A workspace done today costs one query; a run missed
 * while no process ran is caught up within the hour. Derived data: no audit event, no new ETag.
 */
export async function refreshOpenKpis(database: Database, now: Date): Promise<number> {
  let refreshed = 0;
  for (const workspace of await workspacesWithOpenKpis(database.db))
    refreshed += await refreshKpisOf(database.db, workspace, now);
  return refreshed;
}

/**
 * The same recomputation for one workspace, in the caller's transaction: a load that wrote
 * values for a chosen day (the demo data) leaves progress right for that day. With `closed`,
 * the KPIs of closed plans too (a bulk load writes closed plans without their service).
 */
export async function refreshWorkspaceKpis(
  tx: Tx,
  workspaceId: string,
  now: Date,
  options: { closed?: boolean } = {},
) {
  const settings = await fiscalSettingsOf(tx, workspaceId);
  return refreshKpisOf(tx, { id: workspaceId, ...settings }, now, options.closed ?? false);
}

async function refreshKpisOf(
  db: Db | Tx,
  workspace: { id: string } & FiscalSettings,
  now: Date,
  closed = false,
): Promise<number> {
  let refreshed = 0;
  const day = dateAt(now.getTime(), workspace.timeZone);
  let after: string | null = null;
  for (;;) {
    const rows = await staleKpis(db, workspace.id, day, after, pageSize, closed);
    if (rows.length === 0) break;
    await writeProgress(
      db,
      workspace.id,
      rows.map((row) => ({
        id: row.id,
        ...progressOf(
          row,
          row.plan_period,
          row.measurements.map(([period, value]) => ({ period, value })),
          workspace,
          now,
        ),
      })),
      { onlyStale: true },
    );
    refreshed += rows.length;
    after = rows[rows.length - 1]?.id ?? null;
    if (rows.length < pageSize) break;
  }
  return refreshed;
}

/** Recomputes and stores the progress of a plan's KPIs (given rows) from their measurements. */
export async function refreshProgress(
  tx: Tx,
  scope: Scope,
  plan: PlanRow,
  rows: KpiRow[],
  now: Date,
) {
  if (rows.length === 0) return;
  const settings = await fiscalSettingsOf(tx, scope.workspaceId);
  const measurements = await findMeasurementRows(
    tx,
    scope,
    rows.map((row) => row.id),
  );
  await writeProgress(
    tx,
    scope.workspaceId,
    rows.map((row) => ({
      id: row.id,
      ...progressOf(
        row,
        plan.period,
        measurements.filter((m) => m.kpiId === row.id),
        settings,
        now,
      ),
    })),
  );
}
