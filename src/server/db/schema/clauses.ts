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
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { workspaces } from './workspaces';

/**
 * The clause library (decision 049): reusable contract text with Mustache variables, its
 * category and ordered fallback positions. Archived clauses stay for the templates naming them.
 */
export const clauses = pgTable(
  'clauses',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    title: text('title').notNull(),
    /** Markdown with `{{variables}}`. */
    body: text('body').notNull(),
    category: text('category').notNull(),
    /** Alternative texts the negotiator may fall back to, most preferred first. */
    fallbackPositions: jsonb('fallback_positions').$type<string[]>().notNull().default([]),
    archivedAt: at('archived_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('clauses_workspace_title_idx').on(t.workspaceId, sql`lower(${t.title})`, t.id),
  ],
);

/** An agreement template: a name, the agreement type it drafts, and its clauses in order. */
export const agreementTemplates = pgTable(
  'agreement_templates',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    agreementType: text('agreement_type').notNull(),
    archivedAt: at('archived_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('agreement_templates_workspace_name_idx').on(t.workspaceId, sql`lower(${t.name})`, t.id),
  ],
);

/** A template's clauses, by position (0, 1, …); replaced as a whole when the template changes. */
export const agreementTemplateClauses = pgTable(
  'agreement_template_clauses',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    templateId: uuid('template_id').notNull(),
    position: integer('position').notNull(),
    clauseId: uuid('clause_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.templateId, t.position] }),
    foreignKey({
      name: 'agreement_template_clauses_template_fk',
      columns: [t.workspaceId, t.templateId],
      foreignColumns: [agreementTemplates.workspaceId, agreementTemplates.id],
    }),
    foreignKey({
      name: 'agreement_template_clauses_clause_fk',
      columns: [t.workspaceId, t.clauseId],
      foreignColumns: [clauses.workspaceId, clauses.id],
    }),
    index('agreement_template_clauses_clause_idx').on(t.workspaceId, t.clauseId),
    check('agreement_template_clauses_position_range', sql`${t.position} >= 0`),
  ],
);
