import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { WorkspaceId } from '../../../domain/ids';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { pgArray } from '../../db/pg-array';
import { reportRecipients, reportSubscriptions } from '../../db/schema';

export type SubscriptionRow = typeof reportSubscriptions.$inferSelect;
export type NewSubscriptionRow = typeof reportSubscriptions.$inferInsert;
export type RecipientRow = typeof reportRecipients.$inferSelect;
export type NewRecipientRow = typeof reportRecipients.$inferInsert;

const inWorkspace = (workspaceId: WorkspaceId, id: string) =>
  and(eq(reportSubscriptions.workspaceId, workspaceId), eq(reportSubscriptions.id, id));

export function findSubscription(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SubscriptionRow | undefined> {
  const query = db.select().from(reportSubscriptions).where(inWorkspace(scope.workspaceId, id));
  return (options.forUpdate ? query.for('update') : query).then((rows) => rows[0]);
}

/** One page of the workspace's subscriptions, oldest first (ids are time-ordered). */
export function listSubscriptionRows(
  db: Db | Tx,
  scope: Scope,
  after: string | null,
  limit: number,
) {
  return db
    .select()
    .from(reportSubscriptions)
    .where(
      and(
        eq(reportSubscriptions.workspaceId, scope.workspaceId),
        after ? gt(reportSubscriptions.id, after) : undefined,
      ),
    )
    .orderBy(asc(reportSubscriptions.id))
    .limit(limit);
}

export async function insertSubscriptionRow(tx: Tx, row: NewSubscriptionRow) {
  const [inserted] = await tx.insert(reportSubscriptions).values(row).returning();
  if (!inserted) throw new Error('subscription not inserted');
  return inserted;
}

export async function updateSubscriptionRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewSubscriptionRow>,
) {
  const [row] = await tx
    .update(reportSubscriptions)
    .set(set)
    .where(inWorkspace(scope.workspaceId, id))
    .returning();
  if (!row) throw new Error('subscription vanished under its lock');
  return row;
}

export function deleteSubscriptionRow(tx: Tx, scope: Scope, id: string) {
  return tx.delete(reportSubscriptions).where(inWorkspace(scope.workspaceId, id));
}

export function findRecipientRows(db: Db | Tx, scope: Scope, subscriptionIds: string[]) {
  if (subscriptionIds.length === 0) return Promise.resolve([] as RecipientRow[]);
  return db
    .select()
    .from(reportRecipients)
    .where(
      and(
        eq(reportRecipients.workspaceId, scope.workspaceId),
        inArray(reportRecipients.subscriptionId, subscriptionIds),
      ),
    )
    .orderBy(asc(reportRecipients.createdAt), asc(reportRecipients.id));
}

export async function insertRecipientRows(tx: Tx, rows: NewRecipientRow[]) {
  if (rows.length === 0) return [];
  return tx.insert(reportRecipients).values(rows).returning();
}

export function deleteRecipientRow(tx: Tx, scope: Scope, subscriptionId: string, id: string) {
  return tx
    .delete(reportRecipients)
    .where(
      and(
        eq(reportRecipients.workspaceId, scope.workspaceId),
        eq(reportRecipients.subscriptionId, subscriptionId),
        eq(reportRecipients.id, id),
      ),
    )
    .returning()
    .then((rows) => rows[0]);
}

/** The recipient an unsubscribe token names, in the workspace the token names; locked. */
export function findRecipientByTokenHash(tx: Tx, workspaceId: WorkspaceId, tokenHash: string) {
  return tx
    .select()
    .from(reportRecipients)
    .where(
      and(eq(reportRecipients.workspaceId, workspaceId), eq(reportRecipients.tokenHash, tokenHash)),
    )
    .for('update')
    .then((rows) => rows[0]);
}

/** Marks a recipient unsubscribed once: null when it already was. */
export function markUnsubscribed(tx: Tx, workspaceId: WorkspaceId, id: string, at: Date) {
  return tx
    .update(reportRecipients)
    .set({ unsubscribedAt: at })
    .where(
      and(
        eq(reportRecipients.workspaceId, workspaceId),
        eq(reportRecipients.id, id),
        isNull(reportRecipients.unsubscribedAt),
      ),
    )
    .returning()
    .then((rows) => rows[0]);
}

/** Subscriptions a leaving member made lose their owner; they go on being sent. */
export function releaseOwner(tx: Tx, workspaceId: WorkspaceId, memberId: string) {
  return tx
    .update(reportSubscriptions)
    .set({ ownerMemberId: null })
    .where(
      and(
        eq(reportSubscriptions.workspaceId, workspaceId),
        eq(reportSubscriptions.ownerMemberId, memberId),
      ),
    )
    .returning({ id: reportSubscriptions.id });
}

/**
 * Active subscriptions due by `now`, across workspaces, locked for this sweep and skipped by any
 * other sweep running at once.
 */
export function takeDueSubscriptions(tx: Tx, now: Date, limit: number) {
  return tx
    .select()
    .from(reportSubscriptions)
    .where(
      and(
        eq(reportSubscriptions.status, 'active'),
        sql`${reportSubscriptions.nextRunAt} <= ${now.toISOString()}`,
      ),
    )
    .orderBy(asc(reportSubscriptions.nextRunAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Moves each taken subscription's next run, in one statement. */
export async function setNextRuns(tx: Tx, next: Array<{ id: string; at: Date }>) {
  if (next.length === 0) return;
  await tx.execute(sql`
    UPDATE report_subscriptions AS s SET next_run_at = v.at
    FROM unnest(${pgArray(next.map((n) => n.id))}::uuid[],
                ${pgArray(next.map((n) => n.at.toISOString()))}::timestamptz[]) AS v(id, at)
    WHERE s.id = v.id`);
}
