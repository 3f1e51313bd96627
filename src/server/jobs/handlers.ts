// What each job does: the service each queue's handler calls, with what it needs from the queue.
import type { Config } from '../config';
import type { ServiceContext } from '../context';
import type { Database } from '../db/client';
import { sweepAgreements } from '../features/agreements/agreements.sweep';
import { snapshotDueWorkspaces } from '../features/health/health.service';
import { refreshOpenKpis } from '../features/kpis/kpis.refresh';
import {
  deliverNotificationMail,
  queueDigests,
} from '../features/notifications/notifications.delivery';
import { sweepOverdue } from '../features/notifications/notifications.overdue';
import { sweepOverdueObligations } from '../features/obligations/obligations.sweep';
import { catchUpLastTouch } from '../features/partners/cadence';
import {
  deliverReport,
  sweepDueReports,
} from '../features/report-subscriptions/report-subscriptions.delivery';
import type { BlobStore } from '../files/blob-store';
import type { Mailer } from '../mail/mailer';
import { renderMail } from '../mail/templates';
import { deliverOnce } from './deliver-once';
import type { JobName, JobPayloads, Jobs } from './jobs';
import { purgeExpired } from './purge';

export type Handlers = { [N in JobName]: (data: JobPayloads[N], jobId: string) => Promise<void> };

export function handlersFor(
  database: Database,
  files: BlobStore,
  mailer: Mailer | null,
  secret: string,
  publicUrl: string,
  enqueue: Jobs['enqueue'],
  enqueueMany: Jobs['enqueueMany'],
): Handlers {
  /**
   * What a job hands the services it calls: of the configuration they read only the secret
   * (list cursors, unsubscribe links) and the public URL; no request, no open transaction.
   */
  const jobContext = (): ServiceContext => ({
    config: { secret, publicUrl } as Config,
    database,
    jobs: { enqueue, enqueueMany, stop: async () => {} },
    files,
    setupToken: null,
    requestId: null,
  });
  return {
    'email.send': async (data, jobId) => {
      // Without SMTP the links are shown to the admin; a queued mail has nowhere to go.
      if (!mailer) throw new Error('SMTP_URL is not set; cannot send mail');
      // The job's id survives its retries: it names the delivery and the Message-ID.
      await deliverOnce(database, { channel: 'email', id: jobId }, () =>
        mailer.send(renderMail(secret, data), jobId),
      );
    },
    'agreement.sweep': async () => {
      await sweepAgreements(database, new Date(), (tx, jobs) =>
        enqueueMany(tx, 'notification.email', jobs),
      );
    },
    'cadence.catch-up': async () => {
      await catchUpLastTouch(database);
    },
    'maintenance.purge': async () => {
      await purgeExpired(database, new Date());
    },
    // Without SMTP the mail lands in the outbox admins read: nothing is dropped.
    'notification.email': async (data, jobId) => {
      await deliverNotificationMail(database, mailer, publicUrl, data, jobId);
    },
    'notification.digest': async () => {
      await queueDigests(database, (tx, job) => enqueue(tx, 'notification.email', job), new Date());
    },
    'notification.overdue': async () => {
      await sweepOverdue(
        database,
        (tx, jobs) => enqueueMany(tx, 'notification.email', jobs),
        new Date(),
      );
    },
    'obligation.overdue': async () => {
      await sweepOverdueObligations(
        database,
        (tx, jobs) => enqueueMany(tx, 'notification.email', jobs),
        new Date(),
      );
    },
    'health.snapshot': async () => {
      await snapshotDueWorkspaces(database, new Date());
    },
    'kpi.refresh': async () => {
      await refreshOpenKpis(database, new Date());
    },
    'report.due': async () => {
      await sweepDueReports(
        jobContext(),
        (tx, jobs) => enqueueMany(tx, 'report.send', jobs),
        new Date(),
      );
    },
    'report.send': async (data, jobId) => {
      await deliverReport(jobContext(), mailer, data, jobId);
    },
  };
}
