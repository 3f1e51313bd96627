import { eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { WorkspaceId } from '../../../domain/ids';
import type { Database, Db, Tx } from '../../db/client';
import { partners, users, workspaces } from '../../db/schema';

/** Rows per INSERT: well under PostgreSQL's 65 535 parameters for the widest table. */
export const BATCH_ROWS = 1000;

export async function findWorkspace(db: Db | Tx, workspaceId: WorkspaceId) {
  const [row] = await db
    .select({ id: workspaces.id, tiers: workspaces.tiers })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row ?? null;
}

/** Locks the workspace row, so two demo loads into one workspace run one after the other. */
export async function lockWorkspace(tx: Tx, workspaceId: WorkspaceId): Promise<boolean> {
  const rows = await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for('update');
  return rows.length > 0;
}

export async function workspaceHasPartners(db: Db | Tx, workspaceId: WorkspaceId) {
  const rows = await db
    .select({ one: sql`1` })
    .from(partners)
    .where(eq(partners.workspaceId, workspaceId))
    .limit(1);
  return rows.length > 0;
}

export async function takenEmails(db: Db | Tx, emails: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.email, emails));
  return new Set(rows.map((row) => row.email));
}

/** Multi-row INSERTs of `BATCH_ROWS` rows each; `onBatch` hears how many rows each wrote. */
export async function insertInBatches<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: Array<T['$inferInsert']>,
  onBatch: (written: number) => void,
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    await tx.insert(table).values(batch);
    onBatch(batch.length);
  }
}

export async function analyzeLoadedTables(database: Database): Promise<void> {
  await database.sql('ANALYZE partners, partner_domains, contacts, audit_events, members, users');
}
