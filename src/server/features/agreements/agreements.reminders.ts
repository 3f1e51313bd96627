import { sql } from 'drizzle-orm';
import { defaultEmailSwitches } from '../../../domain/notifications';
import { permissions } from '../../../domain/permissions';
import type { Tx } from '../../db/client';
import { pgArray } from '../../db/pg-array';
import {
  agreementReminders,
  agreements,
  members,
  notificationPreferences,
  notifications,
  workspaces,
} from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import {
  type NotificationMailJob,
  type SweptNotice,
  writtenWithMailSwitch,
} from '../notifications/notifications.delivery';

/** Mail jobs take this many reminders of one owner each: one mail per sweep, not one per agreement. */
const REMINDERS_PER_MAIL = 50;

export type EnqueueMail = (tx: Tx, jobs: NotificationMailJob[]) => Promise<void>;

/**
 * Renewal reminders (decision 059), one statement over every workspace, each by its own date:
 * for each agreement in force with an owner who may read agreements, and each of its notice
 * deadline (when it has a notice period) and end date not yet passed, the reminder with the
 * shortest lead time whose day has come (`dueReminders` in the domain is the same rule). A row
 * in `agreement_reminders` keyed by (agreement, date kind, term end, lead time) is the memory:
 * a reminder with that lead or a shorter one for the same term means it was sent, so a second
 * run writes nothing and a run after downtime sends only the latest missed one. Each new row
 * becomes an in-app notification to the owner and, for owners whose renewal switch is on, a
 * queued mail, addressed and re-checked against the workspace's members when it is sent.
 */
export async function sendRenewalReminders(
  tx: Tx,
  now: Date,
  enqueueMail: EnqueueMail,
): Promise<number> {
  const instant = now.toISOString();
  // Any workspace's date is within a day of UTC's: a constant bound lets the in-force index serve.
  const earliest = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const readers = pgArray(permissions['agreement.read']);
  const result = (await tx.execute(sql`
    WITH due AS (
      SELECT a.workspace_id, a.id, a.owner_id, a.title, a.auto_renew, a.end_on, t.target,
        t.target_on, w.today,
        (SELECT min(l::int) FROM jsonb_array_elements_text(w.leads -> t.setting) AS l
          WHERE t.target_on - l::int <= w.today) AS lead_days
      FROM ${agreements} a
      JOIN (SELECT id, (${instant}::timestamptz AT TIME ZONE time_zone)::date AS today,
          renewal_reminder_days AS leads
        FROM ${workspaces}) w ON w.id = a.workspace_id
      JOIN ${members} m ON m.workspace_id = a.workspace_id AND m.id = a.owner_id
        AND m.role = ANY(${readers}::text[])
      CROSS JOIN LATERAL (VALUES ('notice_deadline', 'noticeDeadline', a.end_on - a.notice_days),
        ('end_date', 'endDate', a.end_on)) AS t(target, setting, target_on)
      WHERE a.status IN ('active', 'expiring') AND a.end_on >= ${earliest}::date
        AND (t.target = 'end_date' OR a.notice_days > 0)
    ),
    fresh AS (
      SELECT d.* FROM due d
      WHERE d.lead_days IS NOT NULL AND d.target_on >= d.today
        AND NOT EXISTS (SELECT 1 FROM ${agreementReminders} r
          WHERE r.workspace_id = d.workspace_id AND r.agreement_id = d.id
            AND r.target = d.target AND r.term_end_on = d.end_on AND r.lead_days <= d.lead_days)
    ),
    sent AS (
      INSERT INTO ${agreementReminders}
        (workspace_id, agreement_id, target, term_end_on, lead_days, sent_on)
      SELECT workspace_id, id, target, end_on, lead_days, today FROM fresh
      ON CONFLICT DO NOTHING
      RETURNING workspace_id, agreement_id, target
    ),
    written AS (
      INSERT INTO ${notifications}
        (id, workspace_id, recipient_id, kind, subject_type, subject_id, title)
      SELECT ${uuidv7Sql}, f.workspace_id, f.owner_id, 'renewal', 'agreement', f.id,
        left(f.title || ': ' || CASE
            WHEN f.target = 'notice_deadline' THEN 'notice deadline'
            WHEN f.auto_renew THEN 'renews automatically'
            ELSE 'ends' END
          || ' ' || to_char(f.target_on, 'YYYY-MM-DD') || CASE f.target_on - f.today
            WHEN 0 THEN ' (today)' WHEN 1 THEN ' (tomorrow)'
            ELSE ' (in ' || (f.target_on - f.today) || ' days)' END, 300)
      FROM sent s JOIN fresh f ON f.workspace_id = s.workspace_id AND f.id = s.agreement_id
        AND f.target = s.target
      RETURNING id, workspace_id, recipient_id
    )
    ${writtenWithMailSwitch(notificationPreferences.emailRenewal, defaultEmailSwitches.renewal)}
    ORDER BY w.workspace_id, w.recipient_id, w.id`)) as unknown as { rows: SweptNotice[] };
  await enqueueMail(tx, mailJobs(result.rows));
  return result.rows.length;
}

/** One mail job per owner (up to `REMINDERS_PER_MAIL` reminders each) for those who want mail. */
function mailJobs(rows: SweptNotice[]): NotificationMailJob[] {
  const jobs: NotificationMailJob[] = [];
  let current: NotificationMailJob | null = null;
  for (const row of rows) {
    if (!row.mail) continue;
    if (
      !current ||
      current.workspaceId !== row.workspace_id ||
      current.recipientId !== row.recipient_id ||
      current.notificationIds.length >= REMINDERS_PER_MAIL
    ) {
      current = {
        workspaceId: row.workspace_id,
        recipientId: row.recipient_id,
        notificationIds: [],
        digest: false,
      };
      jobs.push(current);
    }
    current.notificationIds.push(row.id);
  }
  return jobs;
}
