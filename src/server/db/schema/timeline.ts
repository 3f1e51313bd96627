import { sql } from 'drizzle-orm';
import { foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, tenantId } from './columns';
import { partners } from './partners';
import { workspaces } from './workspaces';

/**
 * The one indexed source of every timeline (decision 024): each feature writes an entry for
 * what happened, in the transaction of the change, and keeps it current when its subject changes.
 */
export const timelineEntries = pgTable(
  'timeline_entries',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id'),
    occurredAt: at('occurred_at').notNull(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** Like an audit event's actor: `member`, `api_key`, `partner_user` or `system`. */
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    /** Member and contact ids involved (actor, participants), for the person filter. */
    people: uuid('people').array().notNull().default(sql`'{}'::uuid[]`),
    summary: jsonb('summary').notNull().default(sql`'{}'::jsonb`),
    visibility: text('visibility').notNull().default('internal'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'timeline_entries_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    // Ascending on purpose: pages ask `ORDER BY occurred_at DESC, id DESC` (nulls first), which a
    // backward scan of these serves; a `DESC NULLS LAST` index matches neither way and made every
    // page sort all of the partner's entries.
    index('timeline_entries_partner_idx').on(t.workspaceId, t.partnerId, t.occurredAt, t.id),
    index('timeline_entries_workspace_idx').on(t.workspaceId, t.occurredAt, t.id),
    index('timeline_entries_subject_idx').on(t.workspaceId, t.subjectType, t.subjectId),
    index('timeline_entries_people_idx').using('gin', t.people),
  ],
);
