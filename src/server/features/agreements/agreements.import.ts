import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { agreementVersions } from '../../db/schema';
import { sha256Of } from './agreements.freeze';
import type { NewVersionRow } from './agreements.versions.queries';

/**
 * Versions made in bulk (the demo loader): a frozen one carries the SHA-256 of its text, as
 * freezing for signature stores it (decision 050). No audit event or timeline entry each.
 */
export async function importVersions(
  tx: Tx,
  rows: Array<Omit<NewVersionRow, 'sha256'>>,
  onBatch: (written: number) => void = () => {},
) {
  await insertInBatches(
    tx,
    agreementVersions,
    rows.map((row) => ({ ...row, sha256: row.frozenAt ? sha256Of(row.body) : null })),
    onBatch,
  );
}
