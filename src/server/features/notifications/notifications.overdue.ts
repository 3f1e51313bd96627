import { type SQL, sql } from 'drizzle-orm';
import { defaultEmailSwitches } from '../../../domain/notifications';
import type { Database, Tx } from '../../db/client';
import { notificationPreferences, notifications } from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import { overdueIssueNotices } from '../issues/issues.service';
import { overdueTaskNotices } from '../tasks/tasks.service';
import {
  mailJobsOf,
  type NotificationMailJob,
  type SweptNotice,
  writtenWithMailSwitch,
} from './notifications.delivery';

/** How many notices one transaction writes; a sweep after long downtime takes several. */
const OVERDUE_BATCH = 1_000;

/**
 * The work that can be overdue, as rows of (workspace_id, subject_type, subject_id, recipient_id,
 * due_on, title): tasks for their assignee, issues for their owner. Each feature says which of
 * its records are overdue; this module only announces them.
 */
function overdueNoticeSources(now: Date): SQL {
  return sql`(${overdueTaskNotices(now)}) UNION ALL (${overdueIssueNotices(now)})`;
}

/**
 * Notifies the assignee of every overdue task and the owner of every overdue issue, once per
 * record, recipient and due date: a later sweep finds the notice and skips it, a moved due date
 * that passes again is a new notice. Set-based across workspaces: each batch is one INSERT …
 * SELECT and one insert of the mail jobs (for those whose overdue switch is on), committed
 * together. Answers how many notifications it wrote.
 */
export async function sweepOverdue(
  database: Database,
  enqueueMany: (tx: Tx, jobs: NotificationMailJob[]) => Promise<void>,
  now: Date,
): Promise<number> {
  let written = 0;
  for (;;) {
    const batch = await database.transaction(async (tx) => {
      const result = (await tx.execute(sql`
        WITH due AS (
          SELECT d.* FROM (${overdueNoticeSources(now)}) AS d
          WHERE NOT EXISTS (
            SELECT 1 FROM ${notifications} n
            WHERE n.kind = 'overdue' AND n.workspace_id = d.workspace_id
              AND n.subject_type = d.subject_type AND n.subject_id = d.subject_id
              AND n.recipient_id = d.recipient_id AND n.due_on = d.due_on)
          LIMIT ${OVERDUE_BATCH}
        ), written AS (
          INSERT INTO ${notifications}
            (id, workspace_id, recipient_id, kind, subject_type, subject_id, title, due_on)
          SELECT ${uuidv7Sql}, d.workspace_id, d.recipient_id, 'overdue', d.subject_type,
            d.subject_id, left(d.title, 300), d.due_on
          FROM due AS d
          ON CONFLICT (workspace_id, subject_type, subject_id, recipient_id, due_on)
            WHERE kind = 'overdue' DO NOTHING
          RETURNING id, workspace_id, recipient_id
        )
        ${writtenWithMailSwitch(notificationPreferences.emailOverdue, defaultEmailSwitches.overdue)}`)) as unknown as {
        rows: SweptNotice[];
      };
      await enqueueMany(tx, mailJobsOf(result.rows));
      return result.rows.length;
    });
    written += batch;
    if (batch < OVERDUE_BATCH) return written;
  }
}
