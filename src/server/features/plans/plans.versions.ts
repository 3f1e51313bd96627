import {
  canRevise,
  type Plan,
  type PlanChanges,
  type PlanStatus,
  type PlanVersionList,
  planChanges,
  planMachine,
} from '../../../domain/plans';
import { allowedNext } from '../../../domain/state-machine';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { kpiSnapshotsOf } from '../kpis/kpis.service';
import { findObjectiveRows, findVersionRows, findVersionsOf } from './plans.queries';
import { changePlan, recordPlanTimeline, visiblePlan } from './plans.service';
import { fullSnapshot, snapshotOf, toPlanVersion } from './plans.view';

/** A plan's numbered versions: opening a new draft of an agreed plan, and what changed since. */

/**
 * Opens a new draft version of an agreed or active plan (decision 040): the version number
 * goes up by one and the plan is a draft again, starting from the agreed content; the agreed
 * version stays in the plan's versions and its changes are shown against it.
 */
export async function revisePlan(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
): Promise<Plan> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visiblePlan(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const status = current.row.status as PlanStatus;
    if (!canRevise(status))
      throw errors.invalidTransition(
        status,
        'draft',
        allowedNext(planMachine, status),
        status === 'closed'
          ? 'The plan is closed and can no longer change'
          : `The plan is ${status}: edit it as it is; only an agreed or active plan opens a new version`,
      );
    const plan = await changePlan(tx, ctx, scope, current, 'plan.revised', {
      status: 'draft',
      versionNumber: current.row.versionNumber + 1,
    });
    await recordPlanTimeline(tx, scope, plan, { event: 'revised' });
    return plan;
  });
}

export async function listPlanVersions(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<PlanVersionList> {
  const db = dbOf(ctx);
  await visiblePlan(db, scope, id);
  return { items: (await findVersionRows(db, scope, id)).map(toPlanVersion) };
}

/** What changed in the version being worked on against the last agreed one, field by field. */
export async function getPlanChanges(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<PlanChanges> {
  const db = dbOf(ctx);
  const { row, plan } = await visiblePlan(db, scope, id);
  const against = row.agreedVersionNumber;
  if (against === null)
    return { againstVersionNumber: null, versionNumber: row.versionNumber, changes: [] };
  const [agreed] = await findVersionsOf(db, scope, [{ planId: id, number: against }]);
  const current = snapshotOf(
    row,
    await findObjectiveRows(db, scope, [id]),
    await kpiSnapshotsOf(db, scope, id),
  );
  return {
    againstVersionNumber: against,
    versionNumber: plan.versionNumber,
    changes: agreed ? planChanges(fullSnapshot(agreed.snapshot), current) : [],
  };
}
