import { type SQL, sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  type PgColumn,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { openTaskStatuses } from '../../../domain/tasks';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { partners } from './partners';
import { teams } from './teams';
import { members, workspaces } from './workspaces';

/**
 * The open statuses as SQL constants (`'todo', 'in_progress'`): the partial index below and the
 * queries it serves must say "the task is open" in the same words for PostgreSQL to match them.
 */
export const openTaskStatusList = openTaskStatuses.map((s) => `'${s}'`).join(', ');

export function taskIsOpen(status: PgColumn): SQL {
  return sql`${status} IN (${sql.raw(openTaskStatusList)})`;
}

/** A unit of work with an assignee, a team, a due date, linked to any record (DESIGN §2). */
export const tasks = pgTable(
  'tasks',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    title: text('title').notNull(),
    description: text('description'),
    assigneeId: uuid('assignee_id'),
    teamId: uuid('team_id'),
    /** `YYYY-MM-DD` as text: a calendar date, never shifted, that sorts as text. */
    dueDate: text('due_date'),
    /** The due date, or `9999-12-31` when there is none: a non-null key for keyset pages. */
    dueSort: text('due_sort').notNull().generatedAlwaysAs(sql`coalesce(due_date, '9999-12-31')`),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    partnerId: uuid('partner_id'),
    /** The linked record (`links/`): resolved in scope when set, never a foreign key. */
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    visibility: text('visibility').notNull(),
    /** Lower-cased title, trigram-indexed for search. */
    searchText: text('search_text').notNull(),
    completedAt: at('completed_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'tasks_assignee_fk',
      columns: [t.workspaceId, t.assigneeId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    foreignKey({
      name: 'tasks_team_fk',
      columns: [t.workspaceId, t.teamId],
      foreignColumns: [teams.workspaceId, teams.id],
    }),
    foreignKey({
      name: 'tasks_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    index('tasks_assignee_idx').on(t.workspaceId, t.assigneeId, t.status, t.dueSort, t.id),
    // A member's open work by due date ("my work"), read in order without a sort.
    index('tasks_open_by_assignee_idx')
      .on(t.workspaceId, t.assigneeId, t.dueSort, t.id)
      .where(taskIsOpen(t.status)),
    index('tasks_due_idx').on(t.workspaceId, t.dueSort, t.id),
    index('tasks_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('tasks_partner_idx').on(t.workspaceId, t.partnerId, t.dueSort, t.id),
    index('tasks_team_idx').on(t.workspaceId, t.teamId, t.status),
    index('tasks_subject_idx').on(t.workspaceId, t.subjectType, t.subjectId),
    index('tasks_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);
