import { sql } from 'drizzle-orm';
import { defaultEmailSwitches } from '../../../domain/notifications';
import type { Database, Tx } from '../../db/client';
import {
  agreementObligations,
  agreements,
  members,
  notificationPreferences,
  notifications,
  workspaces,
} from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import {
  mailJobsOf,
  type NotificationMailJob,
  type SweptNotice,
  writtenWithMailSwitch,
} from '../notifications/notifications.delivery';

/** How many obligations one transaction announces; a sweep after long downtime takes several. */
const SWEEP_BATCH = 1_000;

/**
 * The overdue obligation sweep (decision 058): every open obligation whose next due date is
 * before its workspace's today, and not yet announced for that date, is announced to its owner
 * (or, unowned, to its agreement's owner) as an `obligation_overdue` notification, and its
 * `notified_due_on` becomes that date, in the same statement. So each occurrence is told once,
 * a second run changes nothing, and a run after downtime finds every date it missed. Obligations
 * nobody owns wait, unmarked, until someone does. Set-based across workspaces, in batches, each
 * committed with the mail jobs of those whose switch is on; the mail re-reads the member when
 * it is sent. Answers how many notifications it wrote.
 */
export async function sweepOverdueObligations(
  database: Pick<Database, 'transaction'>,
  enqueueMany: (tx: Tx, jobs: NotificationMailJob[]) => Promise<void>,
  now: Date,
): Promise<number> {
  let written = 0;
  for (;;) {
    const batch = await database.transaction(async (tx) => {
      const result = (await tx.execute(sql`
        WITH due AS (
          SELECT o.workspace_id, o.id, o.agreement_id, o.next_due_on, o.description,
            a.title AS agreement_title, coalesce(o.owner_id, a.owner_id) AS recipient_id
          FROM ${agreementObligations} o
          JOIN ${workspaces} w ON w.id = o.workspace_id
          JOIN ${agreements} a ON a.workspace_id = o.workspace_id AND a.id = o.agreement_id
          WHERE o.status = 'open' AND o.next_due_on IS NOT NULL
            AND o.next_due_on < (${now.toISOString()}::timestamptz AT TIME ZONE w.time_zone)::date
            AND (o.notified_due_on IS NULL OR o.notified_due_on < o.next_due_on)
            AND coalesce(o.owner_id, a.owner_id) IS NOT NULL
          ORDER BY o.next_due_on, o.workspace_id, o.id
          LIMIT ${SWEEP_BATCH}
          FOR UPDATE OF o SKIP LOCKED
        ), marked AS (
          UPDATE ${agreementObligations} o SET notified_due_on = due.next_due_on
          FROM due WHERE o.workspace_id = due.workspace_id AND o.id = due.id
        ), written AS (
          INSERT INTO ${notifications}
            (id, workspace_id, recipient_id, kind, subject_type, subject_id, title, due_on)
          SELECT ${uuidv7Sql}, due.workspace_id, due.recipient_id, 'obligation_overdue',
            'agreement', due.agreement_id,
            left(due.description || ' (' || due.agreement_title || ')', 300), due.next_due_on::text
          FROM due
          -- A member of the obligation's own workspace, as the foreign keys hold; said once more.
          JOIN ${members} m ON m.workspace_id = due.workspace_id AND m.id = due.recipient_id
          RETURNING id, workspace_id, recipient_id
        )
        ${writtenWithMailSwitch(
          notificationPreferences.emailObligationOverdue,
          defaultEmailSwitches.obligationOverdue,
        )}`)) as unknown as { rows: SweptNotice[] };
      await enqueueMany(tx, mailJobsOf(result.rows));
      return result.rows.length;
    });
    written += batch;
    if (batch < SWEEP_BATCH) return written;
  }
}
