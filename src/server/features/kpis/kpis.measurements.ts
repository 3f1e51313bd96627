import {
  type KpiCadence,
  type KpiList,
  type KpiSource,
  type KpiUnit,
  type MeasurementList,
  validateMeasurementValue,
} from '../../../domain/kpis';
import { messages } from '../../../domain/messages';
import { actorOf, callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors, type FieldError } from '../../http/errors';
import { recordAudits } from '../audit/audit.service';
import type { PlanRow } from '../plans/plans.guard';
import {
  deleteMeasurementRows,
  findKpiRows,
  findMeasurementRows,
  findPlanMeasurementRows,
  type KpiRow,
  type NewMeasurementRow,
  upsertMeasurementRows,
} from './kpis.queries';
import { refreshProgress } from './kpis.refresh';
import { invalid, visibleKpi, visiblePlan } from './kpis.service';
import { measurementPeriods, toKpi, toMeasurement } from './kpis.view';

/**
 * A KPI's values (measurements): reading them, checking a batch against the plan's KPIs, and
 * recording it with the progress it moves and one audit event per KPI.
 */

/** Measurements go on a plan in any status but closed. */
function assertOpen(plan: PlanRow) {
  if (plan.status !== 'closed') return;
  throw errors.conflict(
    'plan_closed',
    'The plan is closed and takes no more measurements',
    { planStatus: plan.status },
    [{ field: 'status', code: 'plan_closed', message: messages.planClosed }],
  );
}

export async function listMeasurements(
  ctx: ServiceContext,
  scope: Scope,
  kpiId: string,
): Promise<MeasurementList> {
  const db = dbOf(ctx);
  const row = await visibleKpi(db, scope, kpiId);
  await visiblePlan(db, scope, row.planId);
  return { items: (await findMeasurementRows(db, scope, [kpiId])).map(toMeasurement) };
}

/** Every value of a plan's KPIs in two statements (the plan, then its values), whatever its size. */
export async function listPlanMeasurements(
  ctx: ServiceContext,
  scope: Scope,
  planId: string,
): Promise<MeasurementList> {
  const db = dbOf(ctx);
  await visiblePlan(db, scope, planId);
  return { items: (await findPlanMeasurementRows(db, scope, planId)).map(toMeasurement) };
}

/** One value to record (`value` null removes the period's value). */
export type MeasurementInput = {
  kpiId: string;
  period: string;
  value: number | null;
  currency?: string | undefined;
  note?: string | undefined;
};

/** Names the field of the item at `index` in an error: `measurements.3.value`, `rows.7.value`. */
export type FieldNamer = (
  index: number,
  field: 'kpiId' | 'period' | 'value' | 'currency',
) => string;

const batchField: FieldNamer = (index, field) => `measurements.${index}.${field}`;

/** Where a value comes from: the import, an API key, or a person at the grid. */
export function measurementSource(scope: Scope, importing: boolean): KpiSource {
  if (importing) return 'import';
  return actorOf(scope).kind === 'member' ? 'manual' : 'api';
}

/**
 * Every reason the items cannot be recorded on the plan's KPIs, each naming its field: a KPI
 * not of this plan, a period not of the KPI's cadence inside the plan's period, the same KPI
 * and period twice, a currency not the KPI's, a value not of the unit.
 */
export function measurementErrors(
  plan: PlanRow,
  kpiRows: KpiRow[],
  items: MeasurementInput[],
  fieldOf: FieldNamer = batchField,
): FieldError[] {
  const byId = new Map(kpiRows.map((row) => [row.id, row]));
  const periodsOf = new Map<string, string[]>();
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const [index, item] of items.entries()) {
    const kpi = byId.get(item.kpiId);
    if (!kpi) {
      fields.push(invalid(fieldOf(index, 'kpiId'), messages.noSuchKpi, 'invalid_reference'));
      continue;
    }
    let periods = periodsOf.get(kpi.cadence);
    if (!periods) {
      periods = measurementPeriods(plan.period, kpi.cadence as KpiCadence) ?? [];
      periodsOf.set(kpi.cadence, periods);
    }
    const key = `${kpi.id} ${item.period}`;
    if (!periods.includes(item.period))
      fields.push(
        invalid(
          fieldOf(index, 'period'),
          messages.measurementPeriod(periods[0] ?? plan.period),
          'invalid_period',
        ),
      );
    else if (seen.has(key))
      fields.push(invalid(fieldOf(index, 'period'), messages.repeatedMeasurement, 'repeated'));
    seen.add(key);
    if (item.currency !== undefined && item.currency.trim().toUpperCase() !== kpi.currency)
      fields.push(
        invalid(
          fieldOf(index, 'currency'),
          messages.notKpiCurrency(kpi.currency),
          'wrong_currency',
        ),
      );
    if (item.value !== null) {
      const message = validateMeasurementValue(kpi.unit as KpiUnit, item.value);
      if (message) fields.push(invalid(fieldOf(index, 'value'), message));
    }
  }
  return fields;
}

/** The plan for a measurement write: visible, locked, not closed, with its KPIs. */
export async function planForMeasurements(tx: Tx, scope: Scope, planId: string) {
  const plan = await visiblePlan(tx, scope, planId, true);
  assertOpen(plan);
  return { plan, kpiRows: await findKpiRows(tx, scope, [planId]) };
}

/** What recording the items would change: per KPI, each period's value before and after. */
export async function measurementChanges(
  db: Db | Tx,
  scope: Scope,
  items: MeasurementInput[],
): Promise<Array<MeasurementInput & { previous: number | null; previousNote: string | null }>> {
  const existing = await findMeasurementRows(db, scope, [
    ...new Set(items.map((item) => item.kpiId)),
  ]);
  const byKey = new Map(existing.map((row) => [`${row.kpiId} ${row.period}`, row]));
  return items.map((item) => {
    const old = byKey.get(`${item.kpiId} ${item.period}`);
    return { ...item, previous: old?.value ?? null, previousNote: old?.note ?? null };
  });
}

/**
 * Records checked items on a locked plan: upserts the values, removes the nulls, refreshes the
 * progress of the KPIs touched, and writes one audit event per KPI with its periods before and
 * after. Items that change nothing are skipped.
 */
export async function writeMeasurements(
  tx: Tx,
  ctx: TxContext,
  scope: Scope,
  plan: PlanRow,
  kpiRows: KpiRow[],
  items: MeasurementInput[],
  source: KpiSource,
): Promise<number> {
  const changes = (await measurementChanges(tx, scope, items)).filter(
    (change) =>
      change.value !== change.previous ||
      (change.value !== null && (change.note ?? '') !== change.previousNote),
  );
  if (changes.length === 0) return 0;
  const now = new Date();
  const recordedBy = callerMemberId(scope);
  const upserts: NewMeasurementRow[] = changes.flatMap((change) =>
    change.value === null
      ? []
      : [
          {
            workspaceId: scope.workspaceId,
            kpiId: change.kpiId,
            period: change.period,
            value: change.value,
            source,
            note: change.note ?? '',
            recordedBy,
            recordedAt: now,
          },
        ],
  );
  await deleteMeasurementRows(
    tx,
    scope,
    changes.filter((change) => change.value === null),
  );
  await upsertMeasurementRows(tx, upserts);
  const touched = new Set(changes.map((change) => change.kpiId));
  await refreshProgress(
    tx,
    scope,
    plan,
    kpiRows.filter((row) => touched.has(row.id)),
    now,
  );
  await recordAudits(
    tx,
    ctx,
    scope,
    [...touched].map((kpiId) => {
      const mine = changes.filter((change) => change.kpiId === kpiId);
      return {
        action: 'kpi.measurements_recorded',
        entityType: 'kpi',
        entityId: kpiId,
        partnerId: plan.partnerId,
        before: { source, values: Object.fromEntries(mine.map((c) => [c.period, c.previous])) },
        after: { source, values: Object.fromEntries(mine.map((c) => [c.period, c.value])) },
      };
    }),
  );
  return changes.length;
}

/**
 * The batch write (the grid's and the API's): all items or none. Answers the plan's KPIs with
 * their new progress.
 */
export async function recordMeasurements(
  ctx: ServiceContext,
  scope: Scope,
  planId: string,
  items: MeasurementInput[],
): Promise<KpiList> {
  return withTransaction(ctx, async (tx, ctx) => {
    const { plan, kpiRows } = await planForMeasurements(tx, scope, planId);
    const fields = measurementErrors(plan, kpiRows, items);
    if (fields.length > 0)
      throw errors.unprocessable(
        'invalid_measurements',
        'Some measurements cannot be recorded; nothing was written. See errors for each field',
        fields,
      );
    await writeMeasurements(tx, ctx, scope, plan, kpiRows, items, measurementSource(scope, false));
    return { items: (await findKpiRows(tx, scope, [planId])).map(toKpi) };
  });
}
