import type { Plan } from '../../../domain/plans';
import type {
  ReportFilters,
  ReportKind,
  ReportRecipient,
  ReportSchedule,
  ReportSubscription,
  SubscriptionStatus,
  Weekday,
} from '../../../domain/report-subscriptions';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { partnerContactRefs } from '../contacts/contacts.service';
import { memberAddresses } from '../members/members.service';
import { getPlans } from '../plans/plans.service';
import {
  findRecipientRows,
  type RecipientRow,
  type SubscriptionRow,
} from './report-subscriptions.queries';

/** The plan a scorecard subscription sends, or null when it is gone (or out of reach). */
export async function planOf(
  ctx: ServiceContext,
  scope: Scope,
  planId: string | null,
): Promise<ReportPlan> {
  if (!planId) return null;
  return (await getPlans(ctx, scope, [planId])).get(planId) ?? null;
}

export type ReportPlan = Plan | null;

/** What a mail and the unsubscribe page call the report. */
export function reportTitle(kind: ReportKind, plan: ReportPlan): string {
  if (kind === 'portfolio') return 'Portfolio report';
  return plan ? `${plan.partnerName} scorecard, ${plan.period}` : 'Partner scorecard';
}

export function scheduleOfRow(row: SubscriptionRow): ReportSchedule {
  return row.cadence === 'weekly'
    ? { cadence: 'weekly', weekday: row.weekday as Weekday }
    : { cadence: 'monthly', dayOfMonth: row.dayOfMonth ?? 1 };
}

/** Each recipient with the name and address they have now; a contact of another partner has none. */
export async function addressedRecipients(
  ctx: ServiceContext,
  scope: Scope,
  rows: RecipientRow[],
  plan: ReportPlan,
): Promise<Array<ReportRecipient & { row: RecipientRow }>> {
  const db = dbOf(ctx);
  const members = await memberAddresses(
    db,
    scope,
    rows.flatMap((r) => (r.memberId ? [r.memberId] : [])),
  );
  const contactIds = rows.flatMap((r) => (r.contactId ? [r.contactId] : []));
  const contacts = plan
    ? await partnerContactRefs(db, scope, plan.partnerId, { ids: contactIds })
    : [];
  const contact = new Map(contacts.map((c) => [c.id, c]));
  return rows.map((row) => {
    const person = row.memberId ? members.get(row.memberId) : contact.get(row.contactId ?? '');
    return {
      row,
      id: row.id,
      memberId: row.memberId,
      contactId: row.contactId,
      name: person?.name ?? '',
      email: person?.email ?? null,
      unsubscribedAt: row.unsubscribedAt?.toISOString() ?? null,
    };
  });
}

/** Subscriptions as the API shows them: with their title and their recipients by name. */
export async function presentSubscriptions(
  ctx: ServiceContext,
  scope: Scope,
  rows: SubscriptionRow[],
): Promise<ReportSubscription[]> {
  const recipients = await findRecipientRows(
    dbOf(ctx),
    scope,
    rows.map((r) => r.id),
  );
  const plans = await getPlans(
    ctx,
    scope,
    rows.flatMap((r) => (r.planId ? [r.planId] : [])),
  );
  const planFor = (planId: string | null) => (planId ? (plans.get(planId) ?? null) : null);
  // Recipients are named per plan, since a scorecard's contacts are its partner's.
  const named = new Map<string, ReportRecipient[]>();
  for (const planId of new Set(rows.map((r) => r.planId))) {
    const ofPlan = new Set(rows.filter((r) => r.planId === planId).map((r) => r.id));
    const shown = await addressedRecipients(
      ctx,
      scope,
      recipients.filter((r) => ofPlan.has(r.subscriptionId)),
      planFor(planId),
    );
    for (const { row, ...recipient } of shown) {
      named.set(row.subscriptionId, [...(named.get(row.subscriptionId) ?? []), recipient]);
    }
  }
  const out: ReportSubscription[] = [];
  for (const row of rows) {
    const plan = planFor(row.planId);
    out.push({
      id: row.id,
      kind: row.kind as ReportKind,
      title: reportTitle(row.kind as ReportKind, plan),
      planId: row.planId,
      filters: row.filters as ReportFilters,
      cadence: row.cadence as ReportSubscription['cadence'],
      weekday: (row.weekday as Weekday | null) ?? null,
      dayOfMonth: row.dayOfMonth,
      status: row.status as SubscriptionStatus,
      ownerMemberId: row.ownerMemberId,
      nextRunAt: row.nextRunAt?.toISOString() ?? null,
      lastSentAt: row.lastSentAt?.toISOString() ?? null,
      recipients: named.get(row.id) ?? [],
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    });
  }
  return out;
}

export async function presentSubscription(
  ctx: ServiceContext,
  scope: Scope,
  row: SubscriptionRow,
): Promise<ReportSubscription> {
  const [one] = await presentSubscriptions(ctx, scope, [row]);
  if (!one) throw new Error('a subscription presented as nothing');
  return one;
}
