import { foreignKey, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from './columns';
import { members, workspaces } from './workspaces';

/**
 * A member's secret calendar URL, kept only as the SHA-256 of its token. One per member: making
 * a new one replaces the old; revoking deletes it; a member who leaves takes it with them.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    memberId: uuid('member_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'calendar_feeds_member_fk',
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }).onDelete('cascade'),
    uniqueIndex('calendar_feeds_member_idx').on(t.workspaceId, t.memberId),
    uniqueIndex('calendar_feeds_token_idx').on(t.workspaceId, t.tokenHash),
  ],
);
