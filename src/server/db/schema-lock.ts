import type pg from 'pg';
import type { Database } from './client';

/** Any fixed number: every Tandem process agrees on it, so only one changes the schema at a time. */
export const SCHEMA_LOCK = 7_461_331;
const RETRY_MS = 100;

/** Thrown when a stop signal arrives while a process waits for, or works under, the lock. */
export class StartAborted extends Error {
  constructor() {
    super('stopped before the database was ready');
  }
}

/**
 * Runs `work` (migrations, the job queue's install, its queues and schedules) while this process
 * holds the schema lock. On PostgreSQL the lock is a transaction-level advisory lock taken by one
 * connection that keeps its transaction open until `work` is done: a transaction stays on one
 * server connection even through PgBouncer in transaction mode, and a crash ends the transaction
 * and frees the lock. `work` runs on the other pooled connections. The wait polls, so a stop
 * signal ends it. The embedded database has one process (the data-directory lock), so no lock.
 */
export async function underSchemaLock<T>(
  database: Database,
  work: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  if (signal?.aborted) throw new StartAborted();
  if (database.kind === 'embedded') return work();
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const holder = await pool.connect();
  let failed: unknown;
  try {
    await holder.query('BEGIN');
    await waitForLock(holder, signal);
    return await work();
  } catch (error) {
    failed = error;
    throw error;
  } finally {
    // Committing or rolling back ends the transaction and with it the lock.
    await holder.query(failed === undefined ? 'COMMIT' : 'ROLLBACK').catch(() => {});
    holder.release();
  }
}

async function waitForLock(holder: pg.PoolClient, signal?: AbortSignal): Promise<void> {
  for (;;) {
    const { rows } = await holder.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [SCHEMA_LOCK],
    );
    if (rows[0]?.locked) return;
    if (signal?.aborted) throw new StartAborted();
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
