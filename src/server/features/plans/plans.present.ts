import type { Plan } from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { findObjectiveRows, findVersionsOf, type PlanRow } from './plans.queries';
import { toPlan } from './plans.view';

/** Plans as the API shows them: their objectives and last agreements, a query each for all. */
export async function presentPlans(
  db: Db | Tx,
  scope: Scope,
  rows: PlanRow[],
  partnerNames: Map<string, string>,
): Promise<Plan[]> {
  if (rows.length === 0) return [];
  const objectives = await findObjectiveRows(
    db,
    scope,
    rows.map((row) => row.id),
  );
  const agreed = await findVersionsOf(
    db,
    scope,
    rows.flatMap((row) =>
      row.agreedVersionNumber === null ? [] : [{ planId: row.id, number: row.agreedVersionNumber }],
    ),
  );
  return rows.map((row) =>
    toPlan(
      row,
      objectives.filter((objective) => objective.planId === row.id),
      partnerNames.get(row.partnerId) ?? '',
      agreed.find((version) => version.planId === row.id) ?? null,
    ),
  );
}
