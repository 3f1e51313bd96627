import type { JobName } from './jobs';

/**
 * When the recurring jobs run: pg-boss schedules, in UTC, that `prepareJobs` writes and working
 * processes send when they fall due.
 */

/** Expired rows are purged once an hour, by whichever working process the schedule reaches. */
export const purgeSchedule = { name: 'maintenance.purge', cron: '17 * * * *' } as const;
/** Hourly, so a digest missed while no process ran goes out within the hour after; each member gets one a day. */
export const digestSchedule = { name: 'notification.digest', cron: '41 * * * *' } as const;
/** Hourly, so work that fell due while no process ran is announced within the hour after. */
export const overdueSchedule = { name: 'notification.overdue', cron: '7 * * * *' } as const;
/** Hourly, so a day missed while no process ran is snapshotted within the hour; each workspace once a day (UTC). */
export const healthSchedule = { name: 'health.snapshot', cron: '3 * * * *' } as const;
/** Hourly, so a day missed while no process ran is refreshed within the hour; each KPI once a day in its workspace's time zone. */
export const kpiRefreshSchedule = { name: 'kpi.refresh', cron: '11 * * * *' } as const;
/** Hourly, so a meeting logged ahead of time counts as a touch within the hour after it. */
export const cadenceSchedule = { name: 'cadence.catch-up', cron: '29 * * * *' } as const;
/** Every 15 minutes: a report due at 07:00 local goes out by 07:15, in any zone's offset. */
export const reportSchedule = { name: 'report.due', cron: '*/15 * * * *' } as const;
/**
 * Hourly, so each workspace's agreements move within the hour after its local midnight, and a
 * day missed while no process ran is caught up within the hour after one starts.
 */
export const agreementSweepSchedule = { name: 'agreement.sweep', cron: '23 * * * *' } as const;
/**
 * Hourly, so an obligation is announced within the hour after its workspace's midnight makes it
 * overdue, and what fell due while no process ran within the hour after one starts.
 */
export const obligationOverdueSchedule = {
  name: 'obligation.overdue',
  cron: '37 * * * *',
} as const;
/** A job schedule as `prepareJobs` writes it (in UTC, with no data). */
export type JobSchedule = {
  name: JobName;
  cron: string;
  /** Options the scheduled jobs are sent with. */
  options?: { expireInSeconds: number };
};
export const schedules: JobSchedule[] = [
  purgeSchedule,
  digestSchedule,
  overdueSchedule,
  // A large workspace takes longer than a mail: the job may run for minutes before it expires.
  { ...healthSchedule, options: { expireInSeconds: 15 * 60 } },
  // Like the health snapshot: a workspace of 50 000 KPIs takes longer than a mail.
  { ...kpiRefreshSchedule, options: { expireInSeconds: 15 * 60 } },
  // One pass per workspace: more than a mail's expiry on a large one.
  { ...cadenceSchedule, options: { expireInSeconds: 5 * 60 } },
  reportSchedule,
  // Three statements over every workspace: a large set takes longer than a mail.
  { ...agreementSweepSchedule, options: { expireInSeconds: 15 * 60 } },
  // Batches of a thousand over every workspace: after downtime, more than a mail's expiry.
  { ...obligationOverdueSchedule, options: { expireInSeconds: 15 * 60 } },
];
