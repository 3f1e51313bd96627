import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';

/** Any fixed number every Tandem process agrees on: the first-run lock. */
const FIRST_RUN_LOCK = 7_461_332;

/** Held until the transaction ends, so concurrent setups run one after the other. */
export function lockFirstRun(tx: Tx) {
  return tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_RUN_LOCK})`);
}
