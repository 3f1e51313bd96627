import { eq, type SQL, sql } from 'drizzle-orm';
import { dateAt } from '../../../domain/periods';
import type { Db, Tx } from '../../db/client';
import { plainRows } from '../../db/plain';
import { workspaces } from '../../db/schema';

export function findWorkspace(db: Db | Tx, workspaceId: string) {
  return db
    .select()
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1)
    .then((rows) => rows[0]);
}

/** Locks the row for the rest of the transaction, so If-Match checks cannot race. */
export function lockWorkspace(tx: Tx, workspaceId: string) {
  return tx
    .select()
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for('update')
    .then((rows) => rows[0]);
}

export function insertWorkspace(tx: Tx, row: { id: string; name: string }) {
  return tx.insert(workspaces).values(row);
}

export function updateWorkspace(
  tx: Tx,
  workspaceId: string,
  changes: Partial<
    Pick<
      typeof workspaces.$inferInsert,
      | 'name'
      | 'tiers'
      | 'issueResponseDays'
      | 'contactCadenceDays'
      | 'healthWeights'
      | 'fiscalYearStartMonth'
      | 'timeZone'
      | 'renewalReminderDays'
    >
  >,
) {
  return tx
    .update(workspaces)
    .set({ ...changes, version: sql`${workspaces.version} + 1`, updatedAt: new Date() })
    .where(eq(workspaces.id, workspaceId))
    .returning()
    .then((rows) => rows[0]);
}

export async function anyWorkspaceExists(db: Db | Tx): Promise<boolean> {
  const rows = await db.execute(sql`SELECT EXISTS (SELECT 1 FROM workspaces) AS "exists"`);
  const first = (rows as unknown as { rows: Array<{ exists: boolean }> }).rows[0];
  return Boolean(first?.exists);
}

/** The workspace's time zone, which decides what "today" is for due dates. */
export async function workspaceTimeZone(db: Db | Tx, workspaceId: string): Promise<string> {
  const [row] = await plainRows<{ time_zone: string }>(
    db,
    sql`SELECT time_zone FROM ${workspaces} WHERE id = ${workspaceId}`,
  );
  if (!row) throw new Error('no such workspace');
  return row.time_zone;
}

/** The workspace's date now (`YYYY-MM-DD`): due dates before it are overdue. */
export async function workspaceToday(db: Db | Tx, workspaceId: string): Promise<string> {
  return dateAt(Date.now(), await workspaceTimeZone(db, workspaceId));
}

/**
 * The date at `now` in the time zone of the workspace a set-based statement reads (`workspaces`
 * in its FROM), as SQL: the sweeps' "today", workspace by workspace.
 */
export function workspaceTodaySql(now: Date): SQL {
  return sql`(${now.toISOString()}::timestamptz AT TIME ZONE ${workspaces.timeZone})::date`;
}
