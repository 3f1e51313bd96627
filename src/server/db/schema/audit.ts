import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { workspaces } from './workspaces';

/** Append-only: who changed what, when, with the record before and after. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
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
    index('audit_events_entity_idx').on(t.workspaceId, t.entityType, t.entityId, t.id),
    index('audit_events_partner_idx').on(t.workspaceId, t.partnerId, t.id),
  ],
);
