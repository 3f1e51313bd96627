import { foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, tenantId } from './columns';
import { partners } from './partners';
import { workspaces } from './workspaces';

/**
 * What was shown to a partner user: one row per record per portal answer. Append-only, and it
 * outlives both the record and the person: neither is a foreign key, and the person's name and
 * email are copied as they were when it was shown.
 */
export const disclosures = pgTable(
  'disclosures',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id').notNull(),
    /** The partner user shown it in the portal; null when a signing link showed it. */
    partnerUserId: uuid('partner_user_id'),
    /** The contact a signing link was sent to, when a link showed it (decision 063). */
    contactId: uuid('contact_id'),
    personName: text('person_name').notNull(),
    personEmail: text('person_email').notNull(),
    /** `interaction`, `issue` or `agreement` (`disclosureRecordTypes`). */
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    /** The record's version when shown: its audit history tells what that version said. */
    recordVersion: integer('record_version').notNull(),
    /** `list` (a row of a page), `record` (opened on its own) or `signing_link` (a link's page). */
    view: text('view').notNull(),
    shownAt: at('shown_at').notNull().defaultNow(),
    requestId: text('request_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'disclosures_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    // Newest first, by id (UUIDv7): the workspace, a partner, a record, a person.
    index('disclosures_partner_idx').on(t.workspaceId, t.partnerId, t.id),
    index('disclosures_record_idx').on(t.workspaceId, t.recordId, t.id),
    index('disclosures_person_idx').on(t.workspaceId, t.partnerUserId, t.id),
  ],
);
