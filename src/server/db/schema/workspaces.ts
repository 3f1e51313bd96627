import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { defaultHealthWeights, type HealthWeights } from '../../../domain/health-score';
import { defaultFiscalSettings } from '../../../domain/periods';
import {
  defaultRenewalReminderDays,
  type RenewalReminderDays,
} from '../../../domain/renewal-reminders';
import { users } from './auth';
import { at, createdAt, id, tenantId, updatedAt, version } from './columns';
import { partners } from './partners';

/** A tenant. Every tenant-owned row carries its id. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: id(),
    name: text('name').notNull(),
    /** The workspace's partner tiers, highest first. */
    tiers: text('tiers')
      .array()
      .notNull()
      .default(sql`ARRAY['platinum','gold','silver','bronze','registered']::text[]`),
    /** Days to respond to an issue by severity (`IssueResponseDays`). */
    issueResponseDays: jsonb('issue_response_days')
      .$type<{ low: number; medium: number; high: number; critical: number }>()
      .notNull()
      .default({ low: 14, medium: 7, high: 3, critical: 1 }),
    /**
     * Expected days between touches per tier name, and for partners without a known tier
     * (`ContactCadence`, decision 032). Nested so a tier may be called "default".
     */
    contactCadenceDays: jsonb('contact_cadence_days')
      .$type<{ default: number; tiers: Record<string, number> }>()
      .notNull()
      .default({
        default: 60,
        tiers: { platinum: 14, gold: 30, silver: 45, bronze: 60, registered: 90 },
      }),
    /** Relative weights of the health score's components (`HealthWeights`). */
    healthWeights: jsonb('health_weights')
      .$type<HealthWeights>()
      .notNull()
      .default(defaultHealthWeights),
    /** The calendar month (1 = January) its fiscal years start in (decision 037). */
    fiscalYearStartMonth: smallint('fiscal_year_start_month')
      .notNull()
      .default(defaultFiscalSettings.fiscalYearStartMonth),
    /** IANA time zone that decides which day, and so which fiscal period, an instant falls in. */
    timeZone: text('time_zone').notNull().default(defaultFiscalSettings.timeZone),
    /** Days before agreements' notice deadlines and end dates their owners are reminded (decision 059). */
    renewalReminderDays: jsonb('renewal_reminder_days')
      .$type<RenewalReminderDays>()
      .notNull()
      .default(defaultRenewalReminderDays),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      'workspaces_fiscal_year_start_month_range',
      sql`${t.fiscalYearStartMonth} BETWEEN 1 AND 12`,
    ),
  ],
);

/** An internal user of a workspace. A user belongs to one workspace (decision 003). */
export const members = pgTable(
  'members',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Global on purpose: a user belongs to one workspace (decision 003).
    uniqueIndex('members_user_idx').on(t.userId),
  ],
);

/** A person of a partner organization with portal access, bound to one partner. */
export const partnerUsers = pgTable(
  'partner_users',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'partner_users_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    // Global on purpose: a user belongs to one workspace (decision 003).
    uniqueIndex('partner_users_user_idx').on(t.userId),
    index('partner_users_partner_idx').on(t.workspaceId, t.partnerId),
  ],
);

/** An invitation: its token is stored only as a SHA-256 hash and is good once. */
export const invitations = pgTable(
  'invitations',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    email: text('email').notNull(),
    role: text('role').notNull(),
    partnerId: uuid('partner_id'),
    tokenHash: text('token_hash').notNull().unique(),
    /** The member who invited; emptied by the invitations feature when they leave. */
    invitedBy: uuid('invited_by'),
    expiresAt: at('expires_at').notNull(),
    acceptedAt: at('accepted_at'),
    revokedAt: at('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'invitations_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    foreignKey({
      name: 'invitations_invited_by_fk',
      columns: [t.workspaceId, t.invitedBy],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('invitations_workspace_idx').on(t.workspaceId, t.createdAt),
    index('invitations_partner_idx').on(t.workspaceId, t.partnerId),
    index('invitations_invited_by_idx').on(t.workspaceId, t.invitedBy),
  ],
);

/** Workspace API keys: a public prefix to find the row, the secret only as SHA-256. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    role: text('role').notNull(),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    /** The member who made the key; emptied by the API keys feature when they leave (revoked). */
    createdBy: uuid('created_by'),
    /** The key that made this key, when a key made it: revoking a key revokes what it made. */
    createdByKeyId: uuid('created_by_key_id'),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'api_keys_created_by_fk',
      columns: [t.workspaceId, t.createdBy],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('api_keys_workspace_idx').on(t.workspaceId, t.createdAt),
    index('api_keys_created_by_idx').on(t.workspaceId, t.createdBy),
    foreignKey({
      name: 'api_keys_created_by_key_fk',
      columns: [t.workspaceId, t.createdByKeyId],
      foreignColumns: [t.workspaceId, t.id],
    }),
    index('api_keys_created_by_key_idx').on(t.workspaceId, t.createdByKeyId),
  ],
);
