import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { agreementVersions } from '../../db/schema';
import { sha256Of } from './agreements.freeze';
import { insertAgreementRows, type NewAgreementRow, type NewSignerRow } from './agreements.queries';
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

/**
 * Agreements made in bulk, complete and valid, with their signers (the demo loader): set-based,
 * parents before the agreements under them. Like other imports they record no event each.
 */
export async function importAgreements(
  tx: Tx,
  rows: NewAgreementRow[],
  signers: NewSignerRow[],
): Promise<void> {
  await insertAgreementRows(tx, rows, signers);
}
