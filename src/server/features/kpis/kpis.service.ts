import {
  type Kpi,
  type KpiCadence,
  type KpiCreate,
  type KpiList,
  type KpiUnit,
  type KpiUpdate,
  kpiDefinitionProblems,
  maxKpisPerPlan,
} from '../../../domain/kpis';
import { messages } from '../../../domain/messages';
import type { PlanStatus } from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors, type FieldError } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit, recordAuditsOf } from '../audit/audit.service';
import { partnerContactRefs } from '../contacts/contacts.service';
import { memberNames } from '../members/members.service';
import { assertEditable, planRowOf } from '../plans/plans.guard';
import {
  deleteKpiRow,
  findKpi,
  findKpiRows,
  findMeasurementRows,
  fiscalSettingsOf,
  hasMeasurements,
  insertKpiRow,
  kpiCountOf,
  markProgressStale,
  releaseKpiContact,
  releaseKpiOwnersSql,
  releaseMeasurementRecorder,
  touchPlan,
  updateKpiRow,
} from './kpis.queries';
import { refreshProgress } from './kpis.refresh';
import { kpiSnapshotOf, measurementPeriods, progressOf, toKpi, toMeasurement } from './kpis.view';

/** The plan, or 404 when the caller may not see it (partner users see none). */
export function visiblePlan(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  return planRowOf(db, scope, id, { forUpdate });
}

export async function visibleKpi(db: Db | Tx, scope: Scope, id: string) {
  const row = await findKpi(db, scope, id);
  if (!row) throw errors.notFound('KPI');
  return row;
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

/** One field's error, `invalid_value` unless a code is given. */
export const invalid = (field: string, message: string, code = 'invalid_value'): FieldError => ({
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
