import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ReportFilters } from '../../../domain/report-subscriptions';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { contacts } from './contacts';
import { members, workspaces } from './workspaces';

/**
 * Scheduled reports (decision 044): the portfolio report or a plan's scorecard, mailed weekly or
 * monthly. `plan_id` has no foreign key on purpose: a plan that is gone pauses the subscription
 * at its next run rather than blocking the plan's removal.
 */
export const reportSubscriptions = pgTable(
  'report_subscriptions',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** `portfolio` or `scorecard`. */
    kind: text('kind').notNull(),
    planId: uuid('plan_id'),
    filters: jsonb('filters').$type<ReportFilters>().notNull().default({}),
    /** `weekly` (with `weekday`) or `monthly` (with `day_of_month`, 1–28). */
    cadence: text('cadence').notNull(),
    weekday: text('weekday'),
    dayOfMonth: integer('day_of_month'),
    /** The member who made it; emptied when they leave (the subscription goes on). */
    ownerMemberId: uuid('owner_member_id'),
    /** `active` or `paused`. */
    status: text('status').notNull(),
    /** The next delivery; null while paused. */
    nextRunAt: at('next_run_at'),
    lastSentAt: at('last_sent_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'report_subscriptions_owner_fk',
      columns: [t.workspaceId, t.ownerMemberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('report_subscriptions_owner_idx').on(t.workspaceId, t.ownerMemberId),
    index('report_subscriptions_plan_idx').on(t.workspaceId, t.planId),
    // The sweep's read: active subscriptions by due time, across workspaces.
    index('report_subscriptions_due_idx').on(t.nextRunAt).where(sql`${t.status} = 'active'`),
    check(
      'report_subscriptions_schedule_check',
      sql`(${t.cadence} = 'weekly' AND ${t.weekday} IS NOT NULL AND ${t.dayOfMonth} IS NULL)
        OR (${t.cadence} = 'monthly' AND ${t.weekday} IS NULL AND ${t.dayOfMonth} BETWEEN 1 AND 28)`,
    ),
    check(
      'report_subscriptions_plan_check',
      sql`(${t.kind} = 'scorecard') = (${t.planId} IS NOT NULL)`,
    ),
  ],
);

/**
 * Who receives a subscription: a member or a contact of the scorecard's partner. Each has its own
 * unsubscribe link, kept only as the SHA-256 of its token; a member who leaves or a contact
 * deleted takes their row with them.
 */
export const reportRecipients = pgTable(
  'report_recipients',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    subscriptionId: uuid('subscription_id').notNull(),
    memberId: uuid('member_id'),
    contactId: uuid('contact_id'),
    tokenHash: text('token_hash').notNull(),
    unsubscribedAt: at('unsubscribed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'report_recipients_subscription_fk',
      columns: [t.workspaceId, t.subscriptionId],
      foreignColumns: [reportSubscriptions.workspaceId, reportSubscriptions.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'report_recipients_member_fk',
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'report_recipients_contact_fk',
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete('cascade'),
    uniqueIndex('report_recipients_member_idx').on(t.workspaceId, t.subscriptionId, t.memberId),
    uniqueIndex('report_recipients_contact_idx').on(t.workspaceId, t.subscriptionId, t.contactId),
    index('report_recipients_member_ref_idx').on(t.workspaceId, t.memberId),
    index('report_recipients_contact_ref_idx').on(t.workspaceId, t.contactId),
    uniqueIndex('report_recipients_token_idx').on(t.workspaceId, t.tokenHash),
    check(
      'report_recipients_one_kind_check',
      sql`(${t.memberId} IS NULL) <> (${t.contactId} IS NULL)`,
    ),
  ],
);
