import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { contacts } from './contacts';
import { partners } from './partners';
import { members, workspaces } from './workspaces';

/** A meeting, call, email, event or note with a partner. */
export const interactions = pgTable(
  'interactions',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id').notNull(),
    kind: text('kind').notNull(),
    occurredAt: at('occurred_at').notNull(),
    /** The IANA zone it was entered in, to show the time as the person saw it. */
    timeZone: text('time_zone').notNull(),
    durationMinutes: integer('duration_minutes'),
    /** Markdown, rendered without raw HTML. */
    summary: text('summary').notNull().default(''),
    outcome: text('outcome'),
    sentiment: text('sentiment'),
    visibility: text('visibility').notNull().default('internal'),
    nextSteps: text('next_steps').array().notNull().default(sql`'{}'::text[]`),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'interactions_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    index('interactions_partner_idx').on(t.workspaceId, t.partnerId, t.occurredAt, t.id),
    index('interactions_workspace_idx').on(t.workspaceId, t.occurredAt, t.id),
  ],
);

/**
 * Who took part: a member or a contact of the interaction's partner (exactly one of the two).
 * A participant who is deleted (a member who leaves, a contact removed) leaves the list with them.
 */
export const interactionParticipants = pgTable(
  'interaction_participants',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    interactionId: uuid('interaction_id').notNull(),
    memberId: uuid('member_id'),
    contactId: uuid('contact_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'interaction_participants_interaction_fk',
      columns: [t.workspaceId, t.interactionId],
      foreignColumns: [interactions.workspaceId, interactions.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'interaction_participants_member_fk',
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'interaction_participants_contact_fk',
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete('cascade'),
    check(
      'interaction_participants_one_person',
      sql`(${t.memberId} IS NULL) <> (${t.contactId} IS NULL)`,
    ),
    index('interaction_participants_interaction_idx').on(t.workspaceId, t.interactionId),
    index('interaction_participants_member_idx').on(t.workspaceId, t.memberId),
    index('interaction_participants_contact_idx').on(t.workspaceId, t.contactId),
  ],
);
