import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt, version } from './columns';
import { members, workspaces } from './workspaces';

/** A remark on a partner, interaction, issue or task (a link resolved in scope, not a key). */
export const comments = pgTable(
  'comments',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** Markdown, rendered without raw HTML. */
    body: text('body').notNull(),
    /** The member who wrote it; null for an API key, or once the member has left (released). */
    authorId: uuid('author_id'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'comments_author_fk',
      columns: [t.workspaceId, t.authorId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('comments_subject_idx').on(t.workspaceId, t.subjectType, t.subjectId, t.createdAt, t.id),
    index('comments_author_idx').on(t.workspaceId, t.authorId),
  ],
);

/** Who a comment mentions: members of the workspace only (the database refuses others). */
export const commentMentions = pgTable(
  'comment_mentions',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    commentId: uuid('comment_id').notNull(),
    memberId: uuid('member_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.commentId, t.memberId] }),
    foreignKey({
      name: 'comment_mentions_comment_fk',
      columns: [t.workspaceId, t.commentId],
      foreignColumns: [comments.workspaceId, comments.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'comment_mentions_member_fk',
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }).onDelete('cascade'),
    index('comment_mentions_member_idx').on(t.workspaceId, t.memberId),
  ],
);
