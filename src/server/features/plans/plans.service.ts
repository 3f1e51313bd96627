import { messages } from '../../../domain/messages';
import {
  type Plan,
  type PlanCreate,
  type PlanObjective,
  type PlanStatus,
  type PlanTransition,
  type PlanUpdate,
  planMachine,
} from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import { callerMemberId } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { sameValue } from '../../db/patch';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { assertTransition } from '../../http/transition';
import { newId } from '../../ids';
import { recordAudit, recordAuditsOf } from '../audit/audit.service';
import { partnerContactRefs } from '../contacts/contacts.service';
import { kpiSnapshotsOf, releaseContactKpis } from '../kpis/kpis.service';
import { memberNames } from '../members/members.service';
import { partnerNames, partnerRef, usablePartnerRef } from '../partners/partners.service';
import { isUniqueViolation } from '../partners/partners.view';
import { recordTimelineEntry } from '../timeline/timeline.service';
import { assertEditable } from './plans.guard';
import { presentPlans } from './plans.present';
import {
  findObjectiveRows,
  findPlan,
  findPlanFor,
  findPlans,
  insertPlanRow,
  insertVersionRow,
  type NewPlanRow,
  type PlanRow,
  releaseObjectiveContact,
  releaseObjectiveOwnersSql,
  releaseRecorder,
  replaceObjectiveRows,
  updatePlanRow,
} from './plans.queries';
import { snapshotOf } from './plans.view';

const planExists = () =>
  errors.conflict('plan_exists', 'The partner already has a plan for this period', {}, [
    { field: 'period', code: 'plan_exists', message: messages.planExists },
  ]);

/**
 * Checks the owners the objectives name: members of the workspace and contacts of the plan's
 * partner, else 422 naming the objective's field (`objectives.2.ownerContactId`).
 */
async function assertObjectiveOwners(
  db: Db | Tx,
  scope: Scope,
  partnerId: string,
  objectives: PlanObjective[],
) {
  const memberIds = objectives.flatMap((o) => (o.ownerMemberId ? [o.ownerMemberId] : []));
  const contactIds = objectives.flatMap((o) => (o.ownerContactId ? [o.ownerContactId] : []));
  const members = await memberNames(db, scope, memberIds);
  const contacts = new Set(
    (await partnerContactRefs(db, scope, partnerId, { ids: [...new Set(contactIds)] })).map(
      (contact) => contact.id,
    ),
  );
  for (const [index, objective] of objectives.entries()) {
    if (objective.ownerMemberId && !members.has(objective.ownerMemberId))
      throw errors.invalidReference(`objectives.${index}.ownerMemberId`, 'member');
    if (objective.ownerContactId && !contacts.has(objective.ownerContactId))
      throw errors.invalidReference(
        `objectives.${index}.ownerContactId`,
        'contact of this partner',
      );
  }
}

function objectiveRows(scope: Scope, planId: string, objectives: PlanObjective[]) {
  return objectives.map((objective, position) => ({
    id: newId(),
    workspaceId: scope.workspaceId,
    planId,
    position,
    text: objective.text,
    ownerSide: objective.ownerSide,
    ownerMemberId: objective.ownerMemberId,
    ownerContactId: objective.ownerContactId,
  }));
}

/** The plan as the API shows it: its objectives, its partner's name and its last agreement. */
async function present(db: Db | Tx, scope: Scope, row: PlanRow, partnerName: string) {
  const [plan] = await presentPlans(db, scope, [row], new Map([[row.partnerId, partnerName]]));
  if (!plan) throw new Error('a plan presented as nothing');
  return plan;
}

/** The plan and its partner's name, or 404 when the caller may not see it. */
export async function visiblePlan(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  const row = await findPlan(db, scope, id, { forUpdate });
  const partner = row ? await partnerRef(db, scope, row.partnerId) : null;
  if (!row || !partner) throw errors.notFound('plan');
  return { row, partnerName: partner.name, plan: await present(db, scope, row, partner.name) };
}

type VisiblePlan = Awaited<ReturnType<typeof visiblePlan>>;

/**
 * A plan's milestones on its partner's timeline (started, moved, agreed, a new version), for
 * the workspace only; edits stay in the plan's own history.
 */
export async function recordPlanTimeline(
  tx: Tx,
  scope: Scope,
  plan: Plan,
  summary: Record<string, string | null>,
) {
  await recordTimelineEntry(tx, scope, {
    kind: 'plan',
    subject: { type: 'plan', id: plan.id },
    partnerId: plan.partnerId,
    summary: { period: plan.period, versionNumber: plan.versionNumber, ...summary },
  });
}

/** Writes a change to a plan (a new ETag), then its audit event with the plan before and after. */
export async function changePlan(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  current: VisiblePlan,
  action: string,
  set: Partial<NewPlanRow>,
  now = new Date(),
): Promise<Plan> {
  const row = await updatePlanRow(tx, scope, current.row.id, {
    ...set,
    version: current.row.version + 1,
    updatedAt: now,
  });
  const plan = await present(tx, scope, row, current.partnerName);
  await recordAudit(tx, ctx, scope, {
    action,
    entityType: 'plan',
    entityId: row.id,
    partnerId: row.partnerId,
    before: current.plan,
    after: plan,
  });
  return plan;
}

export async function createPlan(
  ctx: ServiceContext,
  scope: Scope,
  input: PlanCreate,
): Promise<Plan> {
  return withTransaction(ctx, async (tx, ctx) => {
    const partner = await usablePartnerRef(tx, scope, input.partnerId);
    if (await findPlanFor(tx, scope, partner.id, input.period)) throw planExists();
    await assertObjectiveOwners(tx, scope, partner.id, input.objectives);
    const now = new Date();
    const id = newId();
    const row = await insertPlanRow(tx, {
      id,
      workspaceId: scope.workspaceId,
      partnerId: partner.id,
      period: input.period,
      status: 'draft',
      summary: input.summary,
      versionNumber: 1,
      createdAt: now,
      updatedAt: now,
    }).catch((error: unknown) => {
      // Two requests for the same partner and period at once: the unique index decides.
      throw isUniqueViolation(error) ? planExists() : error;
    });
    await replaceObjectiveRows(tx, scope, id, objectiveRows(scope, id, input.objectives));
    const plan = await present(tx, scope, row, partner.name);
    await recordAudit(tx, ctx, scope, {
      action: 'plan.created',
      entityType: 'plan',
      entityId: id,
      partnerId: row.partnerId,
      after: plan,
    });
    await recordPlanTimeline(tx, scope, plan, { event: 'created' });
    return plan;
  });
}

export async function getPlan(ctx: ServiceContext, scope: Scope, id: string): Promise<Plan> {
  return (await visiblePlan(dbOf(ctx), scope, id)).plan;
}

/** The plans among the given ids the caller may see, by id, read together; the rest are left out. */
export async function getPlans(
  ctx: ServiceContext,
  scope: Scope,
  ids: string[],
): Promise<Map<string, Plan>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const db = dbOf(ctx);
  const rows = await findPlans(db, scope, unique);
  const names = await partnerNames(
    db,
    scope,
    rows.map((row) => row.partnerId),
  );
  const seen = rows.filter((row) => names.has(row.partnerId));
  const shown = await presentPlans(db, scope, seen, names);
  return new Map(shown.map((plan) => [plan.id, plan]));
}

/**
 * Changes a draft or proposed plan: the summary, and the objectives as a whole. An agreed or
 * active plan is locked (409 `plan_locked`), a closed one read-only (409 `plan_closed`).
 */
export async function updatePlan(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: PlanUpdate,
): Promise<Plan> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visiblePlan(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    assertEditable(current.row.status as PlanStatus);
    const summaryChanged = input.summary !== undefined && input.summary !== current.row.summary;
    const objectivesChanged =
      input.objectives !== undefined && !sameValue(input.objectives, current.plan.objectives);
    if (!summaryChanged && !objectivesChanged) return current.plan;
    if (input.objectives && objectivesChanged) {
      await assertObjectiveOwners(tx, scope, current.row.partnerId, input.objectives);
      await replaceObjectiveRows(tx, scope, id, objectiveRows(scope, id, input.objectives));
    }
    return changePlan(
      tx,
      ctx,
      scope,
      current,
      'plan.updated',
      summaryChanged ? { summary: input.summary } : {},
    );
  });
}

/**
 * Moves a plan by the plan machine (409 `invalid_transition`; 422 when agreeing without who or
 * when). Agreeing keeps the version being worked on as an agreed, numbered snapshot.
 */
export async function transitionPlan(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: PlanTransition,
): Promise<Plan> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visiblePlan(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const from = current.row.status as PlanStatus;
    assertTransition(planMachine, from, input.to, {}, input);
    const now = new Date();
    if (input.to === 'agreed')
      await insertVersionRow(tx, {
        workspaceId: scope.workspaceId,
        planId: id,
        number: current.row.versionNumber,
        snapshot: snapshotOf(
          current.row,
          await findObjectiveRows(tx, scope, [id]),
          await kpiSnapshotsOf(tx, scope, id),
        ),
        agreedBy: input.agreedBy ?? '',
        agreedOn: input.agreedOn ?? '',
        agreedAt: now,
        recordedBy: callerMemberId(scope),
      });
    const plan = await changePlan(
      tx,
      ctx,
      scope,
      current,
      input.to === 'agreed' ? 'plan.agreed' : 'plan.status_changed',
      {
        status: input.to,
        ...(input.to === 'agreed' ? { agreedVersionNumber: current.row.versionNumber } : {}),
      },
      now,
    );
    await recordPlanTimeline(tx, scope, plan, {
      event: input.to === 'agreed' ? 'agreed' : 'status_changed',
      from,
      to: input.to,
      agreedBy: input.to === 'agreed' ? (input.agreedBy ?? null) : null,
    });
    return plan;
  });
}

/** A member leaves: objectives they own lose their owner (an audit event each), and the agreements they recorded forget them. */
export async function releaseMemberPlans(
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
): Promise<{ releasedPlanObjectives: number }> {
  const releasedPlanObjectives = await recordAuditsOf(
    ctx.tx,
    ctx,
    scope,
    { action: 'plan.objective_owner_released', entityType: 'plan' },
    releaseObjectiveOwnersSql(scope.workspaceId, member.id),
  );
  await releaseRecorder(ctx.tx, scope.workspaceId, member.id);
  return { releasedPlanObjectives };
}

/** A contact is deleted: objectives and KPIs they own lose their owner, in the deletion's transaction. */
export async function releaseContactPlans(tx: Tx, scope: Scope, contactId: string) {
  const kpis = await releaseContactKpis(tx, scope, contactId);
  return (await releaseObjectiveContact(tx, scope, contactId)).length + kpis;
}
