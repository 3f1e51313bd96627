import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './client';

/** Rows per INSERT: well under PostgreSQL's 65 535 parameters for the widest table. */
export const BATCH_ROWS = 1000;

/** Multi-row INSERTs of `BATCH_ROWS` rows each; `onBatch` hears how many rows each wrote. */
export async function insertInBatches<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: Array<PgInsertValue<T>>,
  onBatch: (written: number) => void = () => {},
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    await tx.insert(table).values(batch);
    onBatch(batch.length);
  }
}
