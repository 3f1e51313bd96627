import {
  type Kpi,
  type KpiCadence,
  type KpiCreate,
  type KpiList,
  type KpiSource,
  type KpiUnit,
  type KpiUpdate,
  kpiDefinitionProblems,
  type MeasurementList,
  maxKpisPerPlan,
  validateMeasurementValue,
} from '../../../domain/kpis';
import { messages } from '../../../domain/messages';
import type { PlanStatus } from '../../../domain/plans';
import { actorOf, callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors, type FieldError } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit, recordAudits, recordAuditsOf } from '../audit/audit.service';
import { partnerContactRefs } from '../contacts/contacts.service';
import { memberNames } from '../members/members.service';
import { assertEditable, type PlanRow, planRowOf } from '../plans/plans.guard';
import {
  deleteKpiRow,
  deleteMeasurementRows,
  findKpi,
  findKpiRows,
  findMeasurementRows,
  findPlanMeasurementRows,
  fiscalSettingsOf,
  hasMeasurements,
  insertKpiRow,
  type KpiRow,
  kpiCountOf,
  markProgressStale,
  type NewMeasurementRow,
  releaseKpiContact,
  releaseKpiOwnersSql,
  releaseMeasurementRecorder,
  touchPlan,
  updateKpiRow,
  upsertMeasurementRows,
  writeProgress,
} from './kpis.queries';
import { kpiSnapshotOf, measurementPeriods, progressOf, toKpi, toMeasurement } from './kpis.view';

/** The plan, or 404 when the caller may not see it (partner users see none). */
function visiblePlan(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  return planRowOf(db, scope, id, { forUpdate });
}

async function visibleKpi(db: Db | Tx, scope: Scope, id: string) {
  const row = await findKpi(db, scope, id);
  if (!row) throw errors.notFound('KPI');
  return row;
}

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

type Definition = {
  unit: KpiUnit;
  currency: string | null;
  target: number;
  baseline: number | null;
  direction: Kpi['direction'];
  cadence: KpiCadence;
  aggregation: Kpi['aggregation'];
};

const invalid = (field: string, message: string, code = 'invalid_value'): FieldError => ({
  field,
  code,
  message,
});

/**
 * A definition the math can use: a currency exactly for the `currency` unit, a target and a
 * baseline of the unit aiming the KPI's way (`validateKpiTarget`), a cadence that divides the
 * plan's period. 422 naming the field.
 */
function assertDefinition(definition: Definition, planPeriod: string) {
  const fields: FieldError[] = kpiDefinitionProblems(definition);
  if (measurementPeriods(planPeriod, definition.cadence) === null)
    fields.push(invalid('cadence', messages.monthlyForMonthPlan));
  if (fields.length > 0)
    throw errors.unprocessable('invalid_kpi', 'The KPI cannot be measured as defined', fields);
}

/** The owners a KPI names: a member of the workspace, a contact of the plan's partner. */
async function assertOwners(
  db: Db | Tx,
  scope: Scope,
  partnerId: string,
  owners: { ownerMemberId?: string | null; ownerContactId?: string | null },
) {
  if (owners.ownerMemberId) {
    const members = await memberNames(db, scope, [owners.ownerMemberId]);
    if (!members.has(owners.ownerMemberId))
      throw errors.invalidReference('ownerMemberId', 'member');
  }
  if (owners.ownerContactId) {
    const contacts = await partnerContactRefs(db, scope, partnerId, {
      ids: [owners.ownerContactId],
    });
    if (contacts.length === 0)
      throw errors.invalidReference('ownerContactId', 'contact of this partner');
  }
}

/** Recomputes and stores the progress of a plan's KPIs (given rows) from their measurements. */
async function refreshProgress(tx: Tx, scope: Scope, plan: PlanRow, rows: KpiRow[], now: Date) {
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

export async function listKpis(
  ctx: ServiceContext,
  scope: Scope,
  planId: string,
): Promise<KpiList> {
  const db = dbOf(ctx);
  await visiblePlan(db, scope, planId);
  return { items: (await findKpiRows(db, scope, [planId])).map(toKpi) };
}

export async function getKpi(ctx: ServiceContext, scope: Scope, id: string): Promise<Kpi> {
  const db = dbOf(ctx);
  const row = await visibleKpi(db, scope, id);
  await visiblePlan(db, scope, row.planId);
  return toKpi(row);
}

/** Adds a KPI at the end of a draft or proposed plan's KPIs (agreed plans are locked). */
export async function createKpi(
  ctx: ServiceContext,
  scope: Scope,
  planId: string,
  input: KpiCreate,
): Promise<Kpi> {
  return withTransaction(ctx, async (tx, ctx) => {
    const plan = await visiblePlan(tx, scope, planId, true);
    assertEditable(plan.status as PlanStatus);
    assertDefinition(input, plan.period);
    await assertOwners(tx, scope, plan.partnerId, input);
    const { count, next } = await kpiCountOf(tx, scope, planId);
    if (count >= maxKpisPerPlan)
      throw errors.unprocessable('too_many_kpis', messages.tooManyKpis(maxKpisPerPlan), [
        invalid('planId', messages.tooManyKpis(maxKpisPerPlan), 'too_many_kpis'),
      ]);
    const now = new Date();
    const settings = await fiscalSettingsOf(tx, scope.workspaceId);
    const row = await insertKpiRow(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      planId,
      position: next,
      ...input,
      ...progressOf(input, plan.period, [], settings, now),
      createdAt: now,
      updatedAt: now,
    });
    await touchPlan(tx, scope, planId, now);
    const kpi = toKpi(row);
    await recordAudit(tx, ctx, scope, {
      action: 'kpi.created',
      entityType: 'kpi',
      entityId: row.id,
      partnerId: plan.partnerId,
      after: kpi,
    });
    return kpi;
  });
}

/** The plan (locked first, so every KPI write takes locks in one order) and the KPI. */
async function lockedKpi(tx: Tx, scope: Scope, id: string) {
  const found = await visibleKpi(tx, scope, id);
  const plan = await visiblePlan(tx, scope, found.planId, true);
  const row = await findKpi(tx, scope, id, { forUpdate: true });
  if (!row) throw errors.notFound('KPI');
  return { plan, row };
}

const fixedOnceMeasured = ['unit', 'currency', 'cadence'] as const;

/**
 * Changes a KPI of a draft or proposed plan. Once it has values its unit, currency and cadence
 * are fixed (409 `kpi_has_measurements`): the stored values would change meaning.
 */
export async function updateKpi(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: KpiUpdate,
): Promise<Kpi> {
  return withTransaction(ctx, async (tx, ctx) => {
    const { plan, row } = await lockedKpi(tx, scope, id);
    checkIfMatch(ifMatch, row.version, { required: true });
    assertEditable(plan.status as PlanStatus);
    const before = toKpi(row);
    const unit = input.unit ?? before.unit;
    // Leaving the currency unit drops the currency unless the request says otherwise.
    const currency =
      input.currency !== undefined ? input.currency : unit === 'currency' ? before.currency : null;
    const next = {
      name: input.name ?? before.name,
      unit,
      currency,
      target: input.target ?? before.target,
      baseline: input.baseline !== undefined ? input.baseline : before.baseline,
      direction: input.direction ?? before.direction,
      cadence: input.cadence ?? before.cadence,
      aggregation: input.aggregation ?? before.aggregation,
      ownerMemberId: input.ownerMemberId !== undefined ? input.ownerMemberId : before.ownerMemberId,
      ownerContactId:
        input.ownerContactId !== undefined ? input.ownerContactId : before.ownerContactId,
      source: input.source ?? before.source,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (key) => next[key] !== before[key],
    );
    if (changed.length === 0) return before;
    const fixed = fixedOnceMeasured.filter((key) => changed.includes(key));
    if (fixed.length > 0 && (await hasMeasurements(tx, scope, id)))
      throw errors.conflict(
        'kpi_has_measurements',
        'The KPI has values: its unit, currency and cadence stay as they are',
        {},
        fixed.map((field) => invalid(field, messages.kpiHasMeasurements, 'kpi_has_measurements')),
      );
    assertDefinition(next, plan.period);
    await assertOwners(tx, scope, plan.partnerId, {
      ownerMemberId: changed.includes('ownerMemberId') ? next.ownerMemberId : null,
      ownerContactId: changed.includes('ownerContactId') ? next.ownerContactId : null,
    });
    const now = new Date();
    const updated = await updateKpiRow(tx, scope, id, {
      ...next,
      version: row.version + 1,
      updatedAt: now,
    });
    await refreshProgress(tx, scope, plan, [updated], now);
    await touchPlan(tx, scope, plan.id, now);
    const kpi = await getKpi(ctx, scope, id);
    await recordAudit(tx, ctx, scope, {
      action: 'kpi.updated',
      entityType: 'kpi',
      entityId: id,
      partnerId: plan.partnerId,
      before,
      after: kpi,
    });
    return kpi;
  });
}

/** Deletes a KPI of a draft or proposed plan, and its values with it. */
export async function deleteKpi(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  await withTransaction(ctx, async (tx, ctx) => {
    const { plan, row } = await lockedKpi(tx, scope, id);
    checkIfMatch(ifMatch, row.version, { required: true });
    assertEditable(plan.status as PlanStatus);
    const measurements = await findMeasurementRows(tx, scope, [id]);
    await deleteKpiRow(tx, scope, id);
    await touchPlan(tx, scope, plan.id, new Date());
    await recordAudit(tx, ctx, scope, {
      action: 'kpi.deleted',
      entityType: 'kpi',
      entityId: id,
      partnerId: plan.partnerId,
      before: { ...toKpi(row), measurements: measurements.map(toMeasurement) },
    });
  });
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

/** A member leaves: KPIs they own lose their owner (an audit event each), their values stay. */
export async function releaseMemberKpis(
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
): Promise<{ releasedKpis: number }> {
  const releasedKpis = await recordAuditsOf(
    ctx.tx,
    ctx,
    scope,
    { action: 'kpi.owner_released', entityType: 'kpi' },
    releaseKpiOwnersSql(scope.workspaceId, member.id),
  );
  await releaseMeasurementRecorder(ctx.tx, scope.workspaceId, member.id);
  return { releasedKpis };
}

/** A plan's KPIs as its agreed snapshot keeps them (decision 041). */
export async function kpiSnapshotsOf(db: Db | Tx, scope: Scope, planId: string) {
  return (await findKpiRows(db, scope, [planId])).map(kpiSnapshotOf);
}

/** A contact is deleted: KPIs they own lose their owner, in the deletion's transaction. */
export async function releaseContactKpis(tx: Tx, scope: Scope, contactId: string) {
  return (await releaseKpiContact(tx, scope, contactId)).length;
}

/** The workspace's fiscal year or time zone changed: the next refresh recomputes its KPIs. */
export async function workspaceCalendarChanged(tx: Tx, workspaceId: string) {
  await markProgressStale(tx, workspaceId);
}
