import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { members, workspaces } from './workspaces';

export const partners = pgTable(
  'partners',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    /** Normalized domains, kept here for reading; partner_domains enforces uniqueness. */
    domains: text('domains').array().notNull().default(sql`'{}'::text[]`),
    website: text('website'),
    type: text('type').notNull(),
    tier: text('tier'),
    stage: text('stage').notNull(),
    ownerId: uuid('owner_id'),
    industry: text('industry'),
    country: text('country'),
    size: text('size'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    /** Expected days between touches for this partner; null follows the tier (decision 032). */
    contactCadenceDays: integer('contact_cadence_days'),
    /** The latest past interaction's time, kept by `refreshLastTouch` (decision 032). */
    lastTouchAt: at('last_touch_at'),
    /**
     * When the next touch is due: last touch plus the effective cadence, or the creation time
     * for a partner never touched. Kept with `last_touch_at` so the cooling list reads an index.
     */
    touchDueAt: at('touch_due_at').notNull().defaultNow(),
    /** Lower-cased name and domains, trigram-indexed for search. */
    searchText: text('search_text').notNull(),
    /** The latest daily health score (0–100), null until the first snapshot; for sorting and filters. */
    healthScore: smallint('health_score'),
    version: version(),
    archivedAt: at('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'partners_owner_fk',
      columns: [t.workspaceId, t.ownerId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('partners_owner_idx').on(t.workspaceId, t.ownerId),
    index('partners_workspace_name_idx').on(t.workspaceId, t.name, t.id),
    index('partners_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('partners_workspace_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    // Unscored partners sort below 0, so the list's keyset needs no NULL handling.
    index('partners_workspace_health_idx').on(
      t.workspaceId,
      sql`coalesce(${t.healthScore}, -1)`,
      t.id,
    ),
    index('partners_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('partners_tags_idx').using('gin', t.tags),
    check(
      'partners_contact_cadence_days_range',
      sql`${t.contactCadenceDays} IS NULL OR ${t.contactCadenceDays} BETWEEN 1 AND 365`,
    ),
    index('partners_touch_due_idx')
      .on(t.workspaceId, t.touchDueAt, t.id)
      .where(sql`${t.archivedAt} IS NULL`),
  ],
);

/** One row per (workspace, domain): the unique key makes concurrent duplicate creates lose. */
export const partnerDomains = pgTable(
  'partner_domains',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    domain: text('domain').notNull(),
    partnerId: uuid('partner_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.domain] }),
    foreignKey({
      name: 'partner_domains_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    index('partner_domains_partner_idx').on(t.workspaceId, t.partnerId),
  ],
);
