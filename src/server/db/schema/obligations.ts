import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { agreements } from './agreements';
import { createdAt, tenantId, updatedAt, version } from './columns';
import { tasks } from './tasks';
import { members, workspaces } from './workspaces';

/**
 * What each party of an agreement must do (decision 052): once by `due_on`, or on every
 * occurrence of `rrule` from `starts_on`. Occurrences on or before `done_through` are done;
 * `next_due_on` is the next one not done, stored on every change so the overdue sweep finds
 * overdue obligations with one indexed query.
 */
export const agreementObligations = pgTable(
  'agreement_obligations',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    agreementId: uuid('agreement_id').notNull(),
    description: text('description').notNull(),
    party: text('party').notNull(),
    /** Emptied by the agreements feature when the member leaves. */
    ownerId: uuid('owner_id'),
    dueOn: date('due_on', { mode: 'string' }),
    rrule: text('rrule'),
    startsOn: date('starts_on', { mode: 'string' }),
    status: text('status').notNull(),
    evidenceNote: text('evidence_note'),
    doneThrough: date('done_through', { mode: 'string' }),
    nextDueOn: date('next_due_on', { mode: 'string' }),
    /** The last due date its owner was told was overdue: each occurrence is told once. */
    notifiedDueOn: date('notified_due_on', { mode: 'string' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'agreement_obligations_agreement_fk',
      columns: [t.workspaceId, t.agreementId],
      foreignColumns: [agreements.workspaceId, agreements.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'agreement_obligations_owner_fk',
      columns: [t.workspaceId, t.ownerId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('agreement_obligations_agreement_idx').on(t.workspaceId, t.agreementId, t.createdAt),
    index('agreement_obligations_owner_idx').on(t.workspaceId, t.ownerId),
    // The overdue sweep reads open obligations by due date across workspaces.
    index('agreement_obligations_due_idx')
      .on(t.nextDueOn)
      .where(sql`${t.status} = 'open' AND ${t.nextDueOn} IS NOT NULL`),
    check('agreement_obligations_party', sql`${t.party} IN ('us', 'partner', 'both')`),
    check('agreement_obligations_status', sql`${t.status} IN ('open', 'done', 'waived')`),
    check(
      'agreement_obligations_schedule',
      sql`(${t.dueOn} IS NULL) <> (${t.rrule} IS NULL) AND (${t.rrule} IS NULL) = (${t.startsOn} IS NULL)`,
    ),
    check('agreement_obligations_description', sql`char_length(${t.description}) <= 2000`),
  ],
);

/**
 * The task made for one occurrence of an obligation (decision 058): one at most per
 * (obligation, occurrence date), so a second is refused. Deleting the task frees the
 * occurrence; deleting the obligation forgets the pairs and leaves the tasks.
 */
export const obligationTasks = pgTable(
  'obligation_tasks',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    obligationId: uuid('obligation_id').notNull(),
    occursOn: date('occurs_on', { mode: 'string' }).notNull(),
    taskId: uuid('task_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.obligationId, t.occursOn] }),
    foreignKey({
      name: 'obligation_tasks_obligation_fk',
      columns: [t.workspaceId, t.obligationId],
      foreignColumns: [agreementObligations.workspaceId, agreementObligations.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'obligation_tasks_task_fk',
      columns: [t.workspaceId, t.taskId],
      foreignColumns: [tasks.workspaceId, tasks.id],
    }).onDelete('cascade'),
    index('obligation_tasks_task_idx').on(t.workspaceId, t.taskId),
  ],
);
