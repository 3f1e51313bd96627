import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PlanTemplate } from '../../../domain/plan-templates';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { workspaces } from './workspaces';

/**
 * Plan templates per partner type (decision 045). Objectives and KPI definitions are the
 * template's own content, read and written whole with it, so they are kept as JSON; a plan made
 * from a template copies them into its own rows. An objective's member is checked when written
 * and again when a plan is made (one who left is dropped then).
 */
export const planTemplates = pgTable(
  'plan_templates',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    /** A partner `type` (partners.ts). */
    partnerType: text('partner_type').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    summary: text('summary').notNull().default(''),
    objectives: jsonb('objectives').$type<PlanTemplate['objectives']>().notNull(),
    kpis: jsonb('kpis').$type<PlanTemplate['kpis']>().notNull(),
    archivedAt: at('archived_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // One default per partner type; archiving a template ends it being the default.
    uniqueIndex('plan_templates_default_idx')
      .on(t.workspaceId, t.partnerType)
      .where(sql`${t.isDefault}`),
    index('plan_templates_type_idx').on(t.workspaceId, t.partnerType, t.name),
  ],
);
