import {
  nextRunAfter,
  type ReportRecipient,
  type ReportRecipientCreate,
  type ReportSubscription,
  type ReportSubscriptionCreate,
  type ReportSubscriptionPage,
  type ReportSubscriptionUpdate,
  type Weekday,
} from '../../../domain/report-subscriptions';
import { callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import {
  checkedPlan,
  checkedRecipients,
  filtersNotAllowed,
  scheduleFrom,
} from './report-subscriptions.checks';
import {
  deleteRecipientRow,
  deleteSubscriptionRow,
  findRecipientRows,
  findSubscription,
  insertRecipientRows,
  insertSubscriptionRow,
  listSubscriptionRows,
  releaseOwner,
  type SubscriptionRow,
  updateSubscriptionRow,
} from './report-subscriptions.queries';
import { recipientRows } from './report-subscriptions.recipients';
import {
  addressedRecipients,
  planOf,
  presentSubscription,
  presentSubscriptions,
  scheduleOfRow,
} from './report-subscriptions.view';

async function timeZoneOf(ctx: ServiceContext, scope: Scope): Promise<string> {
  return (await getWorkspace(ctx, scope)).workspace.timeZone;
}

async function visibleSubscription(ctx: ServiceContext, scope: Scope, id: string, lock = false) {
  const row = await findSubscription(dbOf(ctx), scope, id, { forUpdate: lock });
  if (!row) throw errors.notFound('report subscription');
  return row;
}

export async function listReportSubscriptions(
  ctx: ServiceContext,
  scope: Scope,
  query: { limit: number; cursor?: string },
): Promise<ReportSubscriptionPage> {
  let after: string | null = null;
  if (query.cursor) {
    after = Buffer.from(query.cursor, 'base64url').toString('utf8');
    if (!/^[0-9a-f-]{36}$/.test(after)) {
      throw errors.badRequest('invalid_cursor', 'The cursor is not one this list gave', [
        { field: 'cursor', code: 'invalid_cursor', message: 'Not a cursor of this list' },
      ]);
    }
  }
  const rows = await listSubscriptionRows(dbOf(ctx), scope, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: await presentSubscriptions(ctx, scope, page),
    nextCursor:
      rows.length > query.limit && last ? Buffer.from(last.id).toString('base64url') : null,
  };
}

export async function getReportSubscription(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<ReportSubscription> {
  return presentSubscription(ctx, scope, await visibleSubscription(ctx, scope, id));
}

export function createReportSubscription(
  ctx: ServiceContext,
  scope: Scope,
  input: ReportSubscriptionCreate,
): Promise<ReportSubscription> {
  return withTransaction(ctx, async (tx, ctx) => {
    const schedule = scheduleFrom(input);
    const plan = await checkedPlan(ctx, scope, input);
    const memberIds = [...new Set(input.memberIds)];
    const contactIds = [...new Set(input.contactIds)];
    await checkedRecipients(
      ctx,
      scope,
      plan,
      { memberIds, contactIds },
      { members: (i) => `memberIds.${i}`, contacts: (i) => `contactIds.${i}` },
    );
    const now = new Date();
    const row = await insertSubscriptionRow(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      kind: input.kind,
      planId: plan?.id ?? null,
      filters: input.kind === 'portfolio' ? (input.filters ?? {}) : {},
      cadence: schedule.cadence,
      weekday: schedule.cadence === 'weekly' ? schedule.weekday : null,
      dayOfMonth: schedule.cadence === 'monthly' ? schedule.dayOfMonth : null,
      ownerMemberId: callerMemberId(scope),
      status: 'active',
      nextRunAt: nextRunAfter(schedule, now, await timeZoneOf(ctx, scope)),
      createdAt: now,
      updatedAt: now,
    });
    await insertRecipientRows(
      tx,
      recipientRows(ctx, scope.workspaceId, row.id, [
        ...memberIds.map((memberId) => ({ memberId })),
        ...contactIds.map((contactId) => ({ contactId })),
      ]),
    );
    const created = await presentSubscription(ctx, scope, row);
    await recordAudit(tx, ctx, scope, {
      action: 'report_subscription.created',
      entityType: 'report_subscription',
      entityId: row.id,
      partnerId: plan?.partnerId,
      after: created,
    });
    return created;
  });
}

/** One change to a subscription, written with its audit event and a new version. */
async function changeSubscription(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  options: { required: boolean; action: string },
  change: (tx: Tx, ctx: TxContext, row: SubscriptionRow) => Promise<Partial<SubscriptionRow>>,
): Promise<ReportSubscription> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleSubscription(ctx, scope, id, true);
    checkIfMatch(ifMatch, current.version, { required: options.required });
    const before = await presentSubscription(ctx, scope, current);
    const set = await change(tx, ctx, current);
    const row = await updateSubscriptionRow(tx, scope, id, {
      ...set,
      version: current.version + 1,
      updatedAt: new Date(),
    });
    const after = await presentSubscription(ctx, scope, row);
    const plan = await planOf(ctx, scope, row.planId);
    await recordAudit(tx, ctx, scope, {
      action: options.action,
      entityType: 'report_subscription',
      entityId: id,
      partnerId: plan?.partnerId,
      before,
      after,
    });
    return after;
  });
}

export function updateReportSubscription(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: ReportSubscriptionUpdate,
): Promise<ReportSubscription> {
  return changeSubscription(
    ctx,
    scope,
    id,
    ifMatch,
    { required: true, action: 'report_subscription.updated' },
    async (_tx, ctx, row) => {
      const cadenceChanged = input.cadence !== undefined && input.cadence !== row.cadence;
      // A new cadence takes its day from the request alone; otherwise a day given replaces the old.
      const schedule = scheduleFrom({
        cadence: input.cadence ?? (row.cadence as 'weekly' | 'monthly'),
        weekday:
          input.weekday !== undefined
            ? input.weekday
            : cadenceChanged
              ? null
              : (row.weekday as Weekday | null),
        dayOfMonth:
          input.dayOfMonth !== undefined
            ? input.dayOfMonth
            : cadenceChanged
              ? null
              : row.dayOfMonth,
      });
      if (input.filters && row.kind !== 'portfolio') {
        throw filtersNotAllowed();
      }
      const status = input.status ?? row.status;
      const scheduleChanged =
        JSON.stringify(schedule) !== JSON.stringify(scheduleOfRow(row)) || status !== row.status;
      const nextRunAt =
        status === 'paused'
          ? null
          : scheduleChanged || !row.nextRunAt
            ? nextRunAfter(schedule, new Date(), await timeZoneOf(ctx, scope))
            : row.nextRunAt;
      return {
        cadence: schedule.cadence,
        weekday: schedule.cadence === 'weekly' ? schedule.weekday : null,
        dayOfMonth: schedule.cadence === 'monthly' ? schedule.dayOfMonth : null,
        status,
        nextRunAt,
        ...(input.filters ? { filters: input.filters } : {}),
      };
    },
  );
}

export async function deleteReportSubscription(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleSubscription(ctx, scope, id, true);
    checkIfMatch(ifMatch, current.version, { required: false });
    const before = await presentSubscription(ctx, scope, current);
    const plan = await planOf(ctx, scope, current.planId);
    await deleteSubscriptionRow(tx, scope, id);
    await recordAudit(tx, ctx, scope, {
      action: 'report_subscription.deleted',
      entityType: 'report_subscription',
      entityId: id,
      partnerId: plan?.partnerId,
      before,
    });
  });
}

/** Adds one member or one contact of the scorecard's partner; 409 when they already receive it. */
export async function addReportRecipient(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  input: ReportRecipientCreate,
): Promise<ReportRecipient> {
  if ((input.memberId === undefined) === (input.contactId === undefined)) {
    throw errors.unprocessable('one_recipient', 'Name a member or a contact, one of them', [
      { field: 'memberId', code: 'one_recipient', message: 'Give memberId or contactId, not both' },
    ]);
  }
  let added: ReportRecipient | undefined;
  await changeSubscription(
    ctx,
    scope,
    id,
    undefined,
    { required: false, action: 'report_subscription.recipient_added' },
    async (tx, ctx, row) => {
      const plan = await planOf(ctx, scope, row.planId);
      await checkedRecipients(
        ctx,
        scope,
        plan,
        {
          memberIds: input.memberId ? [input.memberId] : [],
          contactIds: input.contactId ? [input.contactId] : [],
        },
        { members: () => 'memberId', contacts: () => 'contactId' },
      );
      const existing = await findRecipientRows(tx, scope, [row.id]);
      const same = existing.find((r) =>
        input.memberId ? r.memberId === input.memberId : r.contactId === input.contactId,
      );
      if (same) {
        const field = input.memberId ? 'memberId' : 'contactId';
        throw errors.conflict('recipient_exists', 'They already receive this report', {}, [
          { field, code: 'recipient_exists', message: 'Already a recipient' },
        ]);
      }
      const [inserted] = await insertRecipientRows(
        tx,
        recipientRows(ctx, scope.workspaceId, row.id, [input]),
      );
      if (!inserted) throw new Error('recipient not inserted');
      const [shown] = await addressedRecipients(ctx, scope, [inserted], plan);
      if (shown) {
        const { row: _row, ...recipient } = shown;
        added = recipient;
      }
      return {};
    },
  );
  if (!added) throw new Error('recipient not shown');
  return added;
}

export async function removeReportRecipient(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  recipientId: string,
): Promise<void> {
  await changeSubscription(
    ctx,
    scope,
    id,
    undefined,
    { required: false, action: 'report_subscription.recipient_removed' },
    async (tx, _ctx, row) => {
      const removed = await deleteRecipientRow(tx, scope, row.id, recipientId);
      if (!removed) throw errors.notFound('recipient');
      return {};
    },
  );
}

/** Queues the report for every recipient now; the schedule stays as it is. */
export async function sendReportNow(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<ReportSubscription> {
  return withTransaction(ctx, async (tx, ctx) => {
    const row = await visibleSubscription(ctx, scope, id, true);
    if (!ctx.config.smtpUrl) {
      throw errors.conflict(
        'mail_not_configured',
        'Reports go out by mail, and SMTP_URL is not set on this server',
      );
    }
    const shown = await presentSubscription(ctx, scope, row);
    await ctx.jobs.enqueue(tx, 'report.send', {
      workspaceId: scope.workspaceId,
      subscriptionId: row.id,
      sentNow: true,
    });
    await recordAudit(tx, ctx, scope, {
      action: 'report_subscription.sent_now',
      entityType: 'report_subscription',
      entityId: row.id,
      after: { recipients: shown.recipients.filter((r) => !r.unsubscribedAt).length },
    });
    return shown;
  });
}

/** A leaving member's subscriptions go on without an owner (their own recipient row goes). */
export async function releaseMemberReportSubscriptions(
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
): Promise<Record<string, unknown>> {
  const released = await releaseOwner(ctx.tx, scope.workspaceId, member.id);
  return released.length > 0 ? { reportSubscriptionsReleased: released.length } : {};
}
