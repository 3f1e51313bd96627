import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from './columns';
import { workspaces } from './workspaces';

/** Append-only: who changed what, when, with the record before and after. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** `member`, `api_key`, `partner_user` or `system`. */
    actorType: text('actor_type').notNull(),
    /** The user id of a member or partner user, or the API key id; null for a system actor. */
    actorId: uuid('actor_id'),
    /** The actor's name when it acted (a person, a key), or a system actor's key (`demo`, `job:…`). */
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    /** The partner the change belongs to, so a partner's history is one indexed read. */
    partnerId: uuid('partner_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('audit_events_entity_idx').on(t.workspaceId, t.entityType, t.entityId, t.id),
    index('audit_events_partner_idx').on(t.workspaceId, t.partnerId, t.id),
  ],
);
