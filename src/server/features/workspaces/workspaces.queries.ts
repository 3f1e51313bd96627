import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
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
