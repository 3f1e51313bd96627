import { nextDueOn } from '../../../domain/obligations';
import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { agreementObligations } from '../../db/schema';

type NewObligationRow = typeof agreementObligations.$inferInsert;

/**
 * Obligations made in bulk (the demo loader), each with the next due date its schedule gives,
 * as every change stores it (decision 052). No audit event or timeline entry each.
 */
export async function importObligations(
  tx: Tx,
  rows: Array<Omit<NewObligationRow, 'nextDueOn'>>,
  onBatch: (written: number) => void = () => {},
) {
  await insertInBatches(
    tx,
    agreementObligations,
    rows.map((row) => ({
      ...row,
      nextDueOn: nextDueOn({
        dueOn: row.dueOn ?? null,
        rrule: row.rrule ?? null,
        startsOn: row.startsOn ?? null,
        status: row.status as 'open' | 'done' | 'waived',
        doneThrough: row.doneThrough ?? null,
      }),
    })),
    onBatch,
  );
}
