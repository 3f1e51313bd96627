import type { Scope } from '../../access/scope';
import type { TxContext } from '../../context';
import { insertInBatches } from '../../db/batches';
import { agreementRequirements } from '../../db/schema';
import { countRequirements, findRequirementRows, type RequirementRow } from './compliance.queries';
import { addDefaultRequirements } from './compliance.service';

type NewMarkRow = typeof agreementRequirements.$inferInsert;

/**
 * The requirements in use for a bulk load (the demo loader): a workspace made before
 * requirements, with none at all, gets the default checklist first, as a new one does.
 */
export async function requirementsForImport(
  ctx: TxContext,
  scope: Scope,
): Promise<RequirementRow[]> {
  if ((await countRequirements(ctx.tx, scope)) === 0) await addDefaultRequirements(ctx, scope);
  return findRequirementRows(ctx.tx, scope, { archived: 'false' });
}

/** Agreements' checklist entries made in bulk, already open, met or waived; no audit event each. */
export async function importChecklists(
  ctx: TxContext,
  rows: NewMarkRow[],
  onBatch: (written: number) => void = () => {},
) {
  await insertInBatches(ctx.tx, agreementRequirements, rows, onBatch);
}
