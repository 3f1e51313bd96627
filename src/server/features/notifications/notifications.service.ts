import type { MemberId } from '../../../domain/ids';
import {
  type EmailSwitch,
  emailSwitchOf,
  type Notification,
  type NotificationKind,
  type NotificationPreferences,
  type NotificationPreferencesUpdate,
  NotifyInput,
} from '../../../domain/notifications';
import { callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import { memberAddresses } from '../members/members.service';
import { plainLine } from './notifications.mail';
import {
  countUnread,
  deleteMemberNotifications,
  findNotification,
  findPreferences,
  insertNotificationRow,
  markRead,
  upsertPreferences,
} from './notifications.queries';
import { switchesOf, toNotification, toPreferences } from './notifications.view';

/** The member whose notifications these are: the signed-in member; API keys have none. */
export function recipientOf(scope: Scope): MemberId {
  const memberId = callerMemberId(scope);
  if (!memberId)
    throw errors.forbidden('Notifications belong to a signed-in member; API keys have none');
  return memberId;
}

/**
 * Notifies a member, inside the caller's transaction (so it exists iff the change committed):
 * writes the in-app notification and, when the member's switch for the kind is on, queues its
 * mail, which is addressed and re-checked only when sent. A recipient outside the workspace is
 * the 422 `recipientId`; the actor is never notified of their own act (answers null).
 */
export async function notify(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  input: NotifyInput,
): Promise<Notification | null> {
  const data = NotifyInput.parse(input);
  const actorId = data.actorId === undefined ? callerMemberId(scope) : data.actorId;
  if (actorId !== null && actorId === data.recipientId) return null;
  const people = await memberAddresses(tx, scope, [
    data.recipientId,
    ...(actorId ? [actorId] : []),
  ]);
  if (!people.has(data.recipientId)) throw errors.invalidReference('recipientId', 'member');
  if (actorId && !people.has(actorId)) throw errors.invalidReference('actorId', 'member');
  const row = await insertNotificationRow(tx, {
    id: newId(),
    workspaceId: scope.workspaceId,
    recipientId: data.recipientId,
    kind: data.kind,
    subjectType: data.subjectType,
    subjectId: data.subjectId,
    title: plainLine(data.title, 300),
    actorId,
  });
  const switches = switchesOf(await findPreferences(tx, scope.workspaceId, data.recipientId));
  if (switches[emailSwitchOf[data.kind as NotificationKind]]) {
    await ctx.jobs.enqueue(tx, 'notification.email', {
      workspaceId: scope.workspaceId,
      recipientId: data.recipientId,
      notificationIds: [row.id],
      digest: false,
    });
  }
  return toNotification(row, actorId ? (people.get(actorId)?.name ?? null) : null);
}

export async function unreadCount(ctx: ServiceContext, scope: Scope) {
  return { unread: await countUnread(dbOf(ctx), scope.workspaceId, recipientOf(scope)) };
}

/** Marks one of the caller's notifications read; 404 for anyone else's. */
export async function markNotificationRead(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<Notification> {
  const memberId = recipientOf(scope);
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await findNotification(tx, scope.workspaceId, memberId, id);
    if (!current) throw errors.notFound('notification');
    if (current.readAt) return toNotification(current, await actorName(tx, scope, current.actorId));
    const at = new Date();
    await markRead(tx, scope.workspaceId, memberId, at, [id]);
    await recordAudit(tx, ctx, scope, {
      action: 'notification.read',
      entityType: 'notification',
      entityId: id,
      after: { readAt: at.toISOString() },
    });
    return toNotification({ ...current, readAt: at }, await actorName(tx, scope, current.actorId));
  });
}

/** Marks all the caller's unread notifications read, with one audit event naming how many. */
export async function markAllNotificationsRead(ctx: ServiceContext, scope: Scope) {
  const memberId = recipientOf(scope);
  return withTransaction(ctx, async (tx, ctx) => {
    const rows = await markRead(tx, scope.workspaceId, memberId, new Date());
    if (rows.length > 0)
      await recordAudit(tx, ctx, scope, {
        action: 'notification.all_read',
        entityType: 'member',
        entityId: memberId,
        after: { marked: rows.length },
      });
    return { marked: rows.length };
  });
}

async function actorName(tx: Tx, scope: Scope, actorId: string | null) {
  if (!actorId) return null;
  return (await memberAddresses(tx, scope, [actorId])).get(actorId)?.name ?? null;
}

export async function getPreferences(
  ctx: ServiceContext,
  scope: Scope,
): Promise<NotificationPreferences> {
  return toPreferences(await findPreferences(dbOf(ctx), scope.workspaceId, recipientOf(scope)));
}

/** Changes the caller's email switches (If-Match the version read: 0 before the first change). */
export async function updatePreferences(
  ctx: ServiceContext,
  scope: Scope,
  ifMatch: string | undefined,
  input: NotificationPreferencesUpdate,
): Promise<NotificationPreferences> {
  const memberId = recipientOf(scope);
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await findPreferences(tx, scope.workspaceId, memberId, { forUpdate: true });
    const before = toPreferences(current);
    checkIfMatch(ifMatch, before.version, { required: true });
    const email = { ...before.email, ...input.email };
    if (emailSwitchesEqual(email, before.email)) return before;
    const saved = await upsertPreferences(tx, {
      workspaceId: scope.workspaceId,
      memberId,
      emailAssignment: email.assignment,
      emailMention: email.mention,
      emailOverdue: email.overdue,
      emailObligationOverdue: email.obligationOverdue,
      emailRenewal: email.renewal,
      emailDigest: email.digest,
      lastDigestAt: current?.lastDigestAt ?? null,
      version: before.version + 1,
      updatedAt: new Date(),
    });
    const after = toPreferences(saved);
    await recordAudit(tx, ctx, scope, {
      action: 'notification.preferences_updated',
      entityType: 'member',
      entityId: memberId,
      before: before.email,
      after: after.email,
    });
    return after;
  });
}

function emailSwitchesEqual(a: Record<EmailSwitch, boolean>, b: Record<EmailSwitch, boolean>) {
  return (Object.keys(a) as EmailSwitch[]).every((key) => a[key] === b[key]);
}

/** A member leaves: their notifications, switches and kept mail go with them. */
export async function releaseMemberNotifications(
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
): Promise<Record<string, unknown>> {
  const removed = await deleteMemberNotifications(ctx.tx, scope.workspaceId, member.id);
  // Only what there was: most removals find nothing here, and their audit events stay as they were.
  return {
    ...(removed.notifications > 0 ? { removedNotifications: removed.notifications } : {}),
    ...(removed.outboxMail > 0 ? { removedOutboxMail: removed.outboxMail } : {}),
  };
}
