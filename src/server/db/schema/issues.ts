import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { partners } from './partners';
import { teams } from './teams';
import { members, workspaces } from './workspaces';

/** The issues and conflicts register: problems with a partner worked to resolution. */
export const issues = pgTable(
  'issues',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id').notNull(),
    /** The member who owns it; emptied by the issues feature when they leave. */
    ownerId: uuid('owner_id'),
    /** The team that works it; teams are retired, never deleted. */
    teamId: uuid('team_id'),
    title: text('title').notNull(),
    description: text('description'),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    /** The severity's place in `issueSeverities`, so the list sorts low to critical. */
    severityRank: integer('severity_rank').notNull(),
    status: text('status').notNull(),
    visibility: text('visibility').notNull().default('internal'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    resolutionNotes: text('resolution_notes'),
    resolvedAt: at('resolved_at'),
    /** The lower-cased title, trigram-indexed for search. */
    searchText: text('search_text').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'issues_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    foreignKey({
      name: 'issues_owner_fk',
      columns: [t.workspaceId, t.ownerId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    foreignKey({
      name: 'issues_team_fk',
      columns: [t.workspaceId, t.teamId],
      foreignColumns: [teams.workspaceId, teams.id],
    }),
    index('issues_team_idx').on(t.workspaceId, t.teamId),
    index('issues_workspace_due_idx').on(t.workspaceId, t.dueOn, t.id),
    index('issues_workspace_severity_idx').on(t.workspaceId, t.severityRank, t.id),
    index('issues_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('issues_partner_idx').on(t.workspaceId, t.partnerId, t.dueOn, t.id),
    index('issues_owner_idx').on(t.workspaceId, t.ownerId),
    index('issues_status_idx').on(t.workspaceId, t.status, t.dueOn),
    index('issues_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);
