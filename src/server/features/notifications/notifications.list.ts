import { isNotNull, isNull } from 'drizzle-orm';
import type {
  NotificationListQuery,
  NotificationPage,
  OutboxPage,
} from '../../../domain/notifications';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { notifications, outbox } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { byIdList, pageFrom, planList } from '../../http/list';
import { memberAddresses } from '../members/members.service';
import { listNotificationRows, listOutboxRows } from './notifications.queries';
import { recipientOf } from './notifications.service';
import { toNotification, toOutboxMail } from './notifications.view';

/** Newest first, on the (workspace_id, recipient_id, id) index; `unread` filters on read_at. */
const notificationList = byIdList<NotificationListQuery>(notifications.id, {
  unread: (unread: boolean) =>
    unread ? isNull(notifications.readAt) : isNotNull(notifications.readAt),
});

export async function listMyNotifications(
  ctx: ServiceContext,
  scope: Scope,
  query: NotificationListQuery,
): Promise<NotificationPage> {
  const memberId = recipientOf(scope);
  const plan = planList(ctx.config.secret, notificationList, '-id', query);
  const db = dbOf(ctx);
  const rows = await listNotificationRows(db, scope.workspaceId, memberId, plan);
  const page = pageFrom(ctx.config.secret, plan, rows, (row) => row);
  const actors = await memberAddresses(
    db,
    scope,
    page.items.flatMap((row) => (row.actorId ? [row.actorId] : [])),
  );
  return {
    items: page.items.map((row) =>
      toNotification(row, row.actorId ? (actors.get(row.actorId)?.name ?? null) : null),
    ),
    nextCursor: page.nextCursor,
  };
}

const outboxList = byIdList(outbox.id);

/** The workspace's kept mail, newest first (admins). */
export async function listOutbox(
  ctx: ServiceContext,
  scope: Scope,
  query: { limit: number; cursor?: string | undefined },
): Promise<OutboxPage> {
  const plan = planList(ctx.config.secret, outboxList, '-id', query);
  const rows = await listOutboxRows(dbOf(ctx), scope.workspaceId, plan);
  return pageFrom(ctx.config.secret, plan, rows, toOutboxMail);
}
