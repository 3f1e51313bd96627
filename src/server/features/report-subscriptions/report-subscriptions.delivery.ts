import type { WorkspaceId } from '../../../domain/ids';
import { roleCan } from '../../../domain/permissions';
import {
  nextRunAfter,
  type ReportFilters,
  scheduleInWords,
} from '../../../domain/report-subscriptions';
import { memberRole } from '../../../domain/roles';
import { type Scope, systemScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Tx } from '../../db/client';
import { withTransaction } from '../../db/unit-of-work';
import { downloadName, fileNamePart } from '../../http/download';
import { unlessNotFound } from '../../http/errors';
import { deliverOnce } from '../../jobs/deliver-once';
import type { Mailer } from '../../mail/mailer';
import { recordAudit } from '../audit/audit.service';
import { getMember } from '../members/members.service';
import { portfolioReport, scorecardReport } from '../reports/reports.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import { reportMessage } from './report-subscriptions.mail';
import {
  findRecipientRows,
  findSubscription,
  type SubscriptionRow,
  setNextRuns,
  takeDueSubscriptions,
  updateSubscriptionRow,
} from './report-subscriptions.queries';
import { unsubscribeToken, unsubscribeUrl } from './report-subscriptions.tokens';
import {
  addressedRecipients,
  planOf,
  type ReportPlan,
  reportTitle,
  scheduleOfRow,
} from './report-subscriptions.view';

/** The queued delivery of one subscription: ids only, everything is read again when it runs. */
export type ReportSendJob = {
  workspaceId: string;
  subscriptionId: string;
  /** Asked for with "send now": goes out even while the subscription is paused. */
  sentNow: boolean;
};

const SWEEP_BATCH = 100;

/**
 * Queues the delivery of every active subscription whose time has come, and moves its next run
 * to the first one after `now` (once, however many were missed while no process ran). Taking the
 * rows (FOR UPDATE SKIP LOCKED), advancing them and queueing their jobs commit together, so two
 * sweeps at once never queue one twice and a crash queues nothing half.
 */
export async function sweepDueReports(
  ctx: ServiceContext,
  enqueueMany: (tx: Tx, jobs: ReportSendJob[]) => Promise<void>,
  now: Date,
): Promise<number> {
  let queued = 0;
  for (;;) {
    const taken = await ctx.database.transaction(async (tx) => {
      const due = await takeDueSubscriptions(tx, now, SWEEP_BATCH);
      const zones = new Map<string, string>();
      for (const workspaceId of new Set(due.map((row) => row.workspaceId))) {
        const scope = systemScope(workspaceId as WorkspaceId, 'job:report.due');
        zones.set(workspaceId, (await getWorkspace({ ...ctx, tx }, scope)).workspace.timeZone);
      }
      await setNextRuns(
        tx,
        due.map((row) => ({
          id: row.id,
          at: nextRunAfter(scheduleOfRow(row), now, zones.get(row.workspaceId) ?? 'UTC'),
        })),
      );
      await enqueueMany(
        tx,
        due.map((row) => ({
          workspaceId: row.workspaceId,
          subscriptionId: row.id,
          sentNow: false,
        })),
      );
      return due.length;
    });
    queued += taken;
    if (taken < SWEEP_BATCH) return queued;
  }
}

/** Whether a member may still read the report: still a member, with a role that reads it. */
async function memberMayRead(ctx: ServiceContext, scope: Scope, memberId: string, kind: string) {
  const member = await unlessNotFound(getMember(ctx, scope, memberId));
  const role = memberRole.safeParse(member?.role);
  return role.success && roleCan(role.data, kind === 'portfolio' ? 'partner.read' : 'plan.read');
}

async function pauseForGoneReport(ctx: ServiceContext, scope: Scope, row: SubscriptionRow) {
  await withTransaction(ctx, async (tx, ctx) => {
    const current = await findSubscription(tx, scope, row.id, { forUpdate: true });
    if (!current || current.status === 'paused') return;
    await updateSubscriptionRow(tx, scope, row.id, {
      status: 'paused',
      nextRunAt: null,
      version: current.version + 1,
      updatedAt: new Date(),
    });
    await recordAudit(tx, ctx, scope, {
      action: 'report_subscription.paused',
      entityType: 'report_subscription',
      entityId: row.id,
      before: { status: current.status },
      after: { status: 'paused', reason: 'The plan of this scorecard is gone' },
    });
  });
}

async function renderReport(
  ctx: ServiceContext,
  scope: Scope,
  row: SubscriptionRow,
  plan: ReportPlan,
  now: Date,
) {
  if (row.kind === 'portfolio') {
    const body = await portfolioReport(ctx, scope, row.filters as ReportFilters, now);
    return { body, filename: downloadName('portfolio', 'pdf', now) };
  }
  if (!plan) throw new Error('a scorecard without its plan');
  const report = await scorecardReport(ctx, scope, plan.id, now);
  return {
    body: report.body,
    filename: downloadName(
      `scorecard-${fileNamePart(report.partnerName, report.period)}`,
      'pdf',
      now,
    ),
  };
}

export type ReportDelivery = {
  outcome: 'sent' | 'skipped' | 'paused' | 'nobody';
  sent: number;
  skipped: number;
};

/**
 * Sends one subscription's report: the PDF made once, then one mail per recipient, each with its
 * own unsubscribe link. Everything is read again now: a member who left or may no longer read
 * the report, a contact deleted or moved to another partner, an unsubscribed recipient get
 * nothing; a scorecard whose plan is gone pauses the subscription. A failed mail fails the job,
 * which pg-boss retries: recipients already sent are skipped by their delivery record.
 */
export async function deliverReport(
  ctx: ServiceContext,
  mailer: Mailer | null,
  job: ReportSendJob,
  jobId: string,
  now = new Date(),
): Promise<ReportDelivery> {
  const scope = systemScope(job.workspaceId as WorkspaceId, 'job:report.send');
  const row = await findSubscription(ctx.database.db, scope, job.subscriptionId);
  if (!row || (!job.sentNow && row.status !== 'active')) {
    return { outcome: 'skipped', sent: 0, skipped: 0 };
  }
  const plan = await planOf(ctx, scope, row.planId);
  if (row.kind === 'scorecard' && !plan) {
    await pauseForGoneReport(ctx, scope, row);
    return { outcome: 'paused', sent: 0, skipped: 0 };
  }
  if (!mailer) throw new Error('SMTP_URL is not set; cannot send scheduled reports');
  const rows = (await findRecipientRows(ctx.database.db, scope, [row.id])).filter(
    (r) => r.unsubscribedAt === null,
  );
  const addressed = [];
  for (const recipient of await addressedRecipients(ctx, scope, rows, plan)) {
    if (!recipient.email) continue;
    if (recipient.memberId && !(await memberMayRead(ctx, scope, recipient.memberId, row.kind))) {
      continue;
    }
    addressed.push({ ...recipient, email: recipient.email });
  }
  const skipped = rows.length - addressed.length;
  if (addressed.length === 0) return { outcome: 'nobody', sent: 0, skipped };
  const { workspace } = await getWorkspace(ctx, scope);
  const owner = row.ownerMemberId
    ? await unlessNotFound(getMember(ctx, scope, row.ownerMemberId))
    : null;
  const report = await renderReport(ctx, scope, row, plan, now);
  const title = reportTitle(row.kind as 'portfolio' | 'scorecard', plan);
  for (const recipient of addressed) {
    const token = unsubscribeToken(ctx.config.secret, scope.workspaceId, recipient.id);
    const message = reportMessage({
      to: recipient.email,
      recipientName: recipient.name,
      title,
      schedule: scheduleInWords(scheduleOfRow(row)),
      workspaceName: workspace.name,
      ownerName: owner?.name ?? null,
      publicUrl: ctx.config.publicUrl,
      unsubscribeUrl: unsubscribeUrl(ctx.config.publicUrl, token),
      attachment: {
        filename: report.filename,
        content: report.body,
        contentType: 'application/pdf',
      },
    });
    // One delivery per job and recipient: a retry sends only to those not reached yet.
    const deliveryId = `${jobId}.${recipient.id}`;
    await deliverOnce(ctx.database, { channel: 'email', id: deliveryId }, () =>
      mailer.send(message, deliveryId),
    );
  }
  await withTransaction(ctx, async (tx, ctx) => {
    await updateSubscriptionRow(tx, scope, row.id, { lastSentAt: now });
    await recordAudit(tx, ctx, scope, {
      action: 'report_subscription.delivered',
      entityType: 'report_subscription',
      entityId: row.id,
      partnerId: plan?.partnerId,
      after: { sent: addressed.length, skipped, sentNow: job.sentNow },
    });
  });
  return { outcome: 'sent', sent: addressed.length, skipped };
}
