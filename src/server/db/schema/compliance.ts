import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SatisfiedBy } from '../../../domain/compliance';
import { agreements } from './agreements';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { workspaces } from './workspaces';

/** A workspace's compliance requirements per agreement type (decision 053). */
export const complianceRequirements = pgTable(
  'compliance_requirements',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    appliesTo: text('applies_to').array().notNull(),
    /** `pending_signature`, `active`, or null for a reminder that blocks nothing. */
    blocks: text('blocks'),
    satisfiedBy: jsonb('satisfied_by').$type<SatisfiedBy>(),
    archivedAt: at('archived_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('compliance_requirements_title_idx').on(t.workspaceId, t.title),
    check(
      'compliance_requirements_blocks',
      sql`${t.blocks} IS NULL OR ${t.blocks} IN ('pending_signature', 'active')`,
    ),
  ],
);

/**
 * One row per agreement and requirement that applies to its type: open, met with evidence or
 * waived with a reason. Who waived is kept by name (and member id, no key), so it stays
 * readable after they leave.
 */
export const agreementRequirements = pgTable(
  'agreement_requirements',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    agreementId: uuid('agreement_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    requirementId: uuid('requirement_id').notNull(),
    status: text('status').notNull().default('open'),
    evidence: text('evidence'),
    metAt: at('met_at'),
    waivedReason: text('waived_reason'),
    waivedByMemberId: uuid('waived_by_member_id'),
    waivedByName: text('waived_by_name'),
    waivedAt: at('waived_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'agreement_requirements_agreement_fk',
      columns: [t.workspaceId, t.partnerId, t.agreementId],
      foreignColumns: [agreements.workspaceId, agreements.partnerId, agreements.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'agreement_requirements_requirement_fk',
      columns: [t.workspaceId, t.requirementId],
      foreignColumns: [complianceRequirements.workspaceId, complianceRequirements.id],
    }),
    uniqueIndex('agreement_requirements_unique_idx').on(
      t.workspaceId,
      t.agreementId,
      t.requirementId,
    ),
    index('agreement_requirements_agreement_idx').on(t.workspaceId, t.agreementId, t.partnerId),
    index('agreement_requirements_requirement_idx').on(t.workspaceId, t.requirementId),
    check('agreement_requirements_status', sql`${t.status} IN ('open', 'met', 'waived')`),
    check(
      'agreement_requirements_met_has_evidence',
      sql`${t.status} <> 'met' OR ${t.evidence} IS NOT NULL`,
    ),
    check(
      'agreement_requirements_waived_has_reason',
      sql`${t.status} <> 'waived' OR ${t.waivedReason} IS NOT NULL`,
    ),
  ],
);
