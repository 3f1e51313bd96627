import { type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';

/**
 * The rows of one statement as the driver gives them, on the root client or in a transaction:
 * no select builder and no per-field result mapping, for reads every request makes (decision
 * 065). Timestamps come back as PostgreSQL's text, so a statement selects the ones it shows
 * through `isoUtc`.
 */
export async function plainRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/** A `timestamptz` column as the API writes it: `Date.prototype.toISOString`'s form, in UTC. */
export function isoUtc(column: string): SQL {
  return sql.raw(isoUtcText(column));
}

/** `isoUtc` as statement text, for fixed statements sent with `database.sql`. */
export function isoUtcText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
