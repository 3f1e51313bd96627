import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { agreementSignatures } from '../../db/schema';
import type { NewSignatureRow } from './signing.queries';

/**
 * Signatures made in bulk (the demo loader), each of the frozen text's hash as a signer signs
 * it (decision 056). No audit event each; the signed PDF is made when first asked for.
 */
export async function importSignatures(
  tx: Tx,
  rows: NewSignatureRow[],
  onBatch: (written: number) => void = () => {},
) {
  await insertInBatches(tx, agreementSignatures, rows, onBatch);
}
