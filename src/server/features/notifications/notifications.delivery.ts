import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { WorkspaceId } from '../../../domain/ids';
import {
  emailSwitchOf,
  type NotificationKind,
  notificationKinds,
} from '../../../domain/notifications';
import { systemScope } from '../../access/scope';
import type { Database, Tx } from '../../db/client';
import { notificationPreferences } from '../../db/schema';
import { deliverOnce } from '../../jobs/deliver-once';
import type { Mailer } from '../../mail/mailer';
import { memberAddresses } from '../members/members.service';
import { notificationMessage } from './notifications.mail';
import {
  findPreferences,
  insertOutboxRow,
  membersDueDigest,
  notificationsByIds,
  setLastDigest,
  takeForDigest,
} from './notifications.queries';
import { switchesOf } from './notifications.view';

/** The queued mail of one notification, or of a digest: ids only, so it is read at send time. */
export type NotificationMailJob = {
  workspaceId: string;
  recipientId: string;
  notificationIds: string[];
  digest: boolean;
};

/** A notification a set-based sweep wrote, with whether its recipient wants it by email. */
export type SweptNotice = { id: string; workspace_id: string; recipient_id: string; mail: boolean };

/**
 * The last step of a sweep's statement: what its `written` step (an INSERT INTO notifications
 * … RETURNING id, workspace_id, recipient_id) wrote, each with its recipient's email switch
 * `column` of notification_preferences, or `fallback` for a member who never set one.
 */
export function writtenWithMailSwitch(column: AnyColumn, fallback: boolean): SQL {
  return sql`SELECT w.id, w.workspace_id, w.recipient_id, coalesce(${column}, ${fallback}) AS mail
    FROM written AS w
    LEFT JOIN ${notificationPreferences}
      ON ${notificationPreferences.workspaceId} = w.workspace_id
      AND ${notificationPreferences.memberId} = w.recipient_id`;
}

/** One mail job for each swept notice whose recipient wants the email. */
export function mailJobsOf(rows: SweptNotice[]): NotificationMailJob[] {
  return rows
    .filter((row) => row.mail)
    .map((row) => ({
      workspaceId: row.workspace_id,
      recipientId: row.recipient_id,
      notificationIds: [row.id],
      digest: false,
    }));
}

/**
 * Sends (or, without SMTP, writes to the outbox) the mail of a queued notification job. Everything
 * is read again now: a member who left gets nothing, a switch turned off since stops the mail,
 * a digest leaves out what was read meanwhile.
 */
export async function deliverNotificationMail(
  database: Database,
  mailer: Mailer | null,
  publicUrl: string,
  job: NotificationMailJob,
  jobId: string,
): Promise<'sent' | 'outbox' | 'skipped'> {
  const db = database.db;
  const scope = systemScope(job.workspaceId as WorkspaceId, 'job:notification.email');
  const recipient = (await memberAddresses(db, scope, [job.recipientId])).get(job.recipientId);
  if (!recipient) return 'skipped';
  const switches = switchesOf(await findPreferences(db, job.workspaceId, job.recipientId));
  const rows = (
    await notificationsByIds(db, job.workspaceId, job.recipientId, job.notificationIds)
  ).filter((row) =>
    job.digest
      ? switches.digest && row.readAt === null
      : notificationKinds.includes(row.kind as NotificationKind) &&
        switches[emailSwitchOf[row.kind as NotificationKind]],
  );
  if (rows.length === 0) return 'skipped';
  const actors = await memberAddresses(
    db,
    scope,
    rows.flatMap((row) => (row.actorId ? [row.actorId] : [])),
  );
  const message = notificationMessage(
    recipient.email,
    publicUrl,
    rows.map((row) => ({
      ...row,
      actorName: row.actorId ? (actors.get(row.actorId)?.name ?? null) : null,
    })),
    job.digest,
  );
  if (!mailer) {
    await insertOutboxRow(db, {
      id: jobId,
      workspaceId: job.workspaceId,
      memberId: job.recipientId,
      toAddress: message.to,
      subject: message.subject,
      text: message.text,
    });
    return 'outbox';
  }
  await deliverOnce(database, { channel: 'email', id: jobId }, () => mailer.send(message, jobId));
  return 'sent';
}

const HOUR_MS = 60 * 60 * 1000;
/** A digest goes out at most once in this long, so an hourly schedule makes it daily. */
export const DIGEST_SPACING_MS = 23 * HOUR_MS;
const DIGEST_BATCH = 500;

/**
 * Queues a digest for each member due one. Idempotent: taking the notifications and stamping
 * the member's last digest commit with the queued mail, so a second run finds nothing; a run
 * after downtime finds everything still undigested, so nothing is skipped.
 */
export async function queueDigests(
  database: Database,
  enqueue: (tx: Tx, job: NotificationMailJob) => Promise<void>,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - DIGEST_SPACING_MS);
  let queued = 0;
  for (;;) {
    const due = await membersDueDigest(database.db, since, DIGEST_BATCH);
    for (const { workspaceId, memberId } of due) {
      await database.transaction(async (tx) => {
        const prefs = await findPreferences(tx, workspaceId, memberId, { forUpdate: true });
        if (!prefs?.emailDigest || (prefs.lastDigestAt && prefs.lastDigestAt >= since)) return;
        const ids = await takeForDigest(tx, workspaceId, memberId, now);
        await setLastDigest(tx, workspaceId, memberId, now);
        if (ids.length === 0) return;
        await enqueue(tx, {
          workspaceId,
          recipientId: memberId,
          notificationIds: ids,
          digest: true,
        });
        queued += 1;
      });
    }
    if (due.length < DIGEST_BATCH) return queued;
  }
}
