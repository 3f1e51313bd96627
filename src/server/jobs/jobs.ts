import type { Tx } from '../db/client';
import type { NotificationMailJob } from '../features/notifications/notifications.delivery';
import type { ReportSendJob } from '../features/report-subscriptions/report-subscriptions.delivery';
import type { MailJob } from '../mail/templates';

/** Names and payloads of the queued jobs Tandem runs. */
export type JobPayloads = {
  'email.send': MailJob;
  /** One notification's mail, or a member's digest, addressed and re-checked when sent. */
  'notification.email': NotificationMailJob;
  /** Queues the daily digests that are due (scheduled hourly, `digestSchedule`). */
  'notification.digest': Record<string, never>;
  /** Notifies the assignees and owners of work past due (scheduled hourly, `overdueSchedule`). */
  'notification.overdue': Record<string, never>;
  /** Tells the owners of agreement obligations past due, once per due date (scheduled hourly, `obligationOverdueSchedule`). */
  'obligation.overdue': Record<string, never>;
  /** Snapshots the health score of every workspace not yet done today (scheduled hourly, `healthSchedule`). */
  'health.snapshot': Record<string, never>;
  /** Recomputes the progress of KPIs of open plans not yet done today (scheduled hourly, `kpiRefreshSchedule`). */
  'kpi.refresh': Record<string, never>;
  /** Recomputes partners' last touch as planned interactions come due (`cadenceSchedule`). */
  'cadence.catch-up': Record<string, never>;
  /** Queues the scheduled reports that are due (scheduled every 15 minutes, `reportSchedule`). */
  'report.due': Record<string, never>;
  /** One scheduled report: its PDF made once, mailed to each recipient, re-checked when sent. */
  'report.send': ReportSendJob;
  /** Moves agreements by their dates (renews, expiring, expired), then reminds owners of renewals (hourly, `agreementSweepSchedule`). */
  'agreement.sweep': Record<string, never>;
  /** Deletes what has expired (scheduled, `purgeSchedule`). */
  'maintenance.purge': Record<string, never>;
};
export type JobName = keyof JobPayloads;

/** The job queue. `enqueue` writes through the caller's transaction, so a job exists iff it committed. */
export interface Jobs {
  enqueue<N extends JobName>(tx: Tx, name: N, data: JobPayloads[N]): Promise<void>;
  /** Many jobs of one queue in one statement, through the caller's transaction. */
  enqueueMany<N extends JobName>(tx: Tx, name: N, data: JobPayloads[N][]): Promise<void>;
  stop(): Promise<void>;
}
