import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { members, workspaces } from './workspaces';

/**
 * An in-app notification for one member about one record. Removing a member deletes the
 * notifications they receive and forgets them as actor (the notifications feature's release).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    recipientId: uuid('recipient_id').notNull(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The record's title when notified, plain text. */
    title: text('title').notNull(),
    actorId: uuid('actor_id'),
    createdAt: createdAt(),
    readAt: at('read_at'),
    /** When a daily digest took it, so no digest repeats it. */
    digestedAt: at('digested_at'),
    /** An overdue notice's due date (`YYYY-MM-DD`): one notice per record, recipient and date. */
    dueOn: text('due_on'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'notifications_recipient_fk',
      columns: [t.workspaceId, t.recipientId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    foreignKey({
      name: 'notifications_actor_fk',
      columns: [t.workspaceId, t.actorId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('notifications_recipient_idx').on(t.workspaceId, t.recipientId, t.id),
    index('notifications_unread_idx')
      .on(t.workspaceId, t.recipientId, t.id)
      .where(sql`${t.readAt} IS NULL`),
    index('notifications_actor_idx').on(t.workspaceId, t.actorId),
    // The overdue sweep's memory: a record past a given due date is announced to a member once.
    uniqueIndex('notifications_overdue_once_idx')
      .on(t.workspaceId, t.subjectType, t.subjectId, t.recipientId, t.dueOn)
      .where(sql`${t.kind} = 'overdue'`),
  ],
);

/** A member's email switches per kind; no row means the defaults. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    memberId: uuid('member_id').notNull(),
    emailAssignment: boolean('email_assignment').notNull(),
    emailMention: boolean('email_mention').notNull(),
    emailOverdue: boolean('email_overdue').notNull(),
    /** Mail for an agreement obligation past due; on for members who never chose. */
    emailObligationOverdue: boolean('email_obligation_overdue').notNull().default(true),
    emailRenewal: boolean('email_renewal').notNull().default(true),
    emailDigest: boolean('email_digest').notNull(),
    /** When the last daily digest was queued for the member. */
    lastDigestAt: at('last_digest_at'),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.memberId] }),
    foreignKey({
      name: 'notification_preferences_member_fk',
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
  ],
);

/**
 * Mail Tandem would have sent had SMTP_URL been set: admins read it instead. Keyed by the job
 * that made it, so a retried job writes it once.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** The member it was for; emptied when they leave (the mail itself goes with them). */
    memberId: uuid('member_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'outbox_member_fk',
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('outbox_member_idx').on(t.workspaceId, t.memberId),
  ],
);
