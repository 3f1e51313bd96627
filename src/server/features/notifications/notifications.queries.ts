import { and, count, eq, inArray, isNotNull, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { notificationPreferences, notifications, outbox } from '../../db/schema';
import type { ListPlan } from '../../http/list';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;
export type PreferencesRow = typeof notificationPreferences.$inferSelect;
export type NewPreferencesRow = typeof notificationPreferences.$inferInsert;
export type OutboxRow = typeof outbox.$inferSelect;

/** A recipient sees their own notifications, in their own workspace, and nobody else's. */
function mine(workspaceId: string, memberId: string): SQL {
  return and(
    eq(notifications.workspaceId, workspaceId),
    eq(notifications.recipientId, memberId),
  ) as SQL;
}

export async function insertNotificationRow(
  tx: Tx,
  row: NewNotificationRow,
): Promise<NotificationRow> {
  const [inserted] = await tx.insert(notifications).values(row).returning();
  if (!inserted) throw new Error('notification insert returned no row');
  return inserted;
}

export function listNotificationRows(
  db: Db | Tx,
  workspaceId: string,
  memberId: string,
  plan: ListPlan,
) {
  return db
    .select({ ...notificationColumns, cursor: plan.cursor })
    .from(notifications)
    .where(and(mine(workspaceId, memberId), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

const notificationColumns = {
  id: notifications.id,
  workspaceId: notifications.workspaceId,
  recipientId: notifications.recipientId,
  kind: notifications.kind,
  subjectType: notifications.subjectType,
  subjectId: notifications.subjectId,
  title: notifications.title,
  actorId: notifications.actorId,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
  digestedAt: notifications.digestedAt,
};

export async function countUnread(db: Db | Tx, workspaceId: string, memberId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(workspaceId, memberId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function findNotification(
  db: Db | Tx,
  workspaceId: string,
  memberId: string,
  id: string,
) {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(mine(workspaceId, memberId), eq(notifications.id, id)))
    .limit(1);
  return row;
}

/** Marks the given (or, without ids, all) unread notifications of the member read. */
export async function markRead(
  tx: Tx,
  workspaceId: string,
  memberId: string,
  at: Date,
  ids?: string[],
) {
  return tx
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        mine(workspaceId, memberId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
}

/** Notifications of one recipient by id (a job's list), oldest first. */
export function notificationsByIds(
  db: Db | Tx,
  workspaceId: string,
  memberId: string,
  ids: string[],
) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(notifications)
    .where(and(mine(workspaceId, memberId), inArray(notifications.id, ids)))
    .orderBy(notifications.id);
}

export async function findPreferences(
  db: Db | Tx,
  workspaceId: string,
  memberId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PreferencesRow | undefined> {
  const query = db
    .select()
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.workspaceId, workspaceId),
        eq(notificationPreferences.memberId, memberId),
      ),
    );
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function upsertPreferences(tx: Tx, row: NewPreferencesRow): Promise<PreferencesRow> {
  const { workspaceId: _w, memberId: _m, ...set } = row;
  const [saved] = await tx
    .insert(notificationPreferences)
    .values(row)
    .onConflictDoUpdate({
      target: [notificationPreferences.workspaceId, notificationPreferences.memberId],
      set,
    })
    .returning();
  if (!saved) throw new Error('preferences upsert returned no row');
  return saved;
}

/**
 * Members due a digest: they asked for one, none was queued for them since `since`, and they
 * have unread notifications no digest took yet. Set-based, across workspaces.
 */
export async function membersDueDigest(db: Db, since: Date, limit: number) {
  return db
    .selectDistinct({
      workspaceId: notificationPreferences.workspaceId,
      memberId: notificationPreferences.memberId,
    })
    .from(notificationPreferences)
    .innerJoin(
      notifications,
      and(
        eq(notifications.workspaceId, notificationPreferences.workspaceId),
        eq(notifications.recipientId, notificationPreferences.memberId),
        isNull(notifications.readAt),
        isNull(notifications.digestedAt),
      ),
    )
    .where(
      and(
        eq(notificationPreferences.emailDigest, true),
        or(
          isNull(notificationPreferences.lastDigestAt),
          lt(notificationPreferences.lastDigestAt, since),
        ),
      ),
    )
    .limit(limit);
}

/** Takes the member's undigested unread notifications for a digest; answers their ids. */
export async function takeForDigest(tx: Tx, workspaceId: string, memberId: string, at: Date) {
  const rows = await tx
    .update(notifications)
    .set({ digestedAt: at })
    .where(
      and(
        mine(workspaceId, memberId),
        isNull(notifications.readAt),
        isNull(notifications.digestedAt),
      ),
    )
    .returning({ id: notifications.id });
  return rows.map((row) => row.id);
}

export function setLastDigest(tx: Tx, workspaceId: string, memberId: string, at: Date) {
  return tx
    .update(notificationPreferences)
    .set({ lastDigestAt: at })
    .where(
      and(
        eq(notificationPreferences.workspaceId, workspaceId),
        eq(notificationPreferences.memberId, memberId),
      ),
    );
}

/** A leaving member: their notifications, switches and outbox mail go; as actor they are forgotten. */
export async function deleteMemberNotifications(tx: Tx, workspaceId: string, memberId: string) {
  const removed = await tx
    .delete(notifications)
    .where(mine(workspaceId, memberId))
    .returning({ id: notifications.id });
  await tx
    .update(notifications)
    .set({ actorId: null })
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        isNotNull(notifications.actorId),
        eq(notifications.actorId, memberId),
      ),
    );
  await tx
    .delete(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.workspaceId, workspaceId),
        eq(notificationPreferences.memberId, memberId),
      ),
    );
  const mail = await tx
    .delete(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.memberId, memberId)))
    .returning({ id: outbox.id });
  return { notifications: removed.length, outboxMail: mail.length };
}

/** Writes a mail to the outbox once per id (the job's), however often the job runs. */
export async function insertOutboxRow(db: Db, row: typeof outbox.$inferInsert) {
  await db.insert(outbox).values(row).onConflictDoNothing();
}

export function listOutboxRows(db: Db | Tx, workspaceId: string, plan: ListPlan) {
  return db
    .select({ ...outboxColumns, cursor: plan.cursor })
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

const outboxColumns = {
  id: outbox.id,
  workspaceId: outbox.workspaceId,
  memberId: outbox.memberId,
  toAddress: outbox.toAddress,
  subject: outbox.subject,
  text: outbox.text,
  createdAt: outbox.createdAt,
};
