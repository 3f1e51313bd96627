import { messages } from '../../../domain/messages';
import { isEditable, type PlanStatus } from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { errors } from '../../http/errors';
import { partnerRef } from '../partners/partners.service';
import { findPlan, type PlanRow } from './plans.queries';

export type { PlanRow } from './plans.queries';

/** A plan whose version is agreed, or that is closed, takes no edit (decision 040). */
export function assertEditable(status: PlanStatus) {
  if (isEditable(status)) return;
  if (status === 'closed')
    throw errors.conflict(
      'plan_closed',
      'The plan is closed and can no longer change',
      { planStatus: status },
      [{ field: 'status', code: 'plan_closed', message: messages.planClosed }],
    );
  throw errors.conflict(
    'plan_locked',
    `The plan is ${status}: its version is agreed and locked; open a new version (POST …/revisions) to change it`,
    { planStatus: status },
    [{ field: 'status', code: 'plan_locked', message: messages.planLocked }],
  );
}

/**
 * The plan row for what hangs off a plan (its KPIs), or 404 when the caller may not see it;
 * `forUpdate` locks it, so changes to its content queue behind an agreement and vice versa.
 */
export async function planRowOf(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PlanRow> {
  const row = await findPlan(db, scope, id, options);
  const partner = row ? await partnerRef(db, scope, row.partnerId) : null;
  if (!row || !partner) throw errors.notFound('plan');
  return row;
}
