import { sql } from 'drizzle-orm';
import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt, version } from './columns';
import { partners } from './partners';
import { workspaces } from './workspaces';

export const contacts = pgTable(
  'contacts',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    role: text('role').notNull(),
    notes: text('notes'),
    /** Lower-cased names and email, trigram-indexed for search. */
    searchText: text('search_text').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'contacts_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    index('contacts_workspace_name_idx').on(t.workspaceId, t.lastName, t.firstName, t.id),
    index('contacts_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('contacts_partner_idx').on(t.workspaceId, t.partnerId, t.lastName, t.id),
    index('contacts_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);
