import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { kpiMeasurements, kpis, plans, workspaces } from '../../db/schema';

export type KpiRow = typeof kpis.$inferSelect;
export type NewKpiRow = typeof kpis.$inferInsert;
export type MeasurementRow = typeof kpiMeasurements.$inferSelect;
export type NewMeasurementRow = typeof kpiMeasurements.$inferInsert;

/** The progress columns, as `kpiProgress` computes them for the workspace's day. */
export type ProgressColumns = Pick<
  KpiRow,
  | 'progressOn'
  | 'actual'
  | 'expected'
  | 'attainment'
  | 'pace'
  | 'runRateForecast'
  | 'trendForecast'
  | 'forecastAttainment'
  | 'status'
>;

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** KPIs of the caller's workspace; partner users see none, like plans (decision 040). */
function visible(scope: Scope): SQL {
  const inWorkspace = eq(kpis.workspaceId, scope.workspaceId);
  if (scope.kind === 'partner') return and(inWorkspace, sql`false`) as SQL;
  return inWorkspace;
}

export async function findKpi(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<KpiRow | undefined> {
  const query = db
    .select()
    .from(kpis)
    .where(and(visible(scope), eq(kpis.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** The KPIs of the given plans, in each plan's order. */
export function findKpiRows(db: Db | Tx, scope: Scope, planIds: string[]): Promise<KpiRow[]> {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(kpis)
    .where(and(visible(scope), inArray(kpis.planId, planIds)))
    .orderBy(asc(kpis.planId), asc(kpis.position));
}

export async function insertKpiRow(tx: Tx, row: NewKpiRow): Promise<KpiRow> {
  const [inserted] = await tx.insert(kpis).values(row).returning();
  if (!inserted) throw new Error('KPI insert returned no row');
  return inserted;
}

export async function updateKpiRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewKpiRow>,
): Promise<KpiRow> {
  const [updated] = await tx
    .update(kpis)
    .set(set)
    .where(and(visible(scope), eq(kpis.id, id)))
    .returning();
  if (!updated) throw new Error('KPI update matched no row');
  return updated;
}

export async function deleteKpiRow(tx: Tx, scope: Scope, id: string): Promise<void> {
  await tx.delete(kpis).where(and(visible(scope), eq(kpis.id, id)));
}

/** The next free position at the end of a plan's KPIs, and how many it has. */
export async function kpiCountOf(tx: Tx, scope: Scope, planId: string) {
  const [row] = await tx
    .select({
      count: sql<number>`count(*)::int`,
      next: sql<number>`coalesce(max(${kpis.position}) + 1, 0)::int`,
    })
    .from(kpis)
    .where(and(visible(scope), eq(kpis.planId, planId)));
  return { count: row?.count ?? 0, next: row?.next ?? 0 };
}

/** The measurements of the given KPIs, oldest period first. */
export function findMeasurementRows(
  db: Db | Tx,
  scope: Scope,
  kpiIds: string[],
): Promise<MeasurementRow[]> {
  if (kpiIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(kpiMeasurements)
    .where(
      and(
        eq(kpiMeasurements.workspaceId, scope.workspaceId),
        inArray(kpiMeasurements.kpiId, kpiIds),
      ),
    )
    .orderBy(asc(kpiMeasurements.kpiId), asc(kpiMeasurements.period));
}

/**
 * Every measurement of a plan's KPIs in one statement, in the KPIs' order and each KPI's oldest
 * period first: what a scorecard draws (decision 046).
 */
export function findPlanMeasurementRows(
  db: Db | Tx,
  scope: Scope,
  planId: string,
): Promise<MeasurementRow[]> {
  return db
    .select({ measurement: kpiMeasurements })
    .from(kpiMeasurements)
    .innerJoin(
      kpis,
      and(eq(kpis.workspaceId, kpiMeasurements.workspaceId), eq(kpis.id, kpiMeasurements.kpiId)),
    )
    .where(and(visible(scope), eq(kpis.planId, planId)))
    .orderBy(asc(kpis.position), asc(kpis.id), asc(kpiMeasurements.period))
    .then((rows) => rows.map((row) => row.measurement));
}

/** Records values, replacing a period's earlier value. */
export async function upsertMeasurementRows(tx: Tx, rows: NewMeasurementRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(kpiMeasurements)
    .values(rows)
    .onConflictDoUpdate({
      target: [kpiMeasurements.workspaceId, kpiMeasurements.kpiId, kpiMeasurements.period],
      set: {
        value: sql`excluded.value`,
        source: sql`excluded.source`,
        note: sql`excluded.note`,
        recordedBy: sql`excluded.recorded_by`,
        recordedAt: sql`excluded.recorded_at`,
      },
    });
}

export async function deleteMeasurementRows(
  tx: Tx,
  scope: Scope,
  keys: { kpiId: string; period: string }[],
): Promise<void> {
  if (keys.length === 0) return;
  const pairs = sql.join(
    keys.map((key) => sql`(${key.kpiId}::uuid, ${key.period}::text)`),
    sql`, `,
  );
  await tx
    .delete(kpiMeasurements)
    .where(
      and(
        eq(kpiMeasurements.workspaceId, scope.workspaceId),
        sql`(${kpiMeasurements.kpiId}, ${kpiMeasurements.period}) IN (${pairs})`,
      ),
    );
}

/** Writes computed progress to many KPIs in one statement (the rows travel as one JSON value). */
export async function writeProgress(
  db: Db | Tx,
  workspaceId: string,
  rows: Array<{ id: string } & ProgressColumns>,
  options: { onlyStale?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  // The daily refresh leaves a KPI that a write refreshed meanwhile: that write read newer values.
  const stale = options.onlyStale
    ? sql`AND k.progress_on IS DISTINCT FROM x."progressOn"::date`
    : sql``;
  await db.execute(sql`
    UPDATE ${kpis} k SET progress_on = x."progressOn"::date, actual = x.actual,
      expected = x.expected, attainment = x.attainment, pace = x.pace,
      run_rate_forecast = x."runRateForecast", trend_forecast = x."trendForecast",
      forecast_attainment = x."forecastAttainment", status = x.status
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
      id uuid, "progressOn" text, actual float8, expected float8, attainment float8, pace float8,
      "runRateForecast" float8, "trendForecast" float8, "forecastAttainment" float8, status text)
    WHERE k.workspace_id = ${workspaceId} AND k.id = x.id ${stale}`);
}

/** Whether a KPI has any measurement (its unit, currency and cadence are then fixed). */
export async function hasMeasurements(db: Db | Tx, scope: Scope, kpiId: string) {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(kpiMeasurements)
    .where(
      and(eq(kpiMeasurements.workspaceId, scope.workspaceId), eq(kpiMeasurements.kpiId, kpiId)),
    )
    .limit(1);
  return rows.length > 0;
}

/** Bumps a plan's version: its KPIs are part of its content, so its ETag covers them. */
export async function touchPlan(tx: Tx, scope: Scope, planId: string, now: Date): Promise<void> {
  await tx
    .update(plans)
    .set({ version: sql`${plans.version} + 1`, updatedAt: now })
    .where(and(eq(plans.workspaceId, scope.workspaceId), eq(plans.id, planId)));
}

/** Workspaces with KPIs of open plans, with the settings that say which day it is there. */
export async function workspacesWithOpenKpis(db: Db) {
  const result = await db.execute(sql`
    SELECT w.id, w.fiscal_year_start_month AS "fiscalYearStartMonth", w.time_zone AS "timeZone"
    FROM workspaces w
    WHERE EXISTS (
      SELECT 1 FROM ${kpis} k JOIN ${plans} p ON p.workspace_id = k.workspace_id AND p.id = k.plan_id
      WHERE k.workspace_id = w.id AND p.status <> 'closed')
    ORDER BY w.id`);
  return rowsOf<{ id: string; fiscalYearStartMonth: number; timeZone: string }>(result);
}

export type StaleKpiRow = {
  id: string;
  target: number;
  baseline: number | null;
  direction: string;
  cadence: string;
  aggregation: string;
  plan_period: string;
  measurements: Array<[string, number]>;
};

/**
 * One page of a workspace's KPIs of open plans (of every plan with `closed`) whose progress is
 * not for `day`, with their measurements as `[period, value]` pairs: what the daily refresh
 * recomputes.
 */
export async function staleKpis(
  db: Db | Tx,
  workspaceId: string,
  day: string,
  after: string | null,
  limit: number,
  closed = false,
): Promise<StaleKpiRow[]> {
  const result = await db.execute(sql`
    SELECT k.id, k.target::float8 AS target, k.baseline::float8 AS baseline, k.direction,
      k.cadence, k.aggregation, p.period AS plan_period,
      coalesce((SELECT jsonb_agg(jsonb_build_array(m.period, m.value))
        FROM ${kpiMeasurements} m WHERE m.workspace_id = k.workspace_id AND m.kpi_id = k.id),
        '[]'::jsonb) AS measurements
    FROM ${kpis} k JOIN ${plans} p ON p.workspace_id = k.workspace_id AND p.id = k.plan_id
    WHERE k.workspace_id = ${workspaceId} ${closed ? sql`` : sql`AND p.status <> 'closed'`}
      AND k.progress_on IS DISTINCT FROM ${day}::date
      ${after === null ? sql`` : sql`AND k.id > ${after}::uuid`}
    ORDER BY k.id
    LIMIT ${limit}`);
  return rowsOf<StaleKpiRow>(result);
}

/** A member leaves: the KPIs they own lose their owner, as rows for audit events. */
export function releaseKpiOwnersSql(workspaceId: string, memberId: string): SQL {
  return sql`UPDATE ${kpis} SET owner_member_id = NULL
    WHERE workspace_id = ${workspaceId} AND owner_member_id = ${memberId}
    RETURNING id AS entity_id,
      (SELECT partner_id FROM ${plans} p WHERE p.workspace_id = ${workspaceId} AND p.id = ${kpis}.plan_id) AS partner_id,
      jsonb_build_object('ownerMemberId', ${memberId}::text) AS before,
      jsonb_build_object('ownerMemberId', NULL) AS after`;
}

/** A member leaves: the values they recorded stay, without who recorded them. */
export async function releaseMeasurementRecorder(tx: Tx, workspaceId: string, memberId: string) {
  await tx
    .update(kpiMeasurements)
    .set({ recordedBy: null })
    .where(
      and(eq(kpiMeasurements.workspaceId, workspaceId), eq(kpiMeasurements.recordedBy, memberId)),
    );
}

/** A contact is deleted: the KPIs they own lose their owner. */
export async function releaseKpiContact(tx: Tx, scope: Scope, contactId: string) {
  return tx
    .update(kpis)
    .set({ ownerContactId: null })
    .where(and(eq(kpis.workspaceId, scope.workspaceId), eq(kpis.ownerContactId, contactId)))
    .returning({ id: kpis.id });
}

/** The workspace settings that decide its day and its fiscal periods. */
export async function fiscalSettingsOf(db: Db | Tx, workspaceId: string) {
  const [row] = await db
    .select({
      fiscalYearStartMonth: workspaces.fiscalYearStartMonth,
      timeZone: workspaces.timeZone,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new Error('no such workspace');
  return row;
}

/** The workspace's day or fiscal year changed: its KPIs' progress is recomputed by the next refresh. */
export async function markProgressStale(tx: Tx, workspaceId: string): Promise<void> {
  await tx.update(kpis).set({ progressOn: null }).where(eq(kpis.workspaceId, workspaceId));
}
