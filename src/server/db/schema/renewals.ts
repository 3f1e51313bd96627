import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { agreements } from './agreements';
import { createdAt } from './columns';
import { workspaces } from './workspaces';

/**
 * The renewal reminders sent (decision 059): one row per agreement, date kind, term (its end
 * date then) and lead time. The key is what makes a reminder go out once, however often the
 * sweep runs; a rolled or renegotiated term is a new end date and so a new set of reminders.
 */
export const agreementReminders = pgTable(
  'agreement_reminders',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    agreementId: uuid('agreement_id').notNull(),
    /** `notice_deadline` or `end_date`. */
    target: text('target').notNull(),
    /** The end of the term the reminder was for. */
    termEndOn: date('term_end_on', { mode: 'string' }).notNull(),
    leadDays: integer('lead_days').notNull(),
    /** The workspace's date on which it was sent. */
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // Leads with (workspace_id, agreement_id): also the index the cascade from agreements uses.
    primaryKey({
      name: 'agreement_reminders_pk',
      columns: [t.workspaceId, t.agreementId, t.target, t.termEndOn, t.leadDays],
    }),
    foreignKey({
      name: 'agreement_reminders_agreement_fk',
      columns: [t.workspaceId, t.agreementId],
      foreignColumns: [agreements.workspaceId, agreements.id],
    }).onDelete('cascade'),
    check('agreement_reminders_target', sql`${t.target} IN ('notice_deadline', 'end_date')`),
    check('agreement_reminders_lead_days', sql`${t.leadDays} >= 1`),
  ],
);
