import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { partners } from './partners';
import { workspaces } from './workspaces';

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    role: text('role').notNull(),
    notes: text('notes'),
    /** Lower-cased names and email, trigram-indexed for search. */
    searchText: text('search_text').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contacts_workspace_name_idx').on(t.workspaceId, t.lastName, t.firstName, t.id),
    index('contacts_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('contacts_partner_idx').on(t.workspaceId, t.partnerId, t.lastName, t.id),
    index('contacts_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);
