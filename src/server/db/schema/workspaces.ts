import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { at, createdAt, id, updatedAt } from './columns';
import { partners } from './partners';

/** A tenant. Every tenant-owned row carries its id. */
export const workspaces = pgTable('workspaces', {
  id: id(),
  name: text('name').notNull(),
  /** The workspace's partner tiers, highest first. */
  tiers: text('tiers')
    .array()
    .notNull()
    .default(sql`ARRAY['platinum','gold','silver','bronze','registered']::text[]`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** An internal user of a workspace. A user belongs to one workspace (decision 003). */
export const members = pgTable(
  'members',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('members_user_idx').on(t.userId),
    index('members_workspace_idx').on(t.workspaceId),
  ],
);

/** A person of a partner organization with portal access, bound to one partner. */
export const partnerUsers = pgTable(
  'partner_users',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('partner_users_user_idx').on(t.userId),
    index('partner_users_partner_idx').on(t.workspaceId, t.partnerId),
  ],
);

/** An invitation: its token is stored only as a SHA-256 hash and is good once. */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    email: text('email').notNull(),
    role: text('role').notNull(),
    partnerId: uuid('partner_id').references(() => partners.id),
    tokenHash: text('token_hash').notNull().unique(),
    /** The member who invited; kept empty once they leave. */
    invitedBy: uuid('invited_by').references(() => members.id, { onDelete: 'set null' }),
    expiresAt: at('expires_at').notNull(),
    acceptedAt: at('accepted_at'),
    revokedAt: at('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/** Workspace API keys: a public prefix to find the row, the secret only as SHA-256. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    role: text('role').notNull(),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    /** The member who made the key; kept empty once they leave (their keys are revoked). */
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId, t.createdAt)],
);
