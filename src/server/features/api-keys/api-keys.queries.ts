import { and, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database, Db, Tx } from '../../db/client';
import { apiKeys } from '../../db/schema';
import type { ListPlan } from '../../http/list';

/** A live key as authentication reads it. */
export type KeyRow = {
  id: string;
  workspaceId: string;
  role: string;
  secretHash: string;
  lastUsedAt: Date | null;
};

const liveKeyColumns = `SELECT id, workspace_id AS "workspaceId", role, secret_hash AS "secretHash",
  last_used_at AS "lastUsedAt" FROM api_keys`;
const liveKeyInWorkspace = `${liveKeyColumns}
  WHERE workspace_id = $1 AND prefix = $2 AND revoked_at IS NULL LIMIT 1`;
const liveKeyAnyWorkspace = `${liveKeyColumns} WHERE prefix = $1 AND revoked_at IS NULL LIMIT 1`;

/**
 * A live key by its public prefix, within the workspace the key names when it names one. Every
 * API request runs this, so it goes to the driver as one fixed statement: Drizzle's generic
 * result mapping cost as much as the database's own work here (docs/benchmarks.md).
 */
export async function findActiveKeyByPrefix(
  database: Database,
  key: { prefix: string; workspaceId: string | null },
): Promise<KeyRow | undefined> {
  const { rows } = key.workspaceId
    ? await database.sql(liveKeyInWorkspace, [key.workspaceId, key.prefix])
    : await database.sql(liveKeyAnyWorkspace, [key.prefix]);
  return rows[0] as KeyRow | undefined;
}

/** Stamps last use, at most once a minute per key so busy keys do not write on every call. */
export function touchKey(db: Db, key: { workspaceId: string; id: string }, now: Date) {
  const minuteAgo = new Date(now.getTime() - 60_000);
  return db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.workspaceId, key.workspaceId),
        eq(apiKeys.id, key.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, minuteAgo)),
      ),
    );
}

/** Never the secret's hash: what a list may show. */
const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  role: apiKeys.role,
  prefix: apiKeys.prefix,
  lastUsedAt: apiKeys.lastUsedAt,
  createdAt: apiKeys.createdAt,
};

export function insertKey(
  tx: Tx,
  row: {
    id: string;
    workspaceId: string;
    name: string;
    role: string;
    prefix: string;
    secretHash: string;
    createdBy: string | null;
    createdByKeyId: string | null;
  },
) {
  return tx
    .insert(apiKeys)
    .values(row)
    .returning(publicColumns)
    .then((rows) => rows[0]);
}

export function listActiveKeys(db: Db, workspaceId: string, plan: ListPlan) {
  return db
    .select({ ...publicColumns, cursor: plan.cursor })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/**
 * Revokes the keys `roots` selects and every key made from them, down the chain (a key made by
 * a key made by a revoked key stops too). Answers the ids revoked now.
 */
async function revokeChain(tx: Tx, workspaceId: string, roots: SQL, now: Date) {
  const result = await tx.execute(sql`
    WITH RECURSIVE chain(id) AS (
      SELECT id FROM api_keys WHERE workspace_id = ${workspaceId} AND ${roots}
      UNION
      SELECT k.id FROM api_keys k JOIN chain c ON k.created_by_key_id = c.id
      WHERE k.workspace_id = ${workspaceId}
    )
    UPDATE api_keys SET revoked_at = ${now}
    WHERE workspace_id = ${workspaceId} AND revoked_at IS NULL AND id IN (SELECT id FROM chain)
    RETURNING id`);
  return (result as unknown as { rows: Array<{ id: string }> }).rows;
}

/** A key and every key made from it. */
export function revokeKeyChain(tx: Tx, workspaceId: string, id: string, now: Date) {
  return revokeChain(tx, workspaceId, sql`id = ${id}`, now);
}

/** Keys a member made, and every key made from them, stop working with their access. */
export function revokeKeysCreatedBy(tx: Tx, workspaceId: string, memberId: string, now: Date) {
  return revokeChain(tx, workspaceId, sql`created_by = ${memberId}`, now);
}

/** The key, if it is live, as a list shows it: what revoking it records as `before`. */
export function findActiveKey(tx: Tx, workspaceId: string, id: string) {
  return tx
    .select(publicColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .for('update')
    .then((rows) => rows[0]);
}

/** A member who leaves is no longer named as the creator of keys (they stay, revoked). */
export function forgetKeyCreator(tx: Tx, workspaceId: string, memberId: string) {
  return tx
    .update(apiKeys)
    .set({ createdBy: null })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.createdBy, memberId)));
}
